"""Checks of a record that `full_clean` does in Python rather than in the database.

Every write goes through a service whose `full_clean` runs the model's rules, an import of
10,000 organisations included. Django checks each check constraint with one query (three
per organisation, in a savepoint inside a transaction) and each choice of a long list
(countries, départements, time zones) by walking its labelled choices: minutes for such an
import. `FastChecks` gives the same verdicts, with the same messages, without either:
conditions made of plain lookups are evaluated in Python (any other asks the database as
before), and a valid code is found in the set of the list's codes.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Sequence
from functools import cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DEFAULT_DB_ALIAS, models, router
from django.db.models import F, Q
from django.utils.choices import CallableChoiceIterator

_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


class _AskTheDatabase(Exception):
    """A condition Python does not evaluate: the constraint is checked by a query."""


class _Excluded(Exception):
    """The condition names a field left out of the check: the constraint is skipped."""


def evaluate(node: Any, value_of: Callable[[str], Any]) -> bool | None:
    """SQL's verdict on a condition (None: unknown, which a CHECK constraint lets pass);
    `value_of(name)` reads a field of the record."""
    if isinstance(node, Q):
        results = [evaluate(child, value_of) for child in node.children]
        if node.connector == Q.AND:
            result = False if False in results else (None if None in results else True)
        elif node.connector == Q.OR:
            result = True if True in results else (None if None in results else False)
        else:
            raise _AskTheDatabase
        return result if result is None or not node.negated else not result
    if not isinstance(node, tuple) or len(node) != 2:
        raise _AskTheDatabase
    path, expected = node
    name, _sep, lookup = path.partition("__")
    value = value_of(name)
    if isinstance(expected, F):
        expected = value_of(expected.name)
    elif hasattr(expected, "resolve_expression"):
        raise _AskTheDatabase
    if lookup == "isnull":
        return (value is None) == bool(expected)
    compare = _COMPARISONS.get(lookup or "exact")
    if compare is None:
        raise _AskTheDatabase
    if value is None or expected is None:
        return None
    try:
        return compare(value, expected)
    except TypeError as error:
        raise _AskTheDatabase from error


@cache
def _attnames(model: type[models.Model]) -> dict[str, str]:
    names = {f.name: f.attname for f in model._meta.concrete_fields}
    return names | {attname: attname for attname in names.values()}


class _PythonCheck(models.BaseConstraint):
    """A check constraint as `Model.validate_constraints` sees it, evaluated in Python
    (only validation asks for it: it is never turned into SQL)."""

    def __init__(self, constraint: models.CheckConstraint) -> None:
        super().__init__(
            name=constraint.name,
            violation_error_code=constraint.violation_error_code,
            violation_error_message=constraint.violation_error_message,
        )
        self.constraint = constraint

    def validate(
        self,
        model: type[models.Model],
        instance: models.Model,
        exclude: Collection[str] | None = None,
        using: str = DEFAULT_DB_ALIAS,
    ) -> None:
        attnames = _attnames(model)
        excluded = set(exclude or ())

        def value_of(name: str) -> Any:
            if name not in attnames:
                raise _AskTheDatabase
            if name in excluded or attnames[name] in excluded:
                raise _Excluded
            return getattr(instance, attnames[name])

        try:
            verdict = evaluate(self.constraint.condition, value_of)
        except _Excluded:
            return  # as Django does: a field left out of the check leaves its constraints out
        except _AskTheDatabase:
            try:
                self.constraint.validate(model, instance, exclude=exclude, using=using)  # type: ignore[attr-defined]  # django-stubs 5.2 leaves validate out of CheckConstraint
            except ValidationError as error:
                raise on_its_field(self.constraint, model, error) from None
            return
        if verdict is False:
            raise on_its_field(
                self.constraint,
                model,
                ValidationError(
                    self.constraint.get_violation_error_message(),
                    code=self.constraint.violation_error_code,
                ),
            )


def constraint_field(constraint: models.BaseConstraint, model: type[models.Model]) -> str | None:
    """The one field a constraint is about (`budget >= 0` is about `budget`), None when
    it spans several fields or says nothing Python can read."""
    constraint = getattr(constraint, "constraint", constraint)  # a _PythonCheck's own
    names: set[str] = set()
    if isinstance(constraint, models.CheckConstraint):
        try:
            _field_names(constraint.condition, names)
        except _AskTheDatabase:
            return None
    elif isinstance(constraint, models.UniqueConstraint):
        if constraint.expressions or constraint.condition is not None:
            return None
        names.update(constraint.fields)
    if len(names) != 1:
        return None
    try:
        return model._meta.get_field(names.pop()).name
    except FieldDoesNotExist:
        return None


def _field_names(node: Any, names: set[str]) -> None:
    if isinstance(node, Q):
        for child in node.children:
            _field_names(child, names)
        return
    if not isinstance(node, tuple) or len(node) != 2:
        raise _AskTheDatabase
    path, expected = node
    names.add(path.split("__", 1)[0])
    if isinstance(expected, F):
        names.add(expected.name.split("__", 1)[0])
    elif hasattr(expected, "resolve_expression"):
        raise _AskTheDatabase


def on_its_field(
    constraint: models.BaseConstraint, model: type[models.Model], error: ValidationError
) -> ValidationError:
    """A constraint's refusal keyed by the field it is about, when it is about one: the
    form shows it on that field and the API's 400 names it, as a field validator would."""
    name = constraint_field(constraint, model)
    if name is None or hasattr(error, "error_dict"):
        return error
    return ValidationError({name: error.error_list})


def validate_constraints(obj: models.Model, exclude: Collection[str]) -> None:
    """`Model.validate_constraints`, each refusal on the field it is about (Django puts a
    check constraint's message on the record as a whole)."""
    errors: dict[str, Any] = {}
    using = router.db_for_write(type(obj), instance=obj)
    for model, constraints in obj.get_constraints():
        for constraint in constraints:
            try:
                constraint.validate(model, obj, exclude=exclude, using=using)  # type: ignore[attr-defined]  # django-stubs 5.2 leaves validate out of BaseConstraint
            except ValidationError as error:
                errors = on_its_field(constraint, model, error).update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


_CHECKS: dict[int, _PythonCheck] = {}  # by id: constraints compare by value, not hash


def _in_python(constraint: models.BaseConstraint) -> models.BaseConstraint:
    if not isinstance(constraint, models.CheckConstraint):
        return constraint
    if id(constraint) not in _CHECKS:
        _CHECKS[id(constraint)] = _PythonCheck(constraint)
    return _CHECKS[id(constraint)]


_CODES: dict[models.Field, frozenset[Any]] = {}


def _codes(field: models.Field) -> frozenset[Any]:
    """The codes of a field's long, fixed list of choices (their labels follow the language;
    the codes do not)."""
    if field not in _CODES:
        _CODES[field] = frozenset(code for code, _label in field.flatchoices)
    return _CODES[field]


class FastChecks(models.Model):
    """A model whose `full_clean` checks constraints and long choice lists in Python."""

    class Meta:
        abstract = True

    def get_constraints(self) -> list[tuple[type[models.Model], Sequence[models.BaseConstraint]]]:
        return [
            (model, [_in_python(c) for c in constraints])
            for model, constraints in super().get_constraints()
        ]

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # A field whose choices come from a function (countries, départements, time zones)
        # holding one of its codes needs no other check: it is left out of Django's.
        skipped = set(exclude or ())
        for field in self._meta.concrete_fields:
            if field.name in skipped or not isinstance(field.choices, CallableChoiceIterator):
                continue
            value = getattr(self, field.attname)
            if value not in field.empty_values and value in _codes(field):
                skipped.add(field.name)
        super().clean_fields(exclude=skipped)
