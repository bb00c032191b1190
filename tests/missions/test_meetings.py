"""Meetings (G2): the invitation .ics parses with `icalendar` in the meeting's own time
zone; an overdue action item shows on its owner's home page until done; a working
group's meeting invites its members; a meeting outside an invitee's working hours is
kept with a warning; a malformed .ics is refused naming the field; partners see only
their projects' meetings, those they are invited to and their own action items."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.missions.invitations import read_ics
from maillage.missions.models import ActionItem, Invitee, Meeting
from maillage.missions.services.meetings import (
    ActionItemService,
    MeetingService,
    send_invitations,
)
from maillage.reporting.views import home as home_views
from tests.factories import GroupFactory, GroupMemberFactory, PersonFactory, UserFactory
from tests.missions.factories_meetings import ActionItemFactory, InviteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db

CASABLANCA = zoneinfo.ZoneInfo("Africa/Casablanca")


def _casablanca_meeting(**extra):
    # 10:00 in Oujda on Tuesday 6 October 2026 (Morocco on UTC+1).
    start = dt.datetime(2026, 10, 6, 10, 0, tzinfo=CASABLANCA)
    return MeetingFactory(
        title="Comité de pilotage Lille–Oujda",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        timezone="Africa/Casablanca",
        **extra,
    )


def test_the_invitation_parses_with_icalendar_in_the_meetings_time_zone(client, officer):
    meeting = _casablanca_meeting()
    InviteeFactory(meeting=meeting, person=PersonFactory(email="salma@example.ma"))
    client.force_login(officer)
    response = client.get(reverse("missions:meeting_ics", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert zones == ["Africa/Casablanca"]
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Africa/Casablanca"
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (10, 0)
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 10, 6, 9, 0, tzinfo=dt.UTC)
    assert event.decoded("DTEND") - start == dt.timedelta(hours=2)
    assert str(event["UID"]) == f"meeting-{meeting.pk}@maillage"
    assert "salma@example.ma" in str(event["ATTENDEE"])
    assert b"DTSTART;TZID=Africa/Casablanca:20261006T100000" in response.content


def test_an_overdue_action_item_stays_on_its_owners_home_page_until_done(
    client, officer, monkeypatch
):
    meeting = _casablanca_meeting()
    item = ActionItemFactory(
        title="Transmettre le budget révisé", owner_user=officer, meeting=meeting,
        due_on=dt.date(2026, 9, 15),
    )  # fmt: skip
    later = ActionItemFactory(title="Préparer la mission", owner_user=officer)
    someone_elses = ActionItemFactory(title="Action d'un autre", owner_user=UserFactory())
    # The home page as of 1 September 2026, then of 20 October.
    day = [dt.date(2026, 9, 1)]
    monkeypatch.setattr(home_views, "today_for", lambda user: day[0])
    client.force_login(officer)
    page = client.get(reverse("reporting:home")).content.decode()
    assert item.title in page and later.title in page
    assert someone_elses.title not in page
    assert "en retard" not in page
    day[0] = dt.date(2026, 10, 20)
    page = client.get(reverse("reporting:home")).content.decode()
    assert item.title in page
    assert "en retard depuis le 15/09/2026" in page
    ActionItemService.update(obj=item, data={"status": "done"}, by=officer)
    item.refresh_from_db()
    assert item.done_on is not None  # today, said by the service
    page = client.get(reverse("reporting:home")).content.decode()
    assert item.title not in page
    assert later.title in page


def test_a_working_groups_meeting_invites_its_members(officer):
    group = GroupFactory(name="Eau et assainissement")
    members = [
        GroupMemberFactory(group=group, organisation=None, person=PersonFactory()) for _ in range(2)
    ]
    organisation_member = GroupMemberFactory(group=group)
    meeting = MeetingService.create(
        data={
            "kind": "working_group",
            "title": "Groupe eau",
            "starts_at": dt.datetime(2026, 10, 8, 12, tzinfo=dt.UTC),
            "ends_at": dt.datetime(2026, 10, 8, 14, tzinfo=dt.UTC),
            "timezone": "Europe/Paris",
            "group": group,
        },
        by=officer,
    )
    invited = Invitee.objects.filter(meeting=meeting)
    assert {i.person_id for i in invited if i.person_id} == {m.person_id for m in members}
    assert {i.organisation_id for i in invited if i.organisation_id} == {
        organisation_member.organisation_id
    }


def test_a_meeting_outside_an_invitees_working_hours_is_kept_with_a_warning(client, officer):
    meeting = _casablanca_meeting()
    montreal = PersonFactory(first_name="Léa", last_name="Tremblay", timezone="America/Montreal")
    InviteeFactory(meeting=meeting, person=montreal)  # 10:00 Oujda = 5:00 in Montreal
    InviteeFactory(meeting=meeting, person=PersonFactory(timezone="Africa/Casablanca"))
    client.force_login(officer)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Hors des heures de travail" in page
    assert "Léa Tremblay (America/Montreal, 09:00–18:00)" in page
    form = client.get(reverse("missions:meeting_update", args=[meeting.pk])).content.decode()
    assert "Léa Tremblay (America/Montreal" in form
    # Saving is not refused: the warning is not an error.
    response = client.post(
        reverse("missions:meeting_update", args=[meeting.pk]),
        {
            "version": meeting.version,
            "kind": "steering_committee",
            "title": "Comité déplacé",
            "starts_at": "2026-10-06T11:00",
            "ends_at": "2026-10-06T13:00",
            "timezone": "Africa/Casablanca",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    # Typed in the meeting's own time zone, whatever the reader's.
    assert meeting.starts_at == dt.datetime(2026, 10, 6, 10, tzinfo=dt.UTC)


MALFORMED = [
    (b"not a calendar at all", "BEGIN:VCALENDAR"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "VEVENT"),
    (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261006T100000Z\r\n"
        b"DTEND:20261006T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "SUMMARY",
    ),
    (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Comit\xc3\xa9\r\nDTSTART:2026-99\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
        "DTSTART",
    ),
    (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Atelier\r\nDTSTART;VALUE=DATE:20261006\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
        "DTSTART",
    ),
    (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Atelier\r\nDTSTART:20261006T100000Z\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
        "DTEND",
    ),
    (b"BEGIN:VCALENDAR\r\n" + b"X" * 300_000, "Ko"),
]


@pytest.mark.parametrize(("content", "named"), MALFORMED)
def test_a_malformed_ics_is_refused_naming_what_is_wrong(content, named):
    with pytest.raises(ValidationError) as refused:
        read_ics(content)
    messages = refused.value.message_dict["file"]
    assert any(named in m for m in messages), messages


def test_an_ics_upload_creates_a_meeting_and_updates_its_own(client, officer):
    body = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\n"
        "UID:abc@example.org\r\nSUMMARY:Atelier décentralisé\r\n"
        "DTSTART;TZID=Europe/Paris:20261112T143000\r\nDURATION:PT1H30M\r\n"
        "LOCATION:Lille\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    client.force_login(officer)
    url = reverse("missions:meeting_upload")
    response = client.post(url, {"file": SimpleUploadedFile("a.ics", body.encode())})
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Atelier décentralisé")
    assert meeting.timezone == "Europe/Paris"
    assert meeting.starts_at == dt.datetime(2026, 11, 12, 13, 30, tzinfo=dt.UTC)
    assert meeting.ends_at - meeting.starts_at == dt.timedelta(minutes=90)
    # Its own .ics, moved by an hour in a calendar, updates it instead of a copy.
    own = client.get(reverse("missions:meeting_ics", args=[meeting.pk])).content
    moved = own.replace(b"20261112T143000", b"20261112T153000").replace(
        b"20261112T160000", b"20261112T170000"
    )
    response = client.post(url, {"file": SimpleUploadedFile("b.ics", moved)})
    assert response.status_code == 302
    assert Meeting.objects.count() == 1
    meeting.refresh_from_db()
    assert meeting.starts_at == dt.datetime(2026, 11, 12, 14, 30, tzinfo=dt.UTC)
    bad = client.post(url, {"file": SimpleUploadedFile("c.ics", b"BEGIN:VCALENDAR\r\n")})
    assert bad.status_code == 422
    assert "Le fichier .ics n&#x27;a pas pu être lu" in bad.content.decode()


def test_invitations_are_emailed_once_with_the_ics(officer):
    meeting = _casablanca_meeting(organiser=officer)
    InviteeFactory(meeting=meeting, person=PersonFactory(email="salma@example.ma"))
    InviteeFactory(meeting=meeting, person=PersonFactory(email=""))  # nothing to send to
    sent = send_invitations(meeting=meeting, by=officer)
    assert [i.person.email for i in sent] == ["salma@example.ma"]
    (message,) = mail.outbox
    name, content, mimetype = message.attachments[0]
    assert name == "invitation.ics" and mimetype.startswith("text/calendar")
    assert b"TZID=Africa/Casablanca" in (
        content if isinstance(content, bytes) else content.encode()
    )
    assert send_invitations(meeting=meeting, by=officer) == []  # once
    assert len(mail.outbox) == 1
    # A new time is a new invitation.
    MeetingService.update(
        obj=meeting, data={"starts_at": meeting.starts_at + dt.timedelta(hours=1),
                           "ends_at": meeting.ends_at + dt.timedelta(hours=1)}, by=officer,
    )  # fmt: skip
    assert len(send_invitations(meeting=meeting, by=officer)) == 1


def test_partners_see_their_projects_meetings_and_those_they_are_invited_to(
    client, partner, partner_project, other_project
):
    own = MeetingFactory(projects=[partner_project])
    invited = MeetingFactory(projects=[other_project])
    InviteeFactory(meeting=invited, person=PersonFactory(user=partner))
    hidden = MeetingFactory(projects=[other_project], title="Comité confidentiel")
    assert set(Meeting.objects.visible_to(partner)) == {own, invited}
    client.force_login(partner)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("missions:meeting_ics", args=[hidden.pk])).status_code == 404
    assert client.get(f"/api/meetings/{hidden.pk}").status_code == 404
    assert client.get(reverse("missions:meeting_slots")).status_code == 403
    assert client.get(f"/api/meetings/{own.pk}/slots").status_code == 403
    listing = client.get(reverse("missions:meeting_list")).content.decode()
    assert "Comité confidentiel" not in listing


def test_action_items_are_seen_by_their_owner_and_the_staff(client, partner, officer, viewer):
    mine = ActionItemFactory(owner_user=partner)
    as_person = ActionItemFactory(owner_user=None, owner_person=PersonFactory(user=partner))
    others = ActionItemFactory(owner_user=officer, title="Action interne")
    assert set(ActionItem.objects.visible_to(partner)) == {mine, as_person}
    assert set(ActionItem.objects.visible_to(viewer)) == {mine, as_person, others}
    client.force_login(partner)
    assert client.get(others.get_absolute_url()).status_code == 404
    assert client.get(f"/api/action-items/{others.pk}").status_code == 404
    # A partner reads its own, and does not write.
    assert client.get(mine.get_absolute_url()).status_code == 200
    response = client.patch(
        f"/api/action-items/{mine.pk}", {"status": "done"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_an_action_item_has_one_owner_a_user_or_a_person(officer):
    with pytest.raises(ValidationError) as refused:
        ActionItemService.create(
            data={"title": "Sans responsable", "due_on": dt.date(2026, 10, 1)}, by=officer
        )
    assert "owner_user" in refused.value.message_dict


def test_the_api_writes_invitees_through_the_service(client, officer):
    people = [PersonFactory(), PersonFactory()]
    client.force_login(officer)
    response = client.post(
        "/api/meetings",
        {
            "kind": "steering_committee",
            "title": "Comité API",
            "starts_at": "2026-10-06T10:00:00+01:00",
            "ends_at": "2026-10-06T12:00:00+01:00",
            "timezone": "Africa/Casablanca",
            "invitees": [
                {"person": people[0].pk, "attendance": "attending"},
                {"person": people[1].pk},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(title="Comité API")
    assert meeting.invitees.count() == 2
    twice = client.patch(
        f"/api/meetings/{meeting.pk}",
        {"invitees": [{"person": people[0].pk}, {"person": people[0].pk}]},
        content_type="application/json",
    )
    assert twice.status_code == 400 and "invitees" in twice.json()
    ends_first = client.patch(
        f"/api/meetings/{meeting.pk}",
        {"ends_at": "2026-10-06T08:00:00+01:00"},
        content_type="application/json",
    )
    assert ends_first.status_code == 400 and "ends_at" in ends_first.json()
    slots = client.get(f"/api/meetings/{meeting.pk}/slots", {"week": "2026-10-05"})
    assert slots.status_code == 200
    assert slots.json()["slots"]
    ics = client.get(f"/api/meetings/{meeting.pk}/ics")
    assert ics.status_code == 200
    assert b"TZID=Africa/Casablanca" in ics.content


def test_minutes_and_decisions_are_rendered_safely(officer):
    meeting = MeetingService.create(
        data={
            "title": "Comité",
            "starts_at": dt.datetime(2026, 10, 6, 8, tzinfo=dt.UTC),
            "ends_at": dt.datetime(2026, 10, 6, 9, tzinfo=dt.UTC),
            "minutes": "## Avancement\n\n**Validé** <script>alert(1)</script>",
            "decisions": "- [lien](javascript:alert(1))\n- Décision 2",
        },
        by=officer,
    )
    assert "<h3>Avancement</h3>" in meeting.minutes_html  # headings under the page's h2
    assert "<strong>Validé</strong>" in meeting.minutes_html
    assert "<script" not in meeting.minutes_html
    assert 'href="javascript' not in meeting.decisions_html
    assert "<li>Décision 2</li>" in meeting.decisions_html


def test_the_slot_finder_page_shows_each_participants_local_time(client, officer):
    meeting = _casablanca_meeting()
    InviteeFactory(meeting=meeting, person=PersonFactory(timezone="America/Montreal"))
    InviteeFactory(meeting=meeting, person=PersonFactory(timezone="Africa/Casablanca"))
    client.force_login(officer)
    url = reverse("missions:meeting_slots")
    for params in (
        {"meeting": meeting.pk},
        {"meeting": meeting.pk, "week": "2026-10-26", "duration": "90", "step": "30"},
    ):
        page = client.get(url, params).content.decode()
        assert "Créneaux proposés" in page
        assert "America/Montreal" in page and "Africa/Casablanca" in page
        assert "Choisissez au moins une personne" not in page
    paris = PersonFactory(timezone="Europe/Paris")
    montreal = PersonFactory(timezone="America/Montreal")
    page = client.get(
        url, {"people": [paris.pk, montreal.pk], "week": "2027-02-22", "duration": "60",
              "step": "60"},
    ).content.decode()  # fmt: skip
    # 9:00 in Montreal is 15:00 in Paris that week: the first slot of Monday.
    assert "15:00–16:00" in page and "09:00–10:00" in page
    empty = client.get(url, {"week": "2026-10-05", "duration": "60", "step": "30"})
    assert "Choisissez au moins une personne ou un utilisateur." in empty.content.decode()


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00", "9999-12-31T23:59", "<script>x</script>", "-99999999999", "é"]
)
def test_a_bad_start_is_refused_on_its_field(client, officer, value):
    client.force_login(officer)
    response = client.post(
        reverse("missions:meeting_create"),
        {"kind": "other", "title": "Réunion", "starts_at": value, "ends_at": value,
         "timezone": "Pacific/Kiritimati"},
    )  # fmt: skip
    assert response.status_code == 422
    assert not Meeting.objects.exists()
    assert response.context["form"].errors["starts_at"]
