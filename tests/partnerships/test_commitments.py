"""Commitments: overdue ones, reminders, and the "commitments by partner" page."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from openpyxl import load_workbook

from maillage.accounts.models import Role
from maillage.partnerships.models import Commitment, CommitmentStatus
from maillage.partnerships.selectors import commitments_by_partner
from maillage.partnerships.services import send_commitment_reminders
from tests.factories import OrganisationFactory, ProjectFactory, UserFactory
from tests.partnerships.factories import AgreementFactory, CommitmentFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 1)


# -- reminders --------------------------------------------------------------------------


@pytest.fixture
def follower(db):
    return UserFactory(username="youssef", role=Role.OFFICER, language="en")


def test_a_reminder_is_sent_once_within_the_window_before_the_due_date(follower):
    due = CommitmentFactory(follow_up_user=follower, due_on=TODAY + dt.timedelta(days=10))
    CommitmentFactory(follow_up_user=follower, due_on=TODAY + dt.timedelta(days=20))  # later
    CommitmentFactory(
        follow_up_user=follower,
        due_on=TODAY + dt.timedelta(days=5),
        status=CommitmentStatus.FULFILLED,
    )
    CommitmentFactory(follow_up_user=follower, due_on=TODAY - dt.timedelta(days=1))  # past
    CommitmentFactory(follow_up_user=None, due_on=TODAY + dt.timedelta(days=3))  # nobody

    result = send_commitment_reminders(today=TODAY)

    assert result.emails == 1
    assert [c.pk for c in result.commitments] == [due.pk]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [follower.email]
    assert due.text in mail.outbox[0].body
    due.refresh_from_db()
    assert due.reminded_at is not None

    again = send_commitment_reminders(today=TODAY)
    assert again.emails == 0
    assert len(mail.outbox) == 1


def test_the_window_is_the_commitments_own_number_of_days(follower):
    CommitmentFactory(
        follow_up_user=follower, due_on=TODAY + dt.timedelta(days=30), remind_days_before=30
    )
    CommitmentFactory(
        follow_up_user=follower, due_on=TODAY + dt.timedelta(days=31), remind_days_before=30
    )
    assert send_commitment_reminders(today=TODAY).emails == 1
    assert len(mail.outbox[0].body.split("\n- ")) == 2  # one commitment listed


def test_the_reminder_is_written_in_the_users_language(follower):
    french = UserFactory(username="camille", role=Role.OFFICER, language="fr")
    CommitmentFactory(follow_up_user=follower, due_on=TODAY + dt.timedelta(days=1))
    CommitmentFactory(follow_up_user=french, due_on=TODAY + dt.timedelta(days=1))
    send_commitment_reminders(today=TODAY)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    for user in (follower, french):
        with translation.override(user.language):
            expected = ngettext(
                "Maillage: %(count)d commitment coming due",
                "Maillage: %(count)d commitments coming due",
                1,
            ) % {"count": 1}
        assert subjects[user.email] == expected
    assert subjects[follower.email] == "Maillage: 1 commitment coming due"


def test_a_new_due_date_deserves_a_new_reminder(client, officer, follower):
    commitment = CommitmentFactory(
        follow_up_user=follower, due_on=TODAY, reminded_at=timezone.now()
    )
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:commitment_update", args=[commitment.pk]),
        {
            "party": commitment.party_id,
            "text": commitment.text,
            "due_on": "2026-12-01",
            "status": "planned",
            "remind_days_before": "14",
            "version": commitment.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    commitment.refresh_from_db()
    assert commitment.due_on == dt.date(2026, 12, 1)
    assert commitment.reminded_at is None


# -- commitments by partner -------------------------------------------------------------


def test_commitments_are_grouped_by_party_with_their_counts_and_overdue_ones(officer):
    lille = OrganisationFactory(name="Ville de Lille")
    oujda = OrganisationFactory(name="Commune urbaine d'Oujda")
    agreement = AgreementFactory()
    other = AgreementFactory()
    late = CommitmentFactory(agreement=agreement, party=oujda, due_on=TODAY - dt.timedelta(1))
    CommitmentFactory(
        agreement=agreement, party=oujda, status=CommitmentStatus.FULFILLED, due_on=TODAY
    )
    CommitmentFactory(agreement=agreement, party=lille, due_on=TODAY + dt.timedelta(days=3))
    CommitmentFactory(agreement=other, party=lille)

    groups = commitments_by_partner(user=officer, today=TODAY, agreement=agreement)

    assert [g.organisation for g in groups] == [oujda, lille]
    assert groups[0].counts["fulfilled"] == 1
    assert groups[0].counts["planned"] == 1
    assert groups[0].overdue == 1
    assert [c.overdue for c in groups[0].commitments] == [True, False]
    assert groups[0].commitments[0] == late
    assert groups[1].total == 1 and groups[1].overdue == 0


def test_the_project_filter_takes_direct_commitments_and_those_of_its_agreements(officer):
    project = ProjectFactory()
    agreement = AgreementFactory(projects=[project])
    direct = CommitmentFactory(project=project)
    through = CommitmentFactory(agreement=agreement)
    CommitmentFactory()
    groups = commitments_by_partner(user=officer, today=TODAY, project=project)
    assert {c for g in groups for c in g.commitments} == {direct, through}


def test_the_page_prints_and_exports_the_groups(client, officer):
    party = OrganisationFactory(name="Commune de Kaolack")
    agreement = AgreementFactory()
    CommitmentFactory(agreement=agreement, party=party, text="Constituer les associations")
    client.force_login(officer)
    url = reverse("partnerships:commitments_by_partner")
    page = client.get(url, {"agreement": agreement.pk})
    assert page.status_code == 200
    assert "Commune de Kaolack" in page.content.decode()
    assert "data-print" in page.content.decode()
    export = client.get(url, {"agreement": agreement.pk, "format": "xlsx"})
    assert export["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Commune de Kaolack"
    assert rows[1][1] == "Constituer les associations"


def test_overdue_filter_of_the_list(client, officer):
    today = timezone.localdate()
    CommitmentFactory(text="En retard", due_on=today - dt.timedelta(days=2))
    CommitmentFactory(text="À venir", due_on=today + dt.timedelta(days=2))
    client.force_login(officer)
    page = client.get(reverse("partnerships:commitment_list"), {"overdue": "on"}).content.decode()
    assert "En retard" in page and "À venir" not in page


def test_a_text_file_is_refused_as_evidence_and_nothing_is_saved(client, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    party = OrganisationFactory()
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:commitment_create"),
        {
            "party": party.pk,
            "text": "Engagement",
            "status": "planned",
            "remind_days_before": "14",
            "evidence_file": SimpleUploadedFile("preuve.pdf", b"<svg onload=alert(1)>"),
        },
    )
    assert response.status_code == 422
    assert not Commitment.objects.exists()
