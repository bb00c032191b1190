"""Staff and volunteers: contracts ending within 60 days are flagged (home page, list
filter); one person's assignments never add up to more than 100 % of their time."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from maillage.core import hooks
from maillage.team.models import StaffMember
from maillage.team.services.staff import AssignmentService, StaffMemberService, peak_share
from tests.factories import PersonFactory, ProjectFactory
from tests.team.factories import AssignmentFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 9, 1)


def _home_templates(user, today):
    return [s.template for s in hooks.collect(hooks.HOME_ITEMS, user, today)]


def test_a_contract_ending_within_60_days_is_flagged_on_the_home_page(officer):
    StaffMemberFactory(end_on=TODAY + dt.timedelta(days=45))
    assert "team/_home_contracts.html" in _home_templates(officer, TODAY)


def test_a_contract_ending_later_is_not_flagged(officer):
    StaffMemberFactory(end_on=TODAY + dt.timedelta(days=61))
    StaffMemberFactory(end_on=TODAY - dt.timedelta(days=1))
    assert "team/_home_contracts.html" not in _home_templates(officer, TODAY)


def test_partners_get_no_contract_alert(partner):
    StaffMemberFactory(end_on=TODAY + dt.timedelta(days=10))
    assert "team/_home_contracts.html" not in _home_templates(partner, TODAY)


def test_the_list_filters_the_contracts_ending_within_60_days_of_the_date_given(client, officer):
    soon = StaffMemberFactory(end_on=TODAY + dt.timedelta(days=30), post="Volontaire VSI")
    StaffMemberFactory(end_on=TODAY + dt.timedelta(days=90), post="Chargée de mission")
    client.force_login(officer)
    response = client.get(
        reverse("team:staffmember_list"), {"contract_ending_from": TODAY.isoformat()}
    )
    assert response.status_code == 200
    rows = [obj for obj, _cells in response.context["rows"]]
    assert rows == [soon]


def test_a_contract_ending_before_it_starts_is_refused_naming_the_end(officer):
    with pytest.raises(ValidationError) as refused:
        StaffMemberService.create(
            data={
                "person": PersonFactory(),
                "post": "Volontaire",
                "start_on": dt.date(2026, 5, 1),
                "end_on": dt.date(2026, 4, 1),
            },
            by=officer,
        )
    assert "end_on" in refused.value.message_dict
    assert not StaffMember.objects.exists()


def test_assignments_of_one_person_may_not_exceed_100_percent(officer):
    staff = StaffMemberFactory()
    AssignmentFactory(staff=staff, share=60, start_on=dt.date(2026, 1, 1), end_on=None)
    with pytest.raises(ValidationError) as refused:
        AssignmentService.create(
            data={
                "staff": staff,
                "project": ProjectFactory(),
                "share": 50,
                "start_on": dt.date(2026, 6, 1),
                "end_on": dt.date(2026, 8, 31),
            },
            by=officer,
        )
    assert "share" in refused.value.message_dict
    assert "110" in refused.value.message_dict["share"][0]


def test_assignments_at_different_times_may_each_take_the_whole_time(officer):
    staff = StaffMemberFactory()
    AssignmentFactory(
        staff=staff, share=100, start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 5, 31)
    )
    AssignmentService.create(
        data={
            "staff": staff,
            "project": ProjectFactory(),
            "share": 100,
            "start_on": dt.date(2026, 6, 1),
            "end_on": None,
        },
        by=officer,
    )
    assert staff.assignments.count() == 2


def test_editing_an_assignment_counts_the_others_not_itself(officer):
    staff = StaffMemberFactory()
    row = AssignmentFactory(staff=staff, share=80)
    AssignmentFactory(staff=staff, share=20)
    AssignmentService.update(obj=row, data={"share": 80}, by=officer)
    with pytest.raises(ValidationError):
        AssignmentService.update(obj=row, data={"share": 81}, by=officer)


def test_the_peak_share_falls_on_the_day_the_most_assignments_overlap():
    rows = [
        (50, dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (30, dt.date(2026, 3, 1), dt.date(2026, 6, 30)),
        (40, dt.date(2026, 4, 1), None),
    ]
    assert peak_share(rows, dt.date(2026, 1, 1), None) == 80


def test_a_share_above_100_is_refused_on_the_page_naming_the_field(client, officer):
    staff = StaffMemberFactory()
    client.force_login(officer)
    response = client.post(
        reverse("team:assignment_add", args=[staff.pk]),
        {"project": ProjectFactory().pk, "share": "140", "start_on": "2026-01-01"},
    )
    assert response.status_code == 422
    assert "share" in response.context["form"].errors


def test_the_staff_page_shows_the_assignments_and_the_contract_flag(client, officer):
    staff = StaffMemberFactory(end_on=timezone.localdate() + dt.timedelta(days=20))
    AssignmentFactory(staff=staff, share=40, start_on=timezone.localdate(), end_on=None)
    client.force_login(officer)
    response = client.get(staff.get_absolute_url())
    assert response.status_code == 200
    assert response.context["contract_ends_soon"]
    assert response.context["current_share"] == 40


def test_partners_see_no_staff_record(client, partner):
    staff = StaffMemberFactory(person__user=partner)
    client.force_login(partner)
    assert client.get(staff.get_absolute_url()).status_code == 404
    listing = client.get(reverse("team:staffmember_list"))
    assert listing.status_code == 200 and not listing.context["rows"]
    assert client.get("/api/staff").json()["results"] == []
    assert client.get(f"/api/staff/{staff.pk}").status_code == 404
    assert client.get(reverse("team:calendar")).status_code == 403


def test_the_team_menu_entry_is_for_staff_only(officer, partner):
    def labels(user):
        return [str(entry.label) for entry in hooks.collect(hooks.NAVIGATION, user)]

    assert "Équipe" in labels(officer)
    assert "Équipe" not in labels(partner)


def test_the_home_page_names_the_contract_ending_soon(client, officer):
    staff = StaffMemberFactory(
        end_on=timezone.localdate() + dt.timedelta(days=30), post="Volontaire VSI"
    )
    client.force_login(officer)
    html = client.get(reverse("reporting:home")).content.decode()
    assert "Contrats se terminant dans les 60 jours" in html
    assert staff.get_absolute_url() in html
