"""The meetings' hand-written pages and API actions make as many queries with many
invitees and action items as with few: the slot finder (page and API), the invitation
download, the home page's action items and a meeting's page."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory
from tests.missions.factories_meetings import ActionItemFactory, InviteeFactory, MeetingFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def _invite(meeting, n):
    for _ in range(n):
        InviteeFactory(meeting=meeting, person=PersonFactory(timezone="Africa/Casablanca"))


def test_the_slot_finder_of_a_meeting_makes_as_many_queries_with_many_invitees(client, officer):
    meeting = MeetingFactory()
    client.force_login(officer)
    url = f"{reverse('missions:meeting_slots')}?meeting={meeting.pk}"
    assert_constant_queries(client, url, grow=lambda n: _invite(meeting, n))
    api = f"/api/meetings/{meeting.pk}/slots"
    assert_constant_queries(client, api, grow=lambda n: _invite(meeting, n))


def test_the_slot_finder_for_chosen_people_makes_as_many_queries_with_more_people(client, officer):
    people: list = []

    def grow(n):
        people.extend(PersonFactory(timezone="America/Montreal") for _ in range(n))

    client.force_login(officer)
    grow(2)
    url = reverse("missions:meeting_slots")

    def ask():
        return client.get(url, {"people": [p.pk for p in people], "week": "2026-10-05"})

    from tests.querycount import count_queries

    ask()
    few, _sql, response = count_queries(ask)
    assert response.status_code == 200
    grow(18)
    many, _sql, response = count_queries(ask)
    assert many <= few


def test_the_invitation_and_the_meeting_page_make_as_many_queries_with_many_invitees(
    client, officer
):
    meeting = MeetingFactory()
    client.force_login(officer)
    for url in (reverse("missions:meeting_ics", args=[meeting.pk]), meeting.get_absolute_url()):
        assert_constant_queries(
            client,
            url,
            grow=lambda n: (
                _invite(meeting, n),
                [ActionItemFactory(meeting=meeting, owner_user=officer) for _ in range(n)],
            ),
        )


def test_the_home_page_makes_as_many_queries_with_many_action_items(client, officer):
    client.force_login(officer)
    assert_constant_queries(
        client,
        reverse("reporting:home"),
        grow=lambda n: [
            ActionItemFactory(owner_user=officer, meeting=MeetingFactory()) for _ in range(n)
        ],
    )
