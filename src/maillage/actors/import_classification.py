"""Classification columns of the organisations' import: themes, SDGs, DAC sectors and
countries of action, several per cell ("eau; santé", "ODD 6, 11", "140; 151").

Each cell is read as a list of words, then resolved against the tables once per import
(`Classifications.resolve`, from the importer's `clean_row`): an unknown value is an
error on its cell that names it and says how to write a known one. The new records, or
the updated ones, get the values added to those they have (`Classifications.write`, in
bulk, like tags).
"""

from __future__ import annotations

import re
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from maillage.actors.models import Organisation, OrganisationCountry, SdgGoal, Theme
from maillage.core.imports import Field, RowContext, parsers
from maillage.core.imports.engine import RowResult
from maillage.core.models import CodelistItem
from maillage.core.reference import country_choices
from maillage.core.text import normalize

COUNTRY = parsers.choice(
    country_choices, aliases={c.alpha_3: c.alpha_2 for c in pycountry.countries}
)
_LIST = parsers.listing(parsers.text)
_NOT_WORD = re.compile(r"[\W_]+")
_SDG = re.compile(r"^(?:odd|sdg|objectif|goal)?\s*(\d{1,2})$")
SHOWN = 8  # known values named in a message

FIELDS = (
    Field("themes", gettext_lazy("themes"), _LIST,
          aliases=("thèmes", "thème", "thématiques", "thématique", "domaines", "theme"),
          help_text=gettext_lazy("Names of recorded themes, separated by ; or ,")),
    Field("sdgs", gettext_lazy("SDGs"), _LIST,
          aliases=("odd", "objectifs de développement durable", "sdg", "goals"),
          help_text=gettext_lazy("Numbers from 1 to 17 (ODD 6; 11).")),
    Field("sectors", gettext_lazy("DAC sectors"), _LIST,
          aliases=("secteurs", "secteur", "secteurs cad", "secteurs du cad", "sector",
                   "sectors", "cad"),
          help_text=gettext_lazy("3-digit DAC codes (140 for water) or their names.")),
    Field("action_countries", gettext_lazy("countries of action"), _LIST,
          aliases=("pays d'action", "pays d'intervention", "zones d'intervention",
                   "countries of operation"),
          help_text=gettext_lazy("Names or ISO codes, separated by ; or ,")),
)  # fmt: skip


def _key(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", normalize(text)).split())


def _listed(values: list[str]) -> str:
    return ", ".join(values[:SHOWN]) + (" …" if len(values) > SHOWN else "")


class Classifications:
    """The lookups of one import, loaded once (`prepare`), and what they resolve to."""

    def prepare(self) -> None:
        self.themes = {_key(name): pk for pk, name in Theme.objects.values_list("pk", "name")}
        self.theme_names = sorted(Theme.objects.values_list("name", flat=True))
        self.sdgs = set(SdgGoal.objects.values_list("number", flat=True))
        self.sectors: dict[str, int] = {}
        self.sector_codes: list[str] = []
        items = CodelistItem.objects.of("SectorCategory").offerable()
        for pk, code, name_en, name_fr in items.values_list("pk", "code", "name_en", "name_fr"):
            self.sector_codes.append(code)
            for spelling in (name_en, name_fr):
                if spelling:
                    self.sectors.setdefault(_key(spelling), pk)
            self.sectors[_key(code)] = pk  # a code wins over a name that reads alike

    def resolve(self, row: RowContext) -> None:
        """The ids of each classification cell, or an error on the cell naming the
        unknown values."""
        values = row.values
        if values.get("themes"):
            values["theme_ids"] = self._known(
                row, "themes", values["themes"], lambda word: self.themes.get(_key(word)),
                lambda unknown: ngettext(
                    "Unknown theme: %(values)s. Recorded themes: %(known)s.",
                    "Unknown themes: %(values)s. Recorded themes: %(known)s.",
                    len(unknown),
                ) % {"values": _listed(unknown),
                     "known": _listed(self.theme_names) or _("none yet")},
            )  # fmt: skip
        if values.get("sdgs"):
            values["sdg_numbers"] = self._known(
                row, "sdgs", values["sdgs"], self._sdg,
                lambda unknown: ngettext(
                    "Not an SDG: %(values)s. Write numbers from 1 to 17 (ODD 6).",
                    "Not SDGs: %(values)s. Write numbers from 1 to 17 (ODD 6).",
                    len(unknown),
                ) % {"values": _listed(unknown)},
            )  # fmt: skip
        if values.get("sectors"):
            if not self.sector_codes:
                row.error(_("The DAC sectors are not loaded yet (maillage codelists): "
                            "leave this column out or ask an administrator."),
                          field="sectors")  # fmt: skip
            else:
                values["sector_ids"] = self._known(
                    row, "sectors", values["sectors"],
                    lambda word: self.sectors.get(_key(word)),
                    lambda unknown: ngettext(
                        "Unknown DAC sector: %(values)s. Write 3-digit codes (%(known)s).",
                        "Unknown DAC sectors: %(values)s. Write 3-digit codes (%(known)s).",
                        len(unknown),
                    ) % {"values": _listed(unknown), "known": _listed(self.sector_codes)},
                )  # fmt: skip
        if values.get("action_countries"):
            values["country_codes"] = self._known(
                row, "action_countries", values["action_countries"],
                lambda word: self._country(word, row),
                lambda unknown: ngettext(
                    "Unknown country: %(values)s. Write names or ISO codes (SN, MAR).",
                    "Unknown countries: %(values)s. Write names or ISO codes (SN, MAR).",
                    len(unknown),
                ) % {"values": _listed(unknown)},
            )  # fmt: skip

    @staticmethod
    def _known(row: RowContext, field: str, words: list[str], find: Any, message: Any) -> list:
        found, unknown = [], []
        for word in words:
            value = find(word)
            if value is None:
                unknown.append(word)
            else:
                found.append(value)
        if unknown:
            row.error(message(unknown), field=field)
        return list(dict.fromkeys(found))

    def _sdg(self, word: str) -> int | None:
        match = _SDG.match(_key(word))
        number = int(match[1]) if match else None
        return number if number in self.sdgs else None

    @staticmethod
    def _country(word: str, row: RowContext) -> str | None:
        try:
            return str(COUNTRY(word, row))
        except ValidationError:
            return None

    @staticmethod
    def write(pairs: list[tuple[Any, RowResult]]) -> None:
        """Add each row's values to its record, in bulk (values it has already stay); the
        rows carry the ids `resolve` found, so no lookup is needed here."""
        for field, key in (("themes", "theme_ids"), ("sdgs", "sdg_numbers"),
                           ("sectors", "sector_ids")):  # fmt: skip
            m2m = Organisation._meta.get_field(field)
            assert isinstance(m2m, models.ManyToManyField)
            through = m2m.remote_field.through
            mine, theirs = m2m.m2m_column_name(), m2m.m2m_reverse_name()
            links = {(obj.pk, value) for obj, row in pairs for value in row.values.get(key, ())}
            through.objects.bulk_create(  # type: ignore[union-attr]  # an auto-created through model
                [through(**{mine: pk, theirs: value}) for pk, value in links],
                ignore_conflicts=True,
            )
        countries = {
            (obj.pk, code) for obj, row in pairs for code in row.values.get("country_codes", ())
        }
        OrganisationCountry.objects.bulk_create(
            [OrganisationCountry(organisation_id=pk, country=code) for pk, code in countries],
            ignore_conflicts=True,
        )
