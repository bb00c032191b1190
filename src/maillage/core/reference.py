"""Reference data from maintained packages: countries, currencies, languages (pycountry and
Babel), French régions and départements (pycountry's ISO 3166-2:FR subdivisions).

Labels follow the active language; the choice functions are passed uncalled to model
fields so that migrations keep a reference, not a frozen list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, partialmethod
from typing import TYPE_CHECKING, Any

import pycountry
from babel import Locale
from django.utils.translation import get_language

from maillage.core.widgets import Select

if TYPE_CHECKING:
    from django.db.models import Model


def _locale() -> Locale:
    return Locale.parse((get_language() or "fr").split("-")[0])


@cache
def _country_codes() -> tuple[str, ...]:
    return tuple(sorted(c.alpha_2 for c in pycountry.countries))


def country_name(code: str) -> str:
    if not code:
        return ""
    name = _locale().territories.get(code)
    if name:
        return name
    country = pycountry.countries.get(alpha_2=code)
    return country.name if country else code


def country_choices() -> list[tuple[str, str]]:
    return list(_country_choices(get_language() or "fr"))


@cache
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    pairs = ((c, country_name(c)) for c in _country_codes())
    return tuple(sorted(pairs, key=lambda c: _sort_key(c[1])))


@cache
def _currency_codes() -> tuple[str, ...]:
    return tuple(sorted(c.alpha_3 for c in pycountry.currencies))


def currency_name(code: str) -> str:
    name = _locale().currencies.get(code)
    if name:
        return name
    currency = pycountry.currencies.get(alpha_3=code)
    return currency.name if currency else code


def currency_choices() -> list[tuple[str, str]]:
    return list(_currency_choices(get_language() or "fr"))


@cache
def _currency_choices(language: str) -> tuple[tuple[str, str], ...]:
    return tuple((c, f"{c} — {currency_name(c)}") for c in _currency_codes())


def language_name(code: str) -> str:
    return _locale().languages.get(code) or code


@dataclass(frozen=True)
class Territory:
    """A French région or département: INSEE-style code, name, and its région's code."""

    code: str
    name: str
    region: str


# Types pycountry gives to the 101 départements (Paris and the five overseas
# départements have special statuses but are départements all the same).
_DEPARTEMENT_TYPES = {
    "Metropolitan department",
    "Overseas departmental collectivity",
    "Overseas unique territorial collectivity",
}
_REGION_TYPES = {"Metropolitan region"}

# INSEE's spelling (Code officiel géographique) where ISO 3166-2, as shipped by pycountry,
# writes a name differently; INSEE's is the one French users and official files use.
_INSEE_NAMES = {
    "973": "Guyane",
    "GES": "Grand Est",
    "PAC": "Provence-Alpes-Côte d'Azur",
    "PDL": "Pays de la Loire",
}


@cache
def departements() -> tuple[Territory, ...]:
    result = []
    for sub in pycountry.subdivisions.get(country_code="FR"):
        iso = sub.code.removeprefix("FR-")
        if sub.type in _DEPARTEMENT_TYPES or iso == "75C":
            code = "75" if iso == "75C" else iso
            # Overseas départements are their own région.
            region = (sub.parent_code or sub.code).removeprefix("FR-")
            # Paris and the Collectivité européenne d'Alsace sit between département and
            # région in ISO 3166-2; their région is Île-de-France and Grand Est.
            region = {"75C": "IDF", "6AE": "GES"}.get(iso if iso == "75C" else region, region)
            name = _INSEE_NAMES.get(code, sub.name)
            result.append(Territory(code=code, name=name, region=region))
    return tuple(sorted(result, key=lambda t: t.code.zfill(3)))


@cache
def regions() -> tuple[Territory, ...]:
    result = []
    for sub in pycountry.subdivisions.get(country_code="FR"):
        iso = sub.code.removeprefix("FR-")
        if sub.type in _REGION_TYPES or iso == "20R":
            result.append(Territory(code=iso, name=_INSEE_NAMES.get(iso, sub.name), region=iso))
    overseas = {d.code: d for d in departements() if len(d.code) == 3}
    result.extend(Territory(code=d.code, name=d.name, region=d.code) for d in overseas.values())
    return tuple(sorted(result, key=lambda t: _sort_key(t.name)))


def departement_name(code: str) -> str:
    return next((d.name for d in departements() if d.code == code), code)


def region_name(code: str) -> str:
    return next((r.name for r in regions() if r.code == code), code)


def departement_choices() -> list[tuple[str, str]]:
    return list(_departement_choices())


@cache
def _departement_choices() -> tuple[tuple[str, str], ...]:
    return tuple((d.code, f"{d.code} — {d.name}") for d in departements())


def region_choices() -> list[tuple[str, str]]:
    return [(r.code, r.name) for r in regions()]


# --- Labels of stored codes -------------------------------------------------------------

# The choice functions above, given uncalled to model fields (`choices=country_choices`).
REFERENCE_CHOICES: tuple[Callable[[], list[tuple[str, str]]], ...] = (
    country_choices,
    currency_choices,
    departement_choices,
    region_choices,
)


def choice_label(choices: Callable[[], list[tuple[str, str]]], code: str | None) -> str | None:
    """The label of `code` among `choices()` in the active language, the code if unknown."""
    if not code:
        return code
    return _labels(choices, get_language() or "fr").get(code, code)


@cache
def _labels(choices: Callable[[], list[tuple[str, str]]], language: str) -> dict[str, str]:
    return dict(choices())


def fast_reference_displays(models: Iterable[type[Model]]) -> None:
    """Give every field whose choices are a reference list (countries, currencies,
    départements) a `get_<field>_display` that looks its label up in a mapping built once
    per language.

    Django's own rebuilds and flattens the 250 countries on every call (through the
    callable): 85 % of the time of an export of 19,900 organisations. Their form fields
    default to the select of `core.widgets` (`_fast_formfield`).
    """
    for model in models:
        for field in model._meta.concrete_fields:
            func = getattr(field.choices, "func", None)
            name = f"get_{field.name}_display"
            # Only Django's generated method is replaced, never one a model wrote itself.
            if func in REFERENCE_CHOICES and isinstance(model.__dict__.get(name), partialmethod):
                setattr(model, name, _display(func, field.attname))
            if func in REFERENCE_CHOICES and "formfield" not in field.__dict__:
                field.formfield = _fast_formfield(field.formfield)  # type: ignore[method-assign]  # this field's own, see _fast_formfield


def _fast_formfield(formfield: Callable[..., Any]) -> Callable[..., Any]:
    """A reference field's form field, offered through `core.widgets.Select` unless the
    form names its widget (a type-ahead for countries): the same HTML as Django's select,
    without a template per option (101 départements, 170 currencies on a form)."""

    def fast_formfield(**kwargs: Any) -> Any:
        kwargs.setdefault("widget", Select)
        return formfield(**kwargs)

    return fast_formfield


def _display(func: Callable[[], list[tuple[str, str]]], attname: str) -> Callable[[Model], Any]:
    def get_display(self: Model) -> Any:
        return choice_label(func, getattr(self, attname))

    get_display.__doc__ = f"The label of `{attname}` in the active language."
    return get_display


def _sort_key(text: str) -> str:
    from maillage.core.text import normalize

    return normalize(text)
