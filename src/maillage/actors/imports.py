"""Imports of organisations and people from CSV, XLSX or ODS files (`core.imports`).

Duplicates. An organisation is the same as another with the same SIRET; else with the
same name once accents, case, punctuation and the prefixes of local authorities are set
aside ("Ville de Lille", "VILLE DE LILLE" and "Mairie de Lille" are all the commune of
Lille); else with the same acronym, in the same country; else with a name that resembles
it closely (`core.imports.similarity`: "Métropole Européenne Lille" and "Métropole
européenne de Lille"), compared within the same country and first word. Two SIRENs, or
postcodes of two départements, tell two names apart: a Cedex code (59040) and the
commune's (59000) do not. A person is the same as another with the same email; else with
the same first and last name, with a warning, unless both have emails and they differ.

Classification columns (themes, SDGs, DAC sectors, countries of action) are read by
`actors.import_classification`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.actors.identifiers import clean_digits, is_digits, luhn_valid, normalise_phone
from maillage.actors.import_classification import COUNTRY, Classifications
from maillage.actors.import_classification import FIELDS as CLASSIFICATION_FIELDS
from maillage.actors.models import (
    LawfulBasis,
    Organisation,
    OrganisationType,
    Person,
    Position,
    Tag,
)
from maillage.core.imports import Field, Importer, RowContext, parsers, register
from maillage.core.imports.engine import RowResult
from maillage.core.imports.similarity import similarity, words
from maillage.core.reference import departements
from maillage.core.services import service_for
from maillage.core.text import normalize

# --- Names ---------------------------------------------------------------------------------

_CONNECTOR = r"(?: (?:de|du|des|d|of the|of))?"
_COMMUNE = r"ville|mairie|commune|municipalite|city|town|municipality"
_DEPARTEMENT = r"conseil departemental|conseil general|departement"
_REGION = r"conseil regional|region"
_PREFIXES = tuple(
    (category, re.compile(rf"^(?:{words}){_CONNECTOR} (.+)$"))
    for category, words in (
        ("commune", _COMMUNE),
        ("departement", _DEPARTEMENT),
        ("region", _REGION),
    )
)
_CATEGORY_OF_TYPE = {
    OrganisationType.MUNICIPALITY: "commune",
    OrganisationType.DEPARTMENT: "departement",
    OrganisationType.REGION: "region",
}
_TYPE_OF_CATEGORY = {category: kind for kind, category in _CATEGORY_OF_TYPE.items()}
_ARTICLE = re.compile(r"^(?:le|la|les|l|the) ")
_NOT_WORD = re.compile(r"[\W_]+")


def simplify(text: str) -> str:
    """ "Mairie d'Angers" → "mairie d angers": no accents, case or punctuation."""
    return " ".join(_NOT_WORD.sub(" ", normalize(text)).split())


def name_key(name: str, kind: str = "") -> str:
    """The name two spellings of one organisation share: "Ville de Lille", "VILLE DE
    LILLE", "Mairie de Lille" and "Lille" typed as a municipality → "commune:lille"."""
    text = simplify(name)
    category = _CATEGORY_OF_TYPE.get(kind, "")  # type: ignore[call-overload]  # a plain str looks up the TextChoices keys
    for prefix_category, pattern in _PREFIXES:
        if match := pattern.match(text):
            category, text = prefix_category, match[1]
            break
    text = _ARTICLE.sub("", text)
    return f"{category}:{text}" if category else text


def postcode_area(postcode: str, country: str) -> str:
    """Where a postcode is, as precisely as two addresses of one organisation agree: the
    département in France (59040 Cedex and 59000 are both "59"; 97x overseas), the whole
    code elsewhere."""
    if (country or "FR") == "FR":
        digits = re.sub(r"\D", "", postcode)
        if len(digits) >= 5:
            return digits[:3] if digits[:2] in ("97", "98") else digits[:2]
    return simplify(postcode)


def acronym_key(acronym: str) -> str:
    return simplify(acronym).replace(" ", "")


def guess_type(name: str) -> str:
    """The type a name announces ("Mairie de …" → municipality), or ""."""
    key = name_key(name)
    category = key.split(":", 1)[0] if ":" in key else ""
    if category:
        return _TYPE_OF_CATEGORY[category]
    first = simplify(name).split(" ", 1)[0]
    return _TYPE_OF_FIRST_WORD.get(first, "")


_TYPE_OF_FIRST_WORD = {
    "association": OrganisationType.ASSOCIATION,
    "universite": OrganisationType.UNIVERSITY,
    "university": OrganisationType.UNIVERSITY,
    "ecole": OrganisationType.UNIVERSITY,
    "ambassade": OrganisationType.EMBASSY,
    "embassy": OrganisationType.EMBASSY,
    "reseau": OrganisationType.NETWORK,
}


# --- Cell parsers of the actors ----------------------------------------------------------


def _identifier(length: int) -> parsers.Parser:
    """Digits only (the model checks the length and the check digit, as on the page)."""

    def parse(raw: Any, row: RowContext) -> str:
        value = clean_digits(parsers.as_text(raw))
        if isinstance(raw, int | float | Decimal) and value.isdigit() and len(value) < length:
            # A number cell drops leading zeros: 012345678 became 12345678.
            value = value.zfill(length)
        return value

    return parse


def _postcode(raw: Any, row: RowContext) -> str:
    value = parsers.as_text(raw)
    country = row.values.get("country", "FR")
    if isinstance(raw, int | float | Decimal) and country == "FR" and len(value) == 4:
        row.warn(
            _("The postcode %(value)s was read as a number; it is taken as %(fixed)s.")
            % {"value": value, "fixed": value.zfill(5)}
        )
        value = value.zfill(5)
    return value


def _phone(raw: Any, row: RowContext) -> str:
    return normalise_phone(parsers.as_text(raw), row.values.get("country") or "FR")


def _website(raw: Any, row: RowContext) -> str:
    value = parsers.as_text(raw)
    if "://" not in value:
        value = f"https://{value}"
    try:
        URLValidator()(value)
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is not a web address.") % {"value": parsers.as_text(raw)}
        ) from None
    return value


def _coordinate(limit: int) -> parsers.Parser:
    bounded = parsers.bounded_decimal(-limit, limit)

    def parse(raw: Any, row: RowContext) -> Decimal:
        return bounded(raw, row).quantize(Decimal("0.000001"))

    return parse


@cache
def _departement_names() -> tuple[tuple[str, str], ...]:
    return tuple((d.code, d.name) for d in departements())


def _departement(raw: Any, row: RowContext) -> str:
    value = parsers.as_text(raw)
    if value.isdigit() and len(value) == 1:
        value = value.zfill(2)
    return _DEPARTEMENT_CHOICE(value, row)


_DEPARTEMENT_CHOICE = parsers.choice(_departement_names)


def _tag_name(raw: Any, row: RowContext) -> str:
    value = parsers.as_text(raw)
    if len(value) > 60:
        raise ValidationError(
            _("The tag “%(value)s” is longer than 60 characters.") % {"value": value}
        )
    return value


_TAGS = parsers.listing(_tag_name)


@cache
def _language_codes() -> dict[str, str]:
    from babel import Locale

    codes: dict[str, str] = {}
    for language in ("en", "fr"):
        for code, name in Locale.parse(language).languages.items():
            if "_" not in code:
                codes.setdefault(simplify(name), code)
                codes[code.lower()] = code
    return codes


def _languages(raw: Any, row: RowContext) -> str:
    known = _language_codes()
    codes, unknown = [], []
    for part in re.split(r"[,;/\s]+", parsers.as_text(raw)):
        if part:
            code = known.get(part.lower()) or known.get(simplify(part))
            (codes if code else unknown).append(code or part)
    if unknown:
        raise ValidationError(
            _("Unknown language: %(names)s. Write ISO codes (fr, ar, en) or names.")
            % {"names": ", ".join(unknown)}
        )
    return " ".join(dict.fromkeys(codes))


def _add_tags(pairs: list[tuple[Any, RowResult]], through: Any, owner: str, user: Any) -> None:
    """Link the tags named in the rows, creating the tags that do not exist yet."""
    wanted = {name for _obj, row in pairs for name in row.values.get("tags", [])}
    if not wanted:
        return
    by_key = {normalize(t.name): t for t in Tag.objects.all()}
    missing = {normalize(n): n for n in wanted if normalize(n) not in by_key}
    created = service_for(Tag).create_many([Tag(name=n) for n in missing.values()], by=user)
    for tag in created:
        by_key[normalize(tag.name)] = tag
    links = {
        (obj.pk, by_key[normalize(name)].pk)
        for obj, row in pairs
        for name in row.values.get("tags", [])
    }
    # Tag links are written in bulk: they appear in the records' history only from their
    # next edit (bulk_create_with_history records the records, not their m2m rows).
    through.objects.bulk_create(
        [through(**{f"{owner}_id": pk, "tag_id": tag}) for pk, tag in links],
        ignore_conflicts=True,
    )


# --- Organisations -------------------------------------------------------------------------


@register
class OrganisationImporter(Importer):
    name = "organisations"
    model = Organisation
    match_reasons = {
        "siret": gettext_lazy("same SIRET"),
        "name": gettext_lazy("same name"),
        "acronym": gettext_lazy("same acronym"),
    }
    fields = (
        Field("name", gettext_lazy("name"), required=True, aliases=(
            "nom", "raison sociale", "dénomination", "organisation", "organisme", "structure",
            "collectivité", "organization", "organisation name",
        )),
        Field("acronym", gettext_lazy("acronym"), aliases=("sigle", "acronyme", "abréviation")),
        Field(
            "type", gettext_lazy("type"),
            parsers.choice(OrganisationType, aliases={
                "mairie": OrganisationType.MUNICIPALITY, "ville": OrganisationType.MUNICIPALITY,
                "commune": OrganisationType.MUNICIPALITY,
                "epci": OrganisationType.INTERMUNICIPAL,
                "intercommunalité": OrganisationType.INTERMUNICIPAL,
                "département": OrganisationType.DEPARTMENT,
                "conseil départemental": OrganisationType.DEPARTMENT,
                "région": OrganisationType.REGION, "conseil régional": OrganisationType.REGION,
                "ong": OrganisationType.ASSOCIATION, "ngo": OrganisationType.ASSOCIATION,
                "université": OrganisationType.UNIVERSITY, "école": OrganisationType.UNIVERSITY,
                "entreprise": OrganisationType.COMPANY, "bailleur": OrganisationType.DONOR,
                "ambassade": OrganisationType.EMBASSY, "réseau": OrganisationType.NETWORK,
            }),
            aliases=("type d'organisation", "catégorie", "nature", "organisation type"),
            help_text=gettext_lazy("A type in French or English (Mairie, Association…); "
                                   "guessed from the name when empty (“Ville de …”)."),
        ),
        Field("siren", gettext_lazy("SIREN"), _identifier(9),
              help_text=gettext_lazy("9 digits; checked.")),
        Field("siret", gettext_lazy("SIRET"), _identifier(14),
              help_text=gettext_lazy("14 digits; checked.")),
        Field("iati_identifier", gettext_lazy("IATI organisation identifier"),
              aliases=("identifiant iati", "iati id", "iati")),
        Field("country", gettext_lazy("country"), COUNTRY, aliases=("pays",),
              help_text=gettext_lazy("Name or ISO code; France when empty.")),
        Field("address", gettext_lazy("address"), parsers.multiline_text,
              aliases=("adresse", "adresse postale")),
        Field("postcode", gettext_lazy("postcode"), _postcode,
              aliases=("code postal", "cp", "zip", "zip code", "postal code")),
        Field("city", gettext_lazy("city"), aliases=("ville", "commune", "localité", "town")),
        Field("departement", gettext_lazy("département"), _departement,
              aliases=("dép", "dept", "department", "n° département"),
              help_text=gettext_lazy("Number or name; found from a French postcode when empty.")),
        Field("foreign_region", gettext_lazy("region abroad"),
              aliases=("région à l'étranger", "province", "wilaya")),
        Field("latitude", gettext_lazy("latitude"), _coordinate(90), aliases=("lat",)),
        Field("longitude", gettext_lazy("longitude"), _coordinate(180),
              aliases=("long", "lng", "lon")),
        Field("website", gettext_lazy("website"), _website,
              aliases=("site", "site web", "site internet", "url", "web")),
        Field("email", gettext_lazy("email"), parsers.email,
              aliases=("courriel", "e-mail", "mail", "adresse électronique")),
        Field("phone", gettext_lazy("phone"), _phone, aliases=("téléphone", "tél", "tel"),
              help_text=gettext_lazy("Stored as +33…; numbers abroad need their country.")),
        Field("notes", gettext_lazy("notes"), parsers.multiline_text,
              aliases=("commentaire", "commentaires", "remarques", "observations", "comments")),
        Field("is_active", gettext_lazy("active"), parsers.boolean, aliases=("actif", "active"),
              help_text=gettext_lazy("Yes or no (oui/non).")),
        Field("tags", gettext_lazy("tags"), _TAGS,
              aliases=("étiquettes", "étiquette", "mots-clés", "tag", "labels"),
              help_text=gettext_lazy("Several, separated by ; or ,")),
        *CLASSIFICATION_FIELDS,
    )  # fmt: skip

    def prepare(self) -> None:
        self.classifications = Classifications()
        self.classifications.prepare()

    def clean_row(self, row: RowContext) -> None:
        values = row.values
        self.classifications.resolve(row)
        if "name" in values and not values.get("type") and not row.failed("type"):
            guessed = guess_type(values["name"])
            if guessed:
                values["type"] = guessed
            else:
                row.error(
                    _("The type is missing and cannot be guessed from the name: add a Type "
                      "column (Mairie, Association, Université…)."),
                    field="type" if row.has_column("type") else "name",
                )  # fmt: skip
                row.refused.add("type")  # said here better than "cannot be blank"
        siren, siret = values.get("siren"), values.get("siret")
        if siret and not siren and is_digits(siret) and luhn_valid(siret[:9]):
            values["siren"] = siret[:9]
        # The other rules of an organisation (SIRET of its SIREN, département in France,
        # both coordinates) are the model's, checked with the page's messages.
        country = values.get("country", "FR")
        postcode = values.get("postcode", "")
        if country == "FR" and not values.get("departement") and re.fullmatch(r"\d{5}", postcode):
            code = postcode[:3] if postcode.startswith("97") else postcode[:2]
            if code != "20" and any(d.code == code for d in departements()):
                values["departement"] = code  # Corsica's 20 is 2A or 2B: not guessed

    def existing(self) -> Any:
        return self.model._default_manager.values(
            "pk", "name", "acronym", "type", "siren", "siret", "postcode", "country"
        ).iterator(chunk_size=2000)

    def near_blocks(self, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        key = name_key(values.get("name") or "", values.get("type", ""))
        category, _sep, name = key.rpartition(":")
        first = next(iter(words(name)), "")
        return [("near", values.get("country") or "FR", category, first)] if first else []

    def resemblance(self, values: Mapping[str, Any], other: Mapping[str, Any]) -> float:
        mine = name_key(values.get("name") or "", values.get("type", ""))
        theirs = name_key(other.get("name") or "", other.get("type", ""))
        return similarity(mine.rpartition(":")[2], theirs.rpartition(":")[2],
                          at_least=self.near_threshold)  # fmt: skip

    def match_keys(self, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        country = values.get("country") or "FR"
        keys: list[tuple[Any, ...]] = [("siret", values.get("siret"))]
        if values.get("name"):
            typed = name_key(values["name"], values.get("type", ""))
            keys.append(("name", typed, country))
            untyped = name_key(values["name"])
            if untyped != typed:  # "Lille" typed as a town is also "Lille" typed otherwise
                keys.append(("name", untyped, country))
        if values.get("acronym"):
            keys.append(("acronym", acronym_key(values["acronym"]), country))
        return keys

    def same_record(self, row: RowContext, other: Mapping[str, Any], kind: str) -> bool:
        if kind == "siret":
            return True
        mine, theirs = row.values.get("siren"), other.get("siren")
        if mine and theirs and mine != theirs:
            return False
        mine, theirs = row.values.get("postcode"), other.get("postcode")
        if mine and theirs:
            country = row.values.get("country") or "FR"
            if postcode_area(mine, country) != postcode_area(theirs, other.get("country") or "FR"):
                return False
        return True

    def after_create(self, pairs: list[tuple[Any, RowResult]]) -> None:
        _add_tags(pairs, Organisation.tags.through, "organisation", self.user)
        Classifications.write(pairs)

    def after_update(self, pairs: list[tuple[Any, RowResult]]) -> None:
        _add_tags(pairs, Organisation.tags.through, "organisation", self.user)
        Classifications.write(pairs)


# --- People --------------------------------------------------------------------------------


def person_key(first_name: str, last_name: str) -> str:
    return f"{simplify(first_name)}|{simplify(last_name)}"


@register
class PersonImporter(Importer):
    name = "people"
    model = Person
    match_reasons = {"email": gettext_lazy("same email"), "name": gettext_lazy("same name")}
    fields = (
        Field("first_name", gettext_lazy("first name"),
              aliases=("prénom", "given name", "firstname")),
        Field("last_name", gettext_lazy("last name"), required=True,
              aliases=("nom", "nom de famille", "surname", "family name", "lastname")),
        Field("email", gettext_lazy("email"), parsers.email,
              aliases=("courriel", "e-mail", "mail", "adresse e-mail", "adresse électronique")),
        Field("other_email", gettext_lazy("other email"), parsers.email,
              aliases=("autre email", "autre courriel", "email 2", "second email")),
        Field("phone", gettext_lazy("phone"), parsers.using(normalise_phone),
              aliases=("téléphone", "tél", "tel", "téléphone fixe", "fixe"),
              help_text=gettext_lazy("Stored as +33…; numbers abroad need their country code.")),
        Field("mobile", gettext_lazy("mobile"), parsers.using(normalise_phone),
              aliases=("portable", "téléphone portable", "gsm", "cell", "mobile phone")),
        Field("languages", gettext_lazy("languages"), _languages, aliases=("langues", "langue"),
              help_text=gettext_lazy("ISO codes or names: fr, ar, anglais…")),
        Field("organisation", gettext_lazy("organisation"), aliases=(
            "organisme", "structure", "employeur", "organization", "company", "collectivité",
        ), help_text=gettext_lazy("The name, acronym or SIRET of an organisation already "
                                  "recorded; adds a position.")),
        Field("role", gettext_lazy("role"), aliases=(
            "fonction", "poste", "titre", "rôle", "job title", "position", "title",
        )),
        Field("start_on", gettext_lazy("start date"), parsers.date,
              aliases=("date de début", "depuis", "since", "début")),
        Field("lawful_basis", gettext_lazy("lawful basis"), parsers.choice(LawfulBasis, aliases={
            "consentement": LawfulBasis.CONSENT, "contrat": LawfulBasis.CONTRACT,
            "obligation légale": LawfulBasis.LEGAL_OBLIGATION,
            "mission d'intérêt public": LawfulBasis.PUBLIC_TASK,
            "intérêt légitime": LawfulBasis.LEGITIMATE_INTEREST,
        }), aliases=("base légale", "base juridique", "fondement")),
        Field("consent_on", gettext_lazy("consent date"), parsers.date,
              aliases=("date du consentement", "date de consentement")),
        Field("consent_source", gettext_lazy("consent source"),
              aliases=("source du consentement",)),
        Field("do_not_contact", gettext_lazy("do not contact"), parsers.boolean,
              aliases=("ne pas contacter", "ne pas solliciter", "opt out", "opt-out")),
        Field("notes", gettext_lazy("notes"), parsers.multiline_text,
              aliases=("commentaire", "commentaires", "remarques", "observations", "comments")),
        Field("tags", gettext_lazy("tags"), _TAGS,
              aliases=("étiquettes", "étiquette", "mots-clés", "tag", "labels")),
    )  # fmt: skip

    def prepare(self) -> None:
        """The organisations a row may name, by SIRET, name and acronym."""
        self.organisations: dict[str, set[int]] = {}
        for org in Organisation.objects.values("pk", "name", "acronym", "type", "siret"):
            for key in (org["siret"], name_key(org["name"], org["type"]),
                        simplify(org["name"]), acronym_key(org["acronym"])):  # fmt: skip
                if key:
                    self.organisations.setdefault(key, set()).add(org["pk"])

    def clean_row(self, row: RowContext) -> None:
        values = row.values  # the consent date of a consent basis is the model's rule
        organisation = values.get("organisation")
        if organisation:
            digits = clean_digits(organisation)
            found = (
                (self.organisations.get(digits) if digits.isdigit() else None)
                or self.organisations.get(name_key(organisation))
                or self.organisations.get(simplify(organisation))
                or self.organisations.get(acronym_key(organisation), set())
            )
            if not found:
                row.error(
                    _("No organisation “%(name)s” is recorded: import or create it first.")
                    % {"name": organisation},
                    field="organisation",
                )
            elif len(found) > 1:
                row.error(
                    _("Several organisations are called “%(name)s”: write its SIRET instead.")
                    % {"name": organisation},
                    field="organisation",
                )
            else:
                values["organisation_id"] = next(iter(found))
                if not values.get("role"):
                    values["role"] = _("Contact")
                    row.warn(_("No role given: the position is recorded as “Contact”."),
                             field="organisation")  # fmt: skip
        elif values.get("role"):
            row.warn(_("A role without an organisation is not recorded."), field="role")
        if len(values.get("role", "")) > 150:
            row.error(_("Too long: %(length)s characters, at most %(limit)s.")
                      % {"length": len(values["role"]), "limit": 150}, field="role")  # fmt: skip

    def existing(self) -> Any:
        return self.model._default_manager.values(
            "pk", "first_name", "last_name", "email", "other_email"
        ).iterator(chunk_size=2000)

    def match_keys(self, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        keys: list[tuple[Any, ...]] = [
            ("email", (values.get(name) or "").lower()) for name in ("email", "other_email")
        ]
        if values.get("last_name"):
            keys.append(("name", person_key(values.get("first_name", ""), values["last_name"])))
        return keys

    def same_record(self, row: RowContext, other: Mapping[str, Any], kind: str) -> bool:
        if kind == "email":
            return True
        mine = {(row.values.get(n) or "").lower() for n in ("email", "other_email")} - {""}
        theirs = {(other.get(n) or "").lower() for n in ("email", "other_email")} - {""}
        if mine and theirs:
            return False  # same name, other emails: a namesake
        row.warn(
            _("Same first and last name as %(name)s, with no email to compare: check that "
              "it is the same person.")
            % {"name": f"{other.get('first_name', '')} {other.get('last_name', '')}".strip()},
            field="last_name",
        )  # fmt: skip
        return True

    def after_create(self, pairs: list[tuple[Any, RowResult]]) -> None:
        _add_tags(pairs, Person.tags.through, "person", self.user)
        self._add_positions(pairs, existing=set())

    def after_update(self, pairs: list[tuple[Any, RowResult]]) -> None:
        _add_tags(pairs, Person.tags.through, "person", self.user)
        existing = set(
            Position.objects.filter(person__in=[obj.pk for obj, _row in pairs]).values_list(
                "person_id", "organisation_id", "role"
            )
        )
        self._add_positions(pairs, existing=existing)

    def _add_positions(self, pairs: list[tuple[Any, RowResult]], *, existing: set) -> None:
        positions = []
        for obj, row in pairs:
            organisation_id = row.values.get("organisation_id")
            role = row.values.get("role", "")
            if organisation_id and (obj.pk, organisation_id, role) not in existing:
                positions.append(
                    Position(
                        person_id=obj.pk,
                        organisation_id=organisation_id,
                        role=role,
                        start_on=row.values.get("start_on"),
                    )
                )
        if positions:
            service_for(Position).create_many(
                positions, by=self.user, reason=str(self.change_reason), batch_size=self.batch_size
            )
