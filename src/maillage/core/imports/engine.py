"""The import engine: an importer declares its fields and how it finds duplicates; the
engine reads the rows, checks every cell, finds duplicates in the database and in the
file, and writes the clean result in one transaction.

    @register
    class ExchangeRateImporter(Importer):
        name = "exchange-rates"
        model = ExchangeRate
        fields = (
            Field("currency", _("currency"), parsers.choice(currency_choices), required=True,
                  aliases=("devise",)),
            Field("rate", _("rate"), parsers.decimal, required=True, aliases=("taux",)),
            Field("valid_on", _("date"), parsers.date, required=True),
        )

        def match_keys(self, values):
            return [("day", values.get("currency"), values.get("valid_on"))]

Every row passes the entity's own rules, those of its pages and API (the service's
`clean`: the model's fields, `clean()` and constraints, then the service's `validate`),
with the same messages, shown on the row and its column. Nothing is written by
`preview.build_preview`; `writer.commit` creates through the service's `create_many` and
updates through its `prepare` and `clean` (history kept with the importing user,
`search_text` computed, `version` and `updated_at` moved on) and writes every row or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar

from django.db import models
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.imports import parsers
from maillage.core.imports.readers import column_letter
from maillage.core.services import ModelService, service_for

SKIP, UPDATE, CREATE = "skip", "update", "create"
DECISIONS = (SKIP, UPDATE, CREATE)


@dataclass(frozen=True)
class Field:
    """A column an importer understands: the model field (or hook value) it fills."""

    name: str
    label: Any
    parse: parsers.Parser = parsers.text
    required: bool = False
    aliases: tuple[str, ...] = ()  # other headers meaning this field, in French and English
    help_text: Any = ""


@dataclass(frozen=True)
class Issue:
    """An error (blocks the import) or a warning about a row, or the whole file."""

    level: str
    message: str
    row: int | None = None
    column: int | None = None
    header: str = ""

    @property
    def location(self) -> str:
        if self.row is None:
            return _("File")
        if self.column is None:
            return _("Row %(row)s") % {"row": self.row}
        return _("Row %(row)s, column %(letter)s “%(header)s”") % {
            "row": self.row,
            "letter": column_letter(self.column),
            "header": self.header,
        }

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "message": self.message,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "location": self.location,
        }


@dataclass(frozen=True)
class Match:
    """A row that looks like an existing record (`pk`) or an earlier row of the file."""

    reason: str
    pk: int | None = None
    row: int | None = None
    label: str = ""
    url: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        return DECISIONS if self.pk is not None else (SKIP, CREATE)


@dataclass
class RowResult:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    match: Match | None = None
    # Fields already refused on this row: the entity's rules say nothing more about them.
    refused: set[str] = field(default_factory=set)

    @property
    def has_errors(self) -> bool:
        return any(i.level == "error" for i in self.issues)


class RowContext:
    """What a parser and `Importer.clean_row` see of the row being read."""

    def __init__(self, result: RowResult, columns: Mapping[str, tuple[int, str]]) -> None:
        self.result = result
        self.number = result.number
        self.values = result.values
        self._columns = columns
        self.field: str | None = None

    def failed(self, field: str) -> bool:
        """Whether the cell of `field` was refused (so its value is missing, not empty)."""
        column = self._columns.get(field, (None, ""))[0]
        return any(i.level == "error" and i.column == column for i in self.result.issues)

    def has_column(self, field: str) -> bool:
        """Whether the file has a column for `field` (else its value is the default)."""
        return field in self._columns

    @property
    def refused(self) -> set[str]:
        """Fields refused on this row; add one whose error is shown at another column."""
        return self.result.refused

    def _issue(self, level: str, message: str, field: str | None) -> None:
        name = field or self.field or ""
        column, header = self._columns.get(name, (None, ""))
        self.result.issues.append(Issue(level, str(message), self.number, column, header))
        if level == "error" and name:
            self.result.refused.add(name)

    def warn(self, message: str, field: str | None = None) -> None:
        self._issue("warning", message, field)

    def error(self, message: str, field: str | None = None) -> None:
        self._issue("error", message, field)


class Importer:
    """The declaration of an import; subclasses set the class attributes and, if needed,
    override the hooks. An instance lives for one preview or one commit."""

    name: ClassVar[str]
    model: ClassVar[type[models.Model]]
    fields: ClassVar[tuple[Field, ...]]
    match_reasons: ClassVar[Mapping[str, Any]] = {}  # key kind → "same SIRET"
    batch_size: ClassVar[int] = 500
    change_reason: ClassVar[Any] = gettext_lazy("Import from a file")
    do_not_call_in_templates: ClassVar[bool] = True

    def __init__(self, user: Any = None) -> None:
        self.user = user

    @property
    def service(self) -> type[ModelService[Any]]:
        """The entity's write path: the rules the pages and API apply, applied to the rows."""
        return service_for(self.model)

    @classmethod
    def verbose_name_plural(cls) -> str:
        return str(cls.model._meta.verbose_name_plural)

    @classmethod
    def field_map(cls) -> dict[str, Field]:
        return {f.name: f for f in cls.fields}

    # -- hooks ---------------------------------------------------------------------------

    def prepare(self) -> None:
        """Load once what every row needs (lookup tables), before the rows are read."""

    def clean_row(self, row: RowContext) -> None:
        """Checks across the fields of a row; call `row.error(..., field=...)`."""

    def match_keys(self, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Keys that identify a record, strongest first, e.g. [("siret", "213…")]; the
        first element names the kind (see `match_reasons`). Empty: no duplicate check."""
        return []

    def existing(self) -> Iterable[Mapping[str, Any]]:
        """The records to compare with, as dicts with "pk"; match_keys is applied to them."""
        names = [f.name for f in self.fields if is_model_field(self.model, f.name)]
        return self.model._default_manager.values("pk", *names).iterator(chunk_size=2000)

    def same_record(self, row: RowContext, other: Mapping[str, Any], kind: str) -> bool:
        """Veto a match found by a key (two different postcodes…); may warn the row."""
        return True

    # -- near-duplicates: what no exact key finds (a word missing, a typo) ------------------

    near_threshold: ClassVar[float] = 0.88  # resemblance from which a row is flagged
    near_reason: ClassVar[Any] = gettext_lazy("similar name (%(percent)s %%)")

    def near_blocks(self, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The groups of records a row is compared with by resemblance (same country and
        first word…), so that a row meets a few records, not all; empty: not compared."""
        return []

    def resemblance(self, values: Mapping[str, Any], other: Mapping[str, Any]) -> float:
        """How much a row resembles a record of one of its groups, 0 to 1."""
        return 0.0

    def build(self, values: Mapping[str, Any]) -> models.Model:
        return self.model(**{k: v for k, v in values.items() if is_model_field(self.model, k)})

    def apply(self, obj: models.Model, values: Mapping[str, Any]) -> list[str]:
        """Copy the file's values onto an existing record; an empty cell changes nothing."""
        changed = []
        for name, value in values.items():
            if not is_model_field(self.model, name) or value in (None, ""):
                continue
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed.append(name)
        return changed

    def after_create(self, pairs: list[tuple[models.Model, RowResult]]) -> None:
        """Write what belongs to the new records (tags, positions…), in bulk."""

    def after_update(self, pairs: list[tuple[models.Model, RowResult]]) -> None:
        """Same as `after_create`, for the updated records."""


_REGISTRY: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    _REGISTRY[cls.name] = cls
    return cls


def importers() -> dict[str, type[Importer]]:
    """Every declared importer by name: each app's `imports` module declares its own."""
    autodiscover_modules("imports")
    return dict(sorted(_REGISTRY.items()))


def get_importer(name: str) -> type[Importer]:
    found = importers().get(name)
    if found is None:
        raise KeyError(name)
    return found


def is_model_field(model: type[models.Model], name: str) -> bool:
    return name in model_fields(model)


@cache
def model_fields(model: type[models.Model]) -> dict[str, models.Field]:
    """The model's own columns by name (and by attname: "parent_id")."""
    fields: dict[str, models.Field] = {}
    for model_field in model._meta.concrete_fields:
        fields[model_field.name] = model_field
        fields[model_field.attname] = model_field
    return fields
