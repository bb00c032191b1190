"""A participant's pre-departure sheet (PDF, fpdf2): the mission, the destination's risk
level, the itinerary in each place's local time and zone, the agenda, the emergency
contacts and where the participant's logistics stand.

fpdf2's core fonts write Latin-1: French accents are fine; dashes, quotes, € and œ are
spelt out in it, any other character replaced rather than refused (`_text`)."""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF

from maillage.missions.models import MissionParticipant
from maillage.missions.selectors.missions import sheet_data

RISK_COLOURS = {
    "green": (46, 125, 50),
    "yellow": (200, 160, 0),
    "orange": (230, 110, 0),
    "red": (198, 40, 40),
}


LATIN_1 = {
    "→": "->",
    "—": "-",
    "–": "-",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "€": "EUR",
    "œ": "oe",
    "Œ": "OE",
    "\u202f": " ",
}


def _text(value: Any) -> str:
    text = str(value if value is not None else "")
    for char, plain in LATIN_1.items():
        text = text.replace(char, plain)
    return text.encode("latin-1", errors="replace").decode("latin-1")


def _date(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _local(instant: Any, tz: str) -> str:
    if instant is None:
        return "—"
    return f"{instant:%d/%m/%Y %H:%M} ({tz}, UTC{instant:%z})"


class _Sheet(FPDF):
    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font("Helvetica", "B", 12)
        self.cell(0, 7, _text(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 10)

    def line_of(self, text: str) -> None:
        self.multi_cell(0, 5, _text(text), new_x="LMARGIN", new_y="NEXT")


def render_sheet(participant: MissionParticipant) -> bytes:
    """The PDF of `participant`'s pre-departure sheet."""
    data = sheet_data(participant=participant)
    mission = data["mission"]
    pdf = _Sheet(format="A4")
    pdf.set_title(_text(_("Pre-departure sheet")))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _text(_("Pre-departure sheet")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.line_of(f"{mission} — {participant} ({participant.get_role_display()})")
    pdf.line_of(
        _("%(city)s, %(country)s — from %(start)s to %(end)s (local time zone %(tz)s)")
        % {
            "city": mission.city,
            "country": mission.get_country_display(),
            "start": _date(mission.departure_on),
            "end": _date(mission.return_on),
            "tz": mission.timezone,
        }
    )

    pdf.heading(_("Risk level"))
    if mission.risk_level:
        r, g, b = RISK_COLOURS.get(mission.risk_level, (0, 0, 0))
        pdf.set_text_color(r, g, b)
        pdf.set_font("Helvetica", "B", 11)
        pdf.line_of(mission.get_risk_level_display())
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", "", 10)
        pdf.line_of(
            _("Source: %(source)s, %(date)s")
            % {"source": mission.risk_source or "—", "date": _date(mission.risk_assessed_on)}
        )
    else:
        pdf.line_of(_("Not assessed."))

    pdf.heading(_("Itinerary"))
    if not data["legs"]:
        pdf.line_of(_("No itinerary yet."))
    for leg in data["legs"]:
        pdf.set_font("Helvetica", "B", 10)
        transport = leg.get_transport_display()
        ref = f" {leg.reference}" if leg.reference else ""
        pdf.line_of(f"{leg.from_place} -> {leg.to_place} ({transport}{ref})")
        pdf.set_font("Helvetica", "", 10)
        pdf.line_of(
            _("Departure: %(when)s") % {"when": _local(leg.departure_local, leg.departure_tz)}
        )
        pdf.line_of(_("Arrival: %(when)s") % {"when": _local(leg.arrival_local, leg.arrival_tz)})

    if data["agenda"]:
        pdf.heading(_("Agenda"))
        for item in data["agenda"]:
            when = _date(item.starts_on)
            if item.starts_time:
                when += f" {item.starts_time:%H:%M}"
            place = f" — {item.place}" if item.place else ""
            pdf.line_of(f"{when}: {item.subject}{place}")

    pdf.heading(_("Emergency contacts"))
    if not data["contacts"]:
        pdf.line_of(_("No emergency contact yet."))
    for contact in data["contacts"]:
        parts = [contact.get_kind_display(), contact.name, contact.phone, contact.email]
        pdf.line_of(" — ".join(p for p in parts if p))

    pdf.heading(_("Logistics checklist"))
    for entry in data["checklist"]:
        flag = " (!)" if entry.is_missing else ""
        note = f" — {entry.note}" if entry.note else ""
        pdf.line_of(f"{entry.get_kind_display()}: {entry.get_status_display()}{flag}{note}")
    if participant.passport_expires_on:
        pdf.line_of(
            _("Passport valid until %(date)s") % {"date": _date(participant.passport_expires_on)}
        )
    return bytes(pdf.output())
