"""Leave: a return before the start and leave overlapping another of the same person are
refused naming the field; only an administrator or the person's manager approves or
refuses, through one service, on the page and the API; approved leave reaches the
person's own calendar feed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from maillage.core import hooks
from maillage.team.models import Leave, LeaveStatus
from maillage.team.services.staff import LeaveService
from tests.factories import UserFactory
from tests.team.factories import LeaveFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def _data(staff, start, end, **extra):
    return {"staff": staff, "kind": "annual", "start_on": start, "end_on": end, **extra}


def test_a_return_before_the_start_is_refused_naming_the_end(officer):
    staff = StaffMemberFactory()
    with pytest.raises(ValidationError) as refused:
        LeaveService.create(
            data=_data(staff, dt.date(2026, 8, 10), dt.date(2026, 8, 3)), by=officer
        )
    assert list(refused.value.message_dict) == ["end_on"]
    assert not Leave.objects.exists()


def test_leave_overlapping_another_of_the_same_person_is_refused_naming_the_start(officer):
    staff = StaffMemberFactory()
    LeaveFactory(staff=staff, start_on=dt.date(2026, 8, 3), end_on=dt.date(2026, 8, 14))
    with pytest.raises(ValidationError) as refused:
        LeaveService.create(
            data=_data(staff, dt.date(2026, 8, 14), dt.date(2026, 8, 20)), by=officer
        )
    assert "start_on" in refused.value.message_dict
    assert "03/08/2026" in refused.value.message_dict["start_on"][0]


def test_leave_of_two_people_at_the_same_time_is_accepted(officer):
    LeaveFactory(start_on=dt.date(2026, 8, 3), end_on=dt.date(2026, 8, 14))
    LeaveService.create(
        data=_data(StaffMemberFactory(), dt.date(2026, 8, 3), dt.date(2026, 8, 14)), by=officer
    )
    assert Leave.objects.count() == 2


def test_refused_leave_does_not_block_new_dates(admin_user, officer):
    leave = LeaveFactory(start_on=dt.date(2026, 8, 3), end_on=dt.date(2026, 8, 14))
    LeaveService.decide(leave=leave, status=LeaveStatus.REFUSED, by=admin_user)
    LeaveService.create(
        data=_data(leave.staff, dt.date(2026, 8, 10), dt.date(2026, 8, 21)), by=officer
    )


def test_an_administrator_approves_leave_and_the_history_says_who(admin_user):
    leave = LeaveFactory()
    LeaveService.decide(leave=leave, status=LeaveStatus.APPROVED, by=admin_user)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED
    assert leave.decided_by == admin_user
    assert leave.history.first().history_user == admin_user


def test_the_manager_approves_the_leave_of_their_staff(officer):
    leave = LeaveFactory(staff=StaffMemberFactory(manager=officer))
    LeaveService.decide(leave=leave, status=LeaveStatus.APPROVED, by=officer)
    assert leave.status == LeaveStatus.APPROVED


def test_an_officer_who_is_not_the_manager_may_not_decide(officer):
    leave = LeaveFactory(staff=StaffMemberFactory(manager=UserFactory()))
    with pytest.raises(PermissionDenied):
        LeaveService.decide(leave=leave, status=LeaveStatus.APPROVED, by=officer)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.REQUESTED


def test_the_status_is_not_set_through_an_edit(officer):
    leave = LeaveFactory()
    LeaveService.update(obj=leave, data={"status": LeaveStatus.APPROVED, "note": "x"}, by=officer)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.REQUESTED


def test_moving_approved_leave_asks_for_a_new_decision(admin_user, officer):
    leave = LeaveFactory()
    LeaveService.decide(leave=leave, status=LeaveStatus.APPROVED, by=admin_user)
    LeaveService.update(obj=leave, data={"end_on": leave.end_on + dt.timedelta(days=2)}, by=officer)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.REQUESTED and leave.decided_by is None


def test_the_decision_page_approves_for_an_administrator(client, admin_user, officer):
    leave = LeaveFactory()
    client.force_login(officer)
    assert client.get(reverse("team:leave_decide", args=[leave.pk])).status_code == 403
    client.force_login(admin_user)
    response = client.post(reverse("team:leave_decide", args=[leave.pk]), {"status": "approved"})
    assert response.status_code == 302
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED


def test_the_api_decides_through_the_same_service(client, admin_user, officer):
    leave = LeaveFactory()
    client.force_login(officer)
    refused = client.patch(
        f"/api/leave/{leave.pk}", {"status": "approved"}, content_type="application/json"
    )
    assert refused.status_code == 403
    client.force_login(admin_user)
    done = client.patch(
        f"/api/leave/{leave.pk}", {"status": "approved"}, content_type="application/json"
    )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "approved"
    assert done.json()["decided_by"] == admin_user.pk


def test_the_api_refuses_an_overlap_with_400_naming_the_start(client, officer):
    staff = StaffMemberFactory()
    LeaveFactory(staff=staff, start_on=dt.date(2026, 8, 3), end_on=dt.date(2026, 8, 14))
    client.force_login(officer)
    response = client.post(
        "/api/leave",
        {"staff": staff.pk, "kind": "sick", "start_on": "2026-08-05", "end_on": "2026-08-06"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "start_on" in response.json()


def test_a_new_leave_cannot_arrive_approved_through_the_api(client, officer):
    client.force_login(officer)
    response = client.post(
        "/api/leave",
        {
            "staff": StaffMemberFactory().pk,
            "start_on": "2026-08-05",
            "end_on": "2026-08-06",
            "status": "approved",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "status" in response.json()
    assert not Leave.objects.exists()


def test_approved_leave_reaches_the_own_calendar_feed_only(admin_user, officer):
    mine = LeaveFactory(staff=StaffMemberFactory(user=officer))
    LeaveFactory(staff=StaffMemberFactory(user=officer))  # requested: not in the feed
    others = LeaveFactory()
    for leave in (mine, others):
        LeaveService.decide(leave=leave, status=LeaveStatus.APPROVED, by=admin_user)
    events = [
        e
        for e in hooks.collect(hooks.CALENDAR_EVENTS, officer, dt.date(2000, 1, 1))
        if e.uid.startswith("leave-")
    ]
    assert [e.uid for e in events] == [f"leave-{mine.pk}@maillage"]
    assert events[0].start == mine.start_on
    assert events[0].end == mine.end_on + dt.timedelta(days=1)


def test_the_decision_page_makes_as_many_queries_with_many_leaves(client, admin_user):
    from tests.querycount import assert_constant_queries

    leave = LeaveFactory()
    client.force_login(admin_user)
    assert_constant_queries(
        client,
        reverse("team:leave_decide", args=[leave.pk]),
        grow=lambda n: [LeaveFactory(staff=leave.staff) for _ in range(n)],
    )
