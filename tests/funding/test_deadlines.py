"""Must show 2: a call's deadline 5 days away appears on the home page and in the user's
iCalendar feed, which the `icalendar` package reads back at the right date, time and time
zone; the feed's address is secret and revocable. And a new call's deadline may not be
past."""

import datetime as dt
import zoneinfo
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from maillage.accounts.models import CalendarFeed
from maillage.accounts.services import CalendarFeedService
from maillage.funding.services.calls import ApplicationService, CallService
from tests.funding.factories_calls import ReportingObligationFactory
from tests.funding.factories_plans import InstrumentFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# The day the test is told as of: 10 March 2027, 09:00 in Paris.
NOW = dt.datetime(2027, 3, 10, 9, 0, tzinfo=PARIS)
TODAY = NOW.date()


@pytest.fixture
def frozen():
    with mock.patch("django.utils.timezone.now", return_value=NOW.astimezone(dt.UTC)):
        yield


@pytest.fixture
def call(officer, frozen):
    call = CallService.create(
        data={
            "instrument": InstrumentFactory(name="Appel à projets DAECT"),
            "title": "Appel à projets 2027 de soutien à l'action extérieure",
            "reference": "AAP-DAECT-2027",
            "deadline_on": TODAY + dt.timedelta(days=5),
            "deadline_time": dt.time(12, 0),
            "deadline_tz": "Europe/Paris",
        },
        by=officer,
    )
    ApplicationService.create(
        data={"call": call, "idea_title": "Eau potable à Oujda", "owner": officer},
        by=officer,
    )
    return call


def test_a_deadline_five_days_away_is_on_the_home_page(client, officer, call, frozen):
    client.force_login(officer)
    page = client.get(reverse("reporting:home")).content.decode()
    assert "Appel à projets 2027 de soutien" in page
    assert "15/03/2027 12:00" in page  # the deadline, in French, with its time
    assert "Europe/Paris" in page


def test_a_late_report_is_on_the_home_page_too(client, officer, frozen):
    report = ReportingObligationFactory(
        title="Rapport financier intermédiaire",
        due_on=TODAY + dt.timedelta(days=3),
        grant__application__owner=officer,
    )
    client.force_login(officer)
    page = client.get(reverse("reporting:home")).content.decode()
    assert report.title in page


def test_the_calendar_feed_reads_back_with_the_date_time_and_time_zone(
    client, officer, call, frozen
):
    _feed, secret = CalendarFeedService.issue(user=officer, by=officer)
    client.logout()  # a calendar program has no session: the secret is the credential
    response = client.get(reverse("reporting:calendar_feed", args=[secret]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = [e for e in calendar.walk("VEVENT") if "AAP-DAECT-2027" in str(e["SUMMARY"])]
    assert len(events) == 1
    start = events[0]["DTSTART"]
    assert start.params["TZID"] == "Europe/Paris"
    assert start.dt == dt.datetime(2027, 3, 15, 12, 0, tzinfo=PARIS)
    assert start.dt.utcoffset() == dt.timedelta(hours=1)  # winter time in Paris
    assert start.dt.astimezone(dt.UTC) == dt.datetime(2027, 3, 15, 11, 0, tzinfo=dt.UTC)
    zones = [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Paris"]


def test_only_the_digest_is_stored_and_a_revoked_address_answers_404(client, officer, call):
    feed, secret = CalendarFeedService.issue(user=officer, by=officer)
    stored = CalendarFeed.objects.get(pk=feed.pk)
    assert secret not in (stored.digest, stored.prefix)
    url = reverse("reporting:calendar_feed", args=[secret])
    assert client.get(url).status_code == 200
    # A new address replaces the old one.
    _new, other = CalendarFeedService.issue(user=officer, by=officer)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    response = client.post(reverse("reporting:calendar_feed_settings"), {"action": "revoke"})
    assert response.status_code == 302
    client.logout()
    assert client.get(reverse("reporting:calendar_feed", args=[other])).status_code == 404
    assert client.get(reverse("reporting:calendar_feed", args=["x" * 43])).status_code == 404


def test_the_feed_page_shows_the_address_once(client, officer, call):
    client.force_login(officer)
    response = client.post(reverse("reporting:calendar_feed_settings"), {"action": "create"})
    body = response.content.decode()
    assert "/calendar/" in body and ".ics" in body
    again = client.get(reverse("reporting:calendar_feed_settings")).content.decode()
    assert ".ics" not in again


def test_a_partners_feed_holds_no_funding_deadline(client, partner, call):
    _feed, secret = CalendarFeedService.issue(user=partner, by=partner)
    response = client.get(reverse("reporting:calendar_feed", args=[secret]))
    assert response.status_code == 200
    assert not list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_new_call_with_a_deadline_in_the_past_is_refused_on_that_field(officer, frozen):
    with pytest.raises(ValidationError) as refused:
        CallService.create(
            data={
                "instrument": InstrumentFactory(),
                "title": "Appel déjà clos",
                "deadline_on": TODAY - dt.timedelta(days=1),
                "deadline_tz": "Europe/Paris",
            },
            by=officer,
        )
    assert "deadline_on" in refused.value.message_dict


def test_a_deadline_passed_later_does_not_block_editing_the_call(officer, call):
    late = NOW + dt.timedelta(days=30)
    with mock.patch("django.utils.timezone.now", return_value=late.astimezone(dt.UTC)):
        call.refresh_from_db()
        CallService.update(obj=call, data={"title": "Appel clos, corrigé"}, by=officer)
    call.refresh_from_db()
    assert call.title == "Appel clos, corrigé"
