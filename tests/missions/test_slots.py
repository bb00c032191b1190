"""The slot finder proposes only slots inside everyone's working hours, for invitees in
Europe/Paris, Africa/Casablanca and America/Montreal, in ordinary weeks, in the weeks
the clocks change and during Ramadan 2027 (Morocco on UTC+0 from 7 February to 14
March 2027 in the tz database). Fixed dates; the offsets come from zoneinfo."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo

from maillage.missions.slots import (
    Participant,
    find_slots,
    fitting_slots,
    outside_hours,
    week_start,
)

PARIS = Participant("Camille", "Europe/Paris")
CASABLANCA = Participant("Youssef", "Africa/Casablanca")
MONTREAL = Participant("Léa", "America/Montreal")
TRIO = (PARIS, CASABLANCA, MONTREAL)
HOUR = dt.timedelta(hours=1)


def offset(tz: str, day: dt.date) -> dt.timedelta:
    moment = dt.datetime.combine(day, dt.time(12), tzinfo=zoneinfo.ZoneInfo(tz))
    return moment.utcoffset() or dt.timedelta(0)


def assert_inside_everyones_hours(slots, participants=TRIO):
    assert slots, "no slot proposed"
    for slot in slots:
        for person in participants:
            start, end = person.local(slot.start), person.local(slot.end)
            assert start.isoweekday() in person.days, (person.name, start)
            assert person.start <= start.time() and end.time() <= person.end, (person.name, start)
            assert start.date() == end.date()
        # the local times shown are the participants' own
        assert [local[1] for local in slot.local] == [p.local(slot.start) for p in participants]


def test_the_tz_database_moves_the_clocks_on_the_dates_the_tests_rely_on():
    # Paris: last Sundays of March and October; Montreal: 2nd Sunday of March, 1st of
    # November; Casablanca: UTC+1 except during Ramadan (UTC+0 7 Feb – 14 Mar 2027).
    assert offset("Europe/Paris", dt.date(2026, 10, 23)) == 2 * HOUR
    assert offset("Europe/Paris", dt.date(2026, 10, 26)) == HOUR
    assert offset("America/Montreal", dt.date(2026, 10, 30)) == -4 * HOUR
    assert offset("America/Montreal", dt.date(2026, 11, 2)) == -5 * HOUR
    assert offset("Africa/Casablanca", dt.date(2027, 2, 5)) == HOUR
    assert offset("Africa/Casablanca", dt.date(2027, 2, 22)) == dt.timedelta(0)
    assert offset("Africa/Casablanca", dt.date(2027, 3, 15)) == HOUR
    assert offset("Europe/Paris", dt.date(2027, 3, 26)) == HOUR
    assert offset("Europe/Paris", dt.date(2027, 3, 29)) == 2 * HOUR


def test_an_ordinary_week_gives_the_overlap_of_paris_casablanca_and_montreal():
    every = fitting_slots(TRIO, monday=dt.date(2026, 9, 14), duration=HOUR, tz="Europe/Paris")
    assert {s.start.time() for s in every} == {
        dt.time(13),
        dt.time(13, 30),
        dt.time(14),
        dt.time(14, 30),
        dt.time(15),
    }
    # Week of 14 September 2026: Paris UTC+2, Casablanca UTC+1, Montreal UTC-4. Montreal
    # opens at 9:00 = 13:00 UTC; Paris closes at 18:00 = 16:00 UTC: 13:00–16:00 UTC.
    slots = find_slots(TRIO, monday=dt.date(2026, 9, 14), duration=HOUR, tz="Europe/Paris")
    assert_inside_everyones_hours(slots)
    for slot in slots:
        assert dt.time(13) <= slot.start.time() and slot.end.time() <= dt.time(16)
    assert {s.start.date().isoweekday() for s in slots} == {1, 2, 3, 4, 5}
    best = slots[0]
    assert PARIS.local(best.start).hour >= 15  # afternoon in Paris, morning in Montreal


def test_the_week_europe_has_moved_its_clocks_and_montreal_has_not():
    # 26–30 October 2026: Paris back on UTC+1, Montreal still UTC-4 until 1 November;
    # the overlap is 13:00–17:00 UTC that week, 14:00–17:00 UTC the next.
    late_october = fitting_slots(
        TRIO, monday=dt.date(2026, 10, 26), duration=2 * HOUR, tz="Europe/Paris"
    )
    assert_inside_everyones_hours(late_october)
    assert any(s.start.time() == dt.time(13) for s in late_october)
    november = fitting_slots(
        TRIO, monday=dt.date(2026, 11, 2), duration=2 * HOUR, tz="Europe/Paris"
    )
    assert_inside_everyones_hours(november)
    assert all(s.start.time() >= dt.time(14) for s in november)


def test_a_slot_on_the_sunday_the_clocks_change_is_read_in_each_ones_new_time():
    # Someone working every day: on Sunday 28 March 2027 Paris moves to UTC+2 at 2:00
    # while Casablanca stays on UTC+1, so the two days' shared hours differ.
    every_day = frozenset(range(1, 8))
    paris = Participant("Camille", "Europe/Paris", days=every_day)
    casablanca = Participant("Youssef", "Africa/Casablanca", days=every_day)
    slots = fitting_slots(
        [paris, casablanca], monday=dt.date(2027, 3, 22), duration=HOUR, tz="Europe/Paris"
    )
    assert_inside_everyones_hours(slots, [paris, casablanca])

    def day(date):
        return [s for s in slots if paris.local(s.start).date() == date]

    saturday, sunday = day(dt.date(2027, 3, 27)), day(dt.date(2027, 3, 28))
    # Saturday: both on UTC+1, 9:00–18:00 the same hours: 08:00–17:00 UTC.
    assert saturday[0].start.time() == dt.time(8) and saturday[-1].end.time() == dt.time(17)
    # Sunday: Paris's 9:00 is Casablanca's 8:00: from Paris 10:00 (08:00 UTC) to Paris
    # 18:00 = Casablanca 17:00 (16:00 UTC).
    assert sunday[0].start.time() == dt.time(8) and sunday[-1].end.time() == dt.time(16)
    assert paris.local(sunday[0].start).time() == dt.time(10)
    assert casablanca.local(sunday[-1].end).time() == dt.time(17)


def test_during_ramadan_2027_casablanca_is_two_hours_behind_paris_not_one():
    # Week of 22 February 2027: Paris UTC+1, Casablanca UTC+0, Montreal UTC-5.
    slots = find_slots(TRIO, monday=dt.date(2027, 2, 22), duration=HOUR, tz="Europe/Paris")
    assert_inside_everyones_hours(slots)
    for slot in slots:
        assert CASABLANCA.local(slot.start).utcoffset() == dt.timedelta(0)
        assert PARIS.local(slot.start).hour - CASABLANCA.local(slot.start).hour == 1
    # Paris and Casablanca alone: Casablanca opens at 9:00 = 10:00 in Paris during
    # Ramadan, so no slot starts before 10:00 Paris time that week…
    pair = fitting_slots(
        [PARIS, CASABLANCA], monday=dt.date(2027, 2, 22), duration=HOUR, tz="Europe/Paris"
    )
    assert_inside_everyones_hours(pair, [PARIS, CASABLANCA])
    assert min(PARIS.local(s.start).time() for s in pair) >= dt.time(10)
    # … whereas after Ramadan both clocks agree again and 9:00 Paris is offered.
    after = fitting_slots(
        [PARIS, CASABLANCA], monday=dt.date(2027, 3, 15), duration=HOUR, tz="Europe/Paris"
    )
    assert min(PARIS.local(s.start).time() for s in after) == dt.time(9)


def test_the_week_casablanca_leaves_its_ramadan_time_and_montreal_moves_to_summer_time():
    # Both change on Sunday 14 March 2027: the week before, Montreal UTC-5 and
    # Casablanca UTC+0; the week after, UTC-4 and UTC+1 (Paris UTC+1 throughout).
    before = fitting_slots(TRIO, monday=dt.date(2027, 3, 8), duration=HOUR, tz="Europe/Paris")
    after = fitting_slots(TRIO, monday=dt.date(2027, 3, 15), duration=HOUR, tz="Europe/Paris")
    assert_inside_everyones_hours(before)
    assert_inside_everyones_hours(after)
    # Montreal's 9:00 is 14:00 UTC before, 13:00 UTC after: the earliest slot moves.
    assert min(s.start.time() for s in before) == dt.time(14)
    assert min(s.start.time() for s in after) == dt.time(13)


def test_no_slot_is_proposed_when_working_hours_do_not_overlap():
    early = Participant("Early", "Europe/Paris", start=dt.time(7), end=dt.time(10))
    assert find_slots([early, MONTREAL], monday=dt.date(2026, 9, 14), duration=HOUR) == []


def test_working_days_are_respected_in_each_ones_local_calendar():
    # Someone working Sunday to Thursday in Casablanca, with Paris Monday to Friday.
    sunday_to_thursday = Participant("Salma", "Africa/Casablanca", days=frozenset({7, 1, 2, 3, 4}))
    slots = fitting_slots([PARIS, sunday_to_thursday], monday=dt.date(2026, 9, 14), duration=HOUR)
    assert_inside_everyones_hours(slots, [PARIS, sunday_to_thursday])
    assert {PARIS.local(s.start).isoweekday() for s in slots} == {1, 2, 3, 4}


def test_proposed_slots_never_overlap_and_are_in_order():
    slots = find_slots(TRIO, monday=dt.date(2026, 9, 16), duration=HOUR, limit=10)
    assert week_start(dt.date(2026, 9, 16)) == dt.date(2026, 9, 14)
    assert slots == sorted(slots, key=lambda s: s.start)
    for first, second in itertools.pairwise(slots):
        assert first.end <= second.start


def test_outside_hours_names_who_would_meet_outside_their_day():
    start = dt.datetime(2026, 9, 15, 8, tzinfo=dt.UTC)  # 10:00 Paris, 9:00 Casablanca
    assert outside_hours(TRIO, start, start + HOUR) == [MONTREAL]
    evening = dt.datetime(2026, 9, 15, 20, tzinfo=dt.UTC)
    assert outside_hours(TRIO, evening, evening + HOUR) == [PARIS, CASABLANCA]
