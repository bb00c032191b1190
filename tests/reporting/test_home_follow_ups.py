"""The home page tells each user what is theirs to follow up: the follow-ups of the
interactions they recorded, and the overdue reviews of the risks they own (or of the
unowned risks of the projects they manage). The date is set by each test."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.models import Role
from maillage.actors.selectors import follow_ups_due
from maillage.projects.models import MembershipRole, RiskStatus
from maillage.projects.selectors import risks_to_review
from tests.factories import (
    InteractionFactory,
    MembershipFactory,
    ProjectFactory,
    RiskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 1)
NOW = dt.datetime(2026, 9, 1, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(dt.UTC))


def days(n):
    return TODAY + dt.timedelta(days=n)


def test_the_follow_ups_of_the_interactions_i_recorded_appear_on_my_home_page(
    client, officer, clock
):
    other = UserFactory(username="camille", role=Role.OFFICER)

    def interaction(subject, **fields):
        return InteractionFactory(subject=subject, occurred_on=days(-20), **fields)

    interaction("Relancer la mairie", created_by=officer, follow_up_on=days(-2))
    interaction("Envoyer le compte rendu", created_by=officer, follow_up_on=days(3))
    interaction("Déjà relancé", created_by=officer, follow_up_on=days(-5), follow_up_done=True)
    interaction("Relance lointaine", created_by=officer, follow_up_on=days(30))
    interaction("Sans relance", created_by=officer)
    interaction("Relance d'un collègue", created_by=other, follow_up_on=days(-1))

    assert [i.subject for i in follow_ups_due(user=officer, today=TODAY)] == [
        "Relancer la mairie",
        "Envoyer le compte rendu",
    ]
    client.force_login(officer)
    body = client.get(reverse("reporting:home")).content.decode()
    assert "Relancer la mairie" in body and "Envoyer le compte rendu" in body
    for absent in ("Déjà relancé", "Relance lointaine", "Sans relance", "Relance d'un coll"):
        assert absent not in body
    late = body.index("Relancer la mairie")
    assert "badge-alert" in body[late : body.index("Envoyer le compte rendu")]
    assert f"{reverse('actors:interaction_list')}?follow_up_pending=true" in body

    client.force_login(other)
    body = client.get(reverse("reporting:home")).content.decode()
    assert "Relance d&#x27;un collègue" in body and "Relancer la mairie" not in body


def test_overdue_risk_reviews_appear_on_the_home_page_of_who_reviews_them(client, officer, clock):
    managed = ProjectFactory(code="LIL-OUJ")
    MembershipFactory(project=managed, user=officer, role=MembershipRole.MANAGER)
    elsewhere = ProjectFactory(code="LYO-SFX")
    RiskFactory(project=elsewhere, title="Change du dirham", owner=officer, review_on=days(-3))
    RiskFactory(project=managed, title="Saison des pluies", owner=None, review_on=days(-1))
    RiskFactory(project=elsewhere, title="Revue à venir", owner=officer, review_on=days(2))
    RiskFactory(
        project=elsewhere,
        title="Risque clos",
        owner=officer,
        review_on=days(-9),
        status=RiskStatus.CLOSED,
    )
    RiskFactory(project=elsewhere, title="Sans responsable", owner=None, review_on=days(-9))
    RiskFactory(
        project=managed, title="Risque d'un collègue", owner=UserFactory(), review_on=days(-4)
    )

    assert [r.title for r in risks_to_review(user=officer, today=TODAY)] == [
        "Change du dirham",
        "Saison des pluies",
    ]
    client.force_login(officer)
    body = client.get(reverse("reporting:home")).content.decode()
    assert "Change du dirham" in body and "Saison des pluies" in body
    for absent in ("Revue à venir", "Risque clos", "Sans responsable", "Risque d&#x27;un"):
        assert absent not in body
    assert f"{reverse('projects:risk_list')}?review_overdue=true" in body


def test_a_partner_sees_no_follow_up_or_risk_it_may_not_open(
    client, partner, partner_project, clock
):
    hidden = ProjectFactory(code="HIDDEN-1")
    RiskFactory(project=hidden, title="Risque caché", owner=partner, review_on=days(-3))
    RiskFactory(project=partner_project, title="Risque partagé", owner=partner, review_on=days(-3))
    InteractionFactory(subject="Échange interne", created_by=partner, follow_up_on=days(-1))
    client.force_login(partner)
    body = client.get(reverse("reporting:home")).content.decode()
    assert "Risque partagé" in body
    assert "Risque caché" not in body and "Échange interne" not in body


def test_nothing_due_adds_no_section(client, officer, clock):
    InteractionFactory(created_by=officer, follow_up_on=days(10))
    RiskFactory(owner=officer, review_on=days(1))
    client.force_login(officer)
    body = client.get(reverse("reporting:home")).content.decode()
    assert "follow-ups-title" not in body and "risk-reviews-title" not in body
