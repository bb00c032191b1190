"""Must show 1: a partner enters a value on its project through the page and the API;
the dashboards ignore it until an officer approves it; once approved the partner cannot
edit it; an officer's correction keeps its reason in the history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.results.models import IndicatorValue, ValueStatus
from tests.results.factories import indicator_with_periods

pytestmark = pytest.mark.django_db


def _actual(client, indicator):
    page = client.get(reverse("results:project_results", args=[indicator.project_id]))
    assert page.status_code == 200
    row = page.context["results"].progress[0]
    return row.actual


def test_a_partners_value_counts_once_approved_and_is_then_locked(
    client, partner, partner_project, officer
):
    indicator, (period,) = indicator_with_periods(partner_project, years=(2026,))
    client.force_login(partner)
    page = client.post(
        reverse("results:indicatorvalue_create") + f"?indicator={indicator.pk}",
        {
            "period": period.pk,
            "value": "12",
            "narrative": "Promotion de janvier",
            "status": "submitted",
        },
    )
    assert page.status_code == 302, page.content.decode()[:3000]
    by_page = IndicatorValue.objects.get(narrative="Promotion de janvier")
    assert by_page.status == ValueStatus.SUBMITTED and by_page.entered_by == partner
    by_api = client.post(
        "/api/indicator-values",
        {
            "period": period.pk,
            "value": "8",
            "narrative": "Promotion de mars",
            "status": "submitted",
        },
        content_type="application/json",
    )
    assert by_api.status_code == 201, by_api.json()
    assert _actual(client, indicator) is None  # nothing approved yet

    client.force_login(officer)
    for value in IndicatorValue.objects.all():
        moved = client.post(
            reverse("results:value_move", args=[value.pk]),
            {"status": "approved", "version": value.version},
        )
        assert moved.status_code == 302
    assert _actual(client, indicator) == Decimal(20)  # the updates add up

    client.force_login(partner)
    by_page.refresh_from_db()
    edit = reverse("results:indicatorvalue_update", args=[by_page.pk])
    assert client.get(edit).status_code == 403
    locked = client.patch(
        f"/api/indicator-values/{by_page.pk}", {"value": "13"}, content_type="application/json"
    )
    assert locked.status_code == 403

    client.force_login(officer)
    refused = client.patch(
        f"/api/indicator-values/{by_page.pk}", {"value": "13"}, content_type="application/json"
    )
    assert refused.status_code == 400 and "reason" in refused.json()
    page = client.post(
        edit,
        {
            "period": period.pk,
            "value": "13",
            "narrative": "Promotion de janvier",
            "reason": "Un stagiaire compté deux fois",
            "version": by_page.version,
        },
    )
    assert page.status_code == 302, page.content.decode()[:3000]
    by_page.refresh_from_db()
    assert by_page.value == Decimal(13) and by_page.status == ValueStatus.APPROVED
    assert by_page.history.first().history_change_reason == "Un stagiaire compté deux fois"
    history = client.get(reverse("results:indicatorvalue_history", args=[by_page.pk]))
    assert "Un stagiaire compté deux fois" in history.content.decode()


def test_a_partner_cannot_approve_nor_reach_another_projects_values(
    client, partner, partner_project, other_project
):
    _indicator, (period,) = indicator_with_periods(partner_project, years=(2026,))
    _other, (hidden,) = indicator_with_periods(other_project, years=(2026,))
    client.force_login(partner)
    created = client.post(
        "/api/indicator-values",
        {"period": period.pk, "value": "3", "status": "submitted"},
        content_type="application/json",
    )
    refused = client.patch(
        f"/api/indicator-values/{created.json()['id']}",
        {"status": "approved"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "status" in refused.json()
    elsewhere = client.post(
        "/api/indicator-values",
        {"period": hidden.pk, "value": "3"},
        content_type="application/json",
    )
    assert elsewhere.status_code == 400 and "period" in elsewhere.json()


def test_an_officer_returns_a_value_with_a_comment_the_partner_reads(
    client, partner, partner_project, officer
):
    _indicator, (period,) = indicator_with_periods(partner_project, years=(2026,))
    client.force_login(partner)
    created = client.post(
        "/api/indicator-values",
        {"period": period.pk, "value": "3", "status": "submitted"},
        content_type="application/json",
    ).json()
    client.force_login(officer)
    queue = client.get(reverse("results:value_approvals"))
    assert queue.status_code == 200 and f"value-{created['id']}" in queue.content.decode()
    returned = client.patch(
        f"/api/indicator-values/{created['id']}",
        {"status": "returned", "return_comment": "Joindre les feuilles d'émargement"},
        content_type="application/json",
    )
    assert returned.status_code == 200, returned.json()
    client.force_login(partner)
    page = client.get(reverse("results:indicatorvalue_detail", args=[created["id"]]))
    assert "Joindre les feuilles d&#x27;émargement" in page.content.decode()


def test_a_move_without_a_status_is_refused_in_words_not_a_server_error(
    client, partner, partner_project
):
    _indicator, (period,) = indicator_with_periods(partner_project, years=(2026,))
    client.force_login(partner)
    created = client.post(
        "/api/indicator-values",
        {"period": period.pk, "value": "3"},
        content_type="application/json",
    ).json()
    move = reverse("results:value_move", args=[created["id"]])
    answer = client.post(move, {}, follow=True)
    assert answer.status_code == 200
    assert "Choisissez un statut." in answer.content.decode()
    odd = client.post(move, {"status": "submitted", "next": "' OR 1=1; --"})
    assert odd.status_code == 302 and odd.url == reverse(
        "results:indicatorvalue_detail", args=[created["id"]]
    )


def test_an_evidence_file_is_kept_with_the_value_and_served_to_its_readers(
    client, partner, partner_project, other_project, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    indicator, (period,) = indicator_with_periods(partner_project, years=(2026,))
    client.force_login(partner)
    pdf = SimpleUploadedFile("émargement.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    page = client.post(
        reverse("results:indicatorvalue_create") + f"?indicator={indicator.pk}",
        {"period": period.pk, "value": "5", "status": "draft", "evidence": pdf},
    )
    assert page.status_code == 302, page.content.decode()[:2000]
    value = IndicatorValue.objects.get()
    evidence = value.evidence.get()
    assert evidence.original_name == "émargement.pdf" and evidence.file.name.endswith(".pdf")
    url = reverse("results:value_evidence_file", args=[value.pk, evidence.pk])
    assert client.get(url).status_code == 200
    client.logout()
    from tests.factories import MembershipFactory, UserFactory

    stranger = UserFactory(role="partner")
    MembershipFactory(project=other_project, user=stranger)
    client.force_login(stranger)
    assert client.get(url).status_code == 404
