"""`maillage bench-data`: the benchmarks' dataset, at its tiny scale (a few hundred rows
of each kind, the same code as national)."""

from __future__ import annotations

import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from maillage.__main__ import main
from maillage.accounts.models import User
from maillage.actors.identifiers import validate_siret
from maillage.actors.models import Interaction, Organisation, Person, Position
from maillage.core.models import SearchableModel
from maillage.core.models_search import SearchEntry
from maillage.core.search import kind_ids, rebuild, search
from maillage.demo.scale import NATIONAL, build_scale, database_has_data, scale_named
from maillage.finance.models import Expense
from maillage.partnerships.models import Agreement, Commitment
from maillage.projects.models import (
    Dependency,
    FieldUpdate,
    ItemKind,
    PlanItem,
    Project,
    ProjectMembership,
    Risk,
    creates_cycle,
)
from maillage.results.models import IndicatorValue
from tests.generic.entities import ENTITIES

pytestmark = pytest.mark.django_db

TINY = scale_named("tiny")


def snapshot() -> list[tuple[str, ...]]:
    """What two runs with the same seed must share."""
    return [
        *Organisation.objects.order_by("pk").values_list("name", "siret", "departement")[:50],
        *Project.objects.order_by("pk").values_list("code", "title", "country")[:50],
        *PlanItem.objects.order_by("pk").values_list("title", "kind")[:50],
    ]


@pytest.fixture(scope="module")
def tiny(django_db_setup, django_db_blocker):
    """Built twice (the first in a savepoint rolled back) to compare the runs; the second
    through the command, kept for the module's tests and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        with transaction.atomic():
            build_scale(TINY)
            first = snapshot()
            transaction.set_rollback(True)
        out = StringIO()
        call_command("bench_data", "--scale", "tiny", stdout=out)
        yield {"first": first, "second": snapshot(), "output": out.getvalue()}
        transaction.set_rollback(True)


def test_the_same_seed_gives_the_same_records(tiny):
    assert tiny["first"] == tiny["second"]
    assert len(tiny["first"]) == 150


def test_each_table_has_its_share_of_the_national_counts(tiny):
    expected = {
        Organisation: "organisations",
        Person: "people",
        Interaction: "interactions",
        Project: "projects",
        PlanItem: "plan_items",
        Risk: "risks",
        FieldUpdate: "updates",
        Agreement: "agreements",
        Commitment: "commitments",
    }
    for model, key in expected.items():
        assert model.objects.count() == round(NATIONAL[key] * TINY.factor), key
    assert Position.objects.count() >= Person.objects.count()
    # The command says how long each table took (the table lines are not translated).
    assert "  organisations " in tiny["output"] and " rows " in tiny["output"]
    assert "tasks and milestones" in tiny["output"]


def test_rows_pass_their_models_checks(tiny):
    for model in (Organisation, Person, Position, Interaction, Project, PlanItem, Risk):
        for obj in model._default_manager.order_by("?")[:40]:
            obj.full_clean()
    for obj in Agreement.objects.all()[:20]:
        obj.full_clean()
    for org in Organisation.objects.exclude(siret="")[:50]:
        validate_siret(org.siret)
        assert org.siret.startswith(org.siren)
        assert org.country == "FR" and org.departement


def test_history_holds_each_creation_with_its_links(tiny):
    for model in (Organisation, Person, Interaction, Project, PlanItem, Agreement):
        history = model.history.model
        assert history.objects.count() == model.objects.count(), model
        assert set(history.objects.values_list("history_type", flat=True)) == {"+"}
    interaction = Interaction.objects.filter(people__isnull=False).first()
    first = interaction.history.earliest("history_id")
    assert {p.person_id for p in first.people.all()} == set(
        interaction.people.values_list("pk", flat=True)
    )
    org = Organisation.objects.get(pk=Organisation.objects.order_by("pk")[3].pk)
    assert org.history.earliest("history_id").name == org.name


def test_a_big_plan_has_dependencies_without_cycles(tiny):
    big = Project.objects.order_by("pk").first()
    assert big.plan_items.count() == TINY.big_plan_items
    edges = list(
        Dependency.objects.filter(successor__project=big).values_list(
            "predecessor_id", "successor_id"
        )
    )
    assert len(edges) > TINY.big_plan_items // 2
    for before, after in edges:
        rest = [e for e in edges if e != (before, after)]
        assert not creates_cycle(rest, before, after)
    tasks = big.plan_items.filter(kind=ItemKind.TASK)
    assert not tasks.filter(parent__isnull=True).exists()


def test_partners_see_their_projects_only(tiny):
    partner = User.objects.get(username="bench-partner-1")
    officer = User.objects.get(username="bench-officer-1")
    mine = set(ProjectMembership.objects.filter(user=partner).values_list("project_id", flat=True))
    assert len(mine) == TINY.projects_per_partner + 1  # and the first big plan
    assert set(Project.objects.visible_to(partner).values_list("pk", flat=True)) == mine
    assert PlanItem.objects.visible_to(partner).count() > 0
    assert not PlanItem.objects.visible_to(partner).exclude(project_id__in=mine).exists()
    assert Organisation.objects.visible_to(partner).count() < Organisation.objects.count()
    assert Organisation.objects.visible_to(officer).count() == Organisation.objects.count()


def test_pages_open_for_officer_and_partner(tiny, client):
    big = Project.objects.order_by("pk").first()
    for username in ("bench-officer-1", "bench-partner-1"):
        user = User.objects.get(username=username)
        client.force_login(user)
        urls = [reverse("reporting:home"), reverse("projects:project_gantt", args=[big.pk])]
        for entity in ENTITIES:
            if entity.admin_only or (user.role == "partner" and not entity.partner_reads):
                continue
            urls.append(reverse(entity.url_name("list")))
            record = entity.model_class._default_manager.visible_to(user).first()
            if record is not None:
                urls.append(record.get_absolute_url())
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)


def test_the_index_written_batch_by_batch_is_what_a_rebuild_writes(tiny):
    """The generator indexes each batch while its rows are in memory (`index_new`) and
    does not rebuild: its entries must be a rebuild's, of every kind, field for field."""

    def entries() -> set[tuple]:
        return set(
            SearchEntry.objects.values_list(
                "content_type_id", "object_id", "project_id", "title", "text"
            )
        )

    written = entries()
    kinds = {ct for ct, *_rest in written}
    assert len(written) > 1_000
    for model in (Organisation, Interaction, PlanItem, Agreement, Expense, IndicatorValue):
        if issubclass(model, SearchableModel):
            assert set(kind_ids(model)) <= kinds, model  # the plan: activities, tasks, milestones
    with transaction.atomic():
        rebuild()
        assert entries() == written
        hits = search(User.objects.get(username="bench-admin"), written.pop()[3].split()[0])
        assert any(group.count for group in hits)
        transaction.set_rollback(True)


def test_the_command_refuses_a_database_with_data(tiny):
    assert database_has_data()
    with pytest.raises(CommandError, match="bench-data"):
        call_command("bench_data", "--scale", "tiny", stdout=StringIO())


def test_the_console_script_knows_the_hyphenated_name(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["maillage", "bench-data", "--help"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 0
    assert "--scale" in capsys.readouterr().out
