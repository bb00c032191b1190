"""The pipeline board at national scale: each column shows its most relevant cards, its
total and a link to the whole column in the list; the filters narrow it in the database;
its queries and its size do not grow with the applications."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.funding.models import Application, ApplicationStatus, ChecklistItem
from maillage.funding.selectors.calls import BOARD_CARDS
from tests.factories import UserFactory
from tests.funding.factories_calls import ApplicationFactory, CallFactory
from tests.querycount import assert_constant_queries, page_queries

pytestmark = pytest.mark.django_db
BOARD = "/funding/applications/board/"


def bulk_applications(n, calls, owner=None, statuses=None):
    """`n` applications spread over `calls` and `statuses`, written at once (no history:
    the board reads the table, not its history), each with a required document missing."""
    statuses = statuses or [s for s, _label in ApplicationStatus.choices]
    rows = Application.objects.bulk_create(
        Application(
            call=call,
            idea_title=f"Idée {i}",
            status=status,
            owner=owner,
            requested_amount=Decimal("1000.00"),
        )
        for i, call, status in zip(
            range(n), itertools.cycle(calls), itertools.cycle(statuses), strict=False
        )
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(application=a, name="Budget signé", required=True) for a in rows
    )
    return rows


def column(page, status):
    """The markup of one column of the board."""
    start = page.index(f'data-status="{status}" data-label=')
    return page[start : page.index("</section>", start)]


def test_a_column_shows_the_soonest_deadlines_its_total_and_a_link_to_the_rest(client, officer):
    today = timezone.localdate()
    calls = [CallFactory(deadline_on=today + dt.timedelta(days=d)) for d in (40, 3, 90, 10)]
    passed = CallFactory(deadline_on=today + dt.timedelta(days=1))
    Application.objects.bulk_create(  # the deadline passed since (a call's clean refuses it)
        [Application(call=passed, idea_title="Échue", status=ApplicationStatus.DRAFTING)]
    )
    type(passed).objects.filter(pk=passed.pk).update(
        deadline_on=today - dt.timedelta(days=2),
        deadline_at=timezone.now() - dt.timedelta(days=2),
    )
    bulk_applications(BOARD_CARDS + 5, calls, statuses=[ApplicationStatus.DRAFTING])
    ApplicationFactory(idea_title="Soumise", status=ApplicationStatus.SUBMITTED)
    client.force_login(officer)

    page = client.get(BOARD).content.decode()

    drafting = column(page, "drafting")
    assert drafting.count("data-card") == BOARD_CARDS
    assert f'data-total="{BOARD_CARDS + 6}"' in drafting
    assert "6 autres non affichées" in drafting  # the French interface, as every user has it
    # The deadline 3 days away first; the one passed is not among the most relevant.
    first = drafting.index("data-card")
    assert calls[1].title in drafting[first : first + 1500]
    assert "Échue" not in drafting
    link = f"{reverse('funding:application_list')}?status=drafting"
    assert f'href="{link}"' in drafting
    listed = client.get(link).context["page"].paginator.count
    assert listed == BOARD_CARDS + 6
    # A column with every card shown has no link.
    submitted = column(page, "submitted")
    assert 'data-total="1"' in submitted and "data-column-list" not in submitted


def test_the_filters_narrow_the_board_and_its_links_in_the_database(client, officer):
    other = UserFactory(role="officer")
    water = CallFactory(
        instrument__name="Fonds eau", deadline_on=timezone.localdate() + dt.timedelta(days=20)
    )
    health = CallFactory(deadline_on=timezone.localdate() + dt.timedelta(days=200))
    bulk_applications(4, [water], owner=officer, statuses=[ApplicationStatus.WATCH])
    bulk_applications(3, [health], owner=other, statuses=[ApplicationStatus.WATCH])
    client.force_login(officer)

    def watch_total(**params):
        response = client.get(BOARD, params)
        assert response.status_code == 200
        columns = {c["status"]: c for c in response.context["columns"]}
        return columns["watch"]["total"], columns["watch"]["list_url"]

    assert watch_total()[0] == 7
    assert watch_total(call=water.pk)[0] == 4
    assert watch_total(donor=health.instrument.donor_id)[0] == 3
    assert watch_total(owner=other.pk)[0] == 3
    assert watch_total(mine="on")[0] == 4
    day = timezone.localdate() + dt.timedelta(days=100)
    assert watch_total(deadline_after=day.isoformat())[0] == 3
    assert watch_total(deadline_before=day.isoformat())[0] == 4
    assert watch_total(q="introuvable")[0] == 0
    total, link = watch_total(owner=other.pk, status="granted", sort="-x", q="")
    assert total == 3
    # The link opens the list on the column with the same filters (no stray status).
    assert link == f"{reverse('funding:application_list')}?owner={other.pk}&status=watch"
    assert client.get(link).context["page"].paginator.count == 3


def test_the_board_queries_do_not_grow_past_a_columns_cards(client, officer):
    calls = [CallFactory() for _ in range(3)]
    client.force_login(officer)
    assert_constant_queries(
        client,
        BOARD,
        grow=lambda n: bulk_applications(n * 10, calls, owner=officer),
        rows=(2, 40),  # 20 to 400 applications: every column past BOARD_CARDS
    )


def test_the_board_stays_small_with_thousands_of_applications(client, officer):
    calls = [CallFactory() for _ in range(30)]
    bulk_applications(3000, calls, owner=officer)
    client.force_login(officer)
    client.get(BOARD)  # warm-up
    queries = page_queries(client, BOARD)
    response = client.get(BOARD)
    assert len(response.content) < 200_000, len(response.content)
    assert sum(c["total"] for c in response.context["columns"]) == 3000
    assert queries <= 12, queries
