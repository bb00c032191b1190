"""Must show 3: marking an application submitted with a required document missing is
refused unless a reason is given, which the history shows — through the service, the
status page and the API alike. And its other rules: the checklist copied from the call,
the transitions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from maillage.accounts.services import ApiTokenService
from maillage.funding.models import Application, ApplicationStatus, ChecklistState
from maillage.funding.services.calls import ApplicationService
from tests.funding.factories_calls import CallDocumentFactory, CallFactory

pytestmark = pytest.mark.django_db
REASON = "Le bailleur accepte la délibération après le dépôt (courriel du 3 mars)."


@pytest.fixture
def application(officer):
    call = CallFactory(deadline_on=timezone.localdate() + dt.timedelta(days=20))
    CallDocumentFactory(call=call, name="Délibération du conseil", position=1)
    CallDocumentFactory(call=call, name="Budget prévisionnel", position=2)
    CallDocumentFactory(call=call, name="Lettre de soutien", position=3, required=False)
    return ApplicationService.create(
        data={"call": call, "idea_title": "Assainissement à Oujda", "status": "drafting"},
        by=officer,
    )


def test_the_checklist_is_copied_from_the_call(application):
    names = [(i.name, i.required) for i in application.checklist.order_by("position")]
    assert names == [
        ("Délibération du conseil", True),
        ("Budget prévisionnel", True),
        ("Lettre de soutien", False),
    ]


def test_submitting_with_a_required_document_missing_needs_a_reason(application, officer):
    with pytest.raises(ValidationError) as refused:
        ApplicationService.move(obj=application, status="submitted", by=officer)
    assert "reason" in refused.value.message_dict
    assert "Délibération du conseil" in refused.value.message_dict["reason"][0]
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFTING

    ApplicationService.move(obj=application, status="submitted", by=officer, reason=REASON)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_on is not None
    assert application.history.first().history_change_reason == REASON


def test_with_every_required_document_ready_no_reason_is_needed(application, officer):
    application.checklist.filter(required=True).update(state=ChecklistState.READY)
    ApplicationService.move(obj=application, status="submitted", by=officer)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


def test_the_history_tab_shows_the_reason(client, application, officer):
    ApplicationService.move(obj=application, status="submitted", by=officer, reason=REASON)
    client.force_login(officer)
    page = client.get(reverse("funding:application_history", args=[application.pk]))
    assert REASON in page.content.decode()


def test_the_status_page_refuses_then_takes_the_reason(client, application, officer):
    client.force_login(officer)
    url = reverse("funding:application_status", args=[application.pk])
    refused = client.post(url, {"status": "submitted"})
    assert refused.status_code == 422
    assert "Délibération du conseil" in refused.content.decode()
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFTING
    moved = client.post(url, {"status": "submitted", "reason": REASON})
    assert moved.status_code == 302
    assert Application.objects.get(pk=application.pk).history.first().history_change_reason == (
        REASON
    )


def test_the_board_gets_the_refusal_as_json(client, application, officer):
    client.force_login(officer)
    url = reverse("funding:application_status", args=[application.pk])
    refused = client.post(url, {"status": "submitted"}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 400
    assert "reason" in refused.json()["errors"]
    moved = client.post(url, {"status": "go_no_go"}, HTTP_ACCEPT="application/json")
    assert moved.status_code == 200
    assert moved.json()["status"] == "go_no_go"
    assert {m["status"] for m in moved.json()["moves"]} == {"watch", "drafting", "withdrawn"}


def test_the_api_applies_the_same_rule(client, application, officer):
    _token, key = ApiTokenService.issue(user=officer, name="Script", by=officer)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    url = f"/api/applications/{application.pk}"
    with translation.override("en"):
        refused = client.patch(
            url, {"status": "submitted"}, content_type="application/json", **auth
        )
    assert refused.status_code == 400
    assert "reason" in refused.json()
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFTING
    moved = client.patch(
        url, {"status": "submitted", "reason": REASON}, content_type="application/json", **auth
    )
    assert moved.status_code == 200, moved.content
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.history.first().history_change_reason == REASON


def test_a_move_outside_the_transitions_is_refused(application, officer):
    with pytest.raises(ValidationError) as refused:
        ApplicationService.move(obj=application, status="granted", by=officer)
    assert "status" in refused.value.message_dict


def test_a_new_application_starts_before_submission(officer):
    with pytest.raises(ValidationError) as refused:
        ApplicationService.create(
            data={"call": CallFactory(), "idea_title": "Idée", "status": "granted"}, by=officer
        )
    assert "status" in refused.value.message_dict


def test_an_application_needs_a_project_or_an_idea(officer):
    with pytest.raises(ValidationError) as refused:
        ApplicationService.create(data={"call": CallFactory()}, by=officer)
    assert "idea_title" in refused.value.message_dict


@pytest.mark.parametrize("amount", ["-1", "1000000000000"])
def test_negative_or_absurd_amounts_are_refused(officer, amount):
    from decimal import Decimal

    with pytest.raises(ValidationError) as refused:
        ApplicationService.create(
            data={"call": CallFactory(), "idea_title": "Idée", "requested_amount": Decimal(amount)},
            by=officer,
        )
    assert "requested_amount" in refused.value.message_dict
