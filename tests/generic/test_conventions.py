"""Every entity has the same parts with the same names (docs/architecture.md, STYLE.md):
a model with `__str__`, `get_absolute_url`, history and a queryset with `visible_to`; a
service in the app's `services`; a FilterSet in `<app>.filters`; a form; its CrudViews in
`<app>.views`; its seven routes; an API resource in the app's `api.ROUTES`; the trash when
it has a delete page; a `selectors` module in its app. A model that lacks one fails here,
named with the part it lacks — the way NetBox's test suite does.

The entities are found, not listed: every CrudViews declaration of every maillage app.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch, reverse

from maillage.core.crud import CrudViews
from maillage.core.services import registered_services
from tests.generic.entities import ENTITIES

# Exemptions, each with its reason: "app_label.Model" → why.
NO_API = {
    "accounts.User": "Accounts are managed on the pages by administrators; the API serves "
    "only the signed-in user (/api/me), so that no token can list or create accounts.",
}
NO_TRASH = {
    "accounts.User": "An account is deactivated, never deleted: the history and the audit "
    "log go on naming who did what.",
}
ROUTES = ("list", "create", "export", "detail", "update", "delete", "history")


def _maillage_apps() -> list[Any]:
    return [c for c in apps.get_app_configs() if c.name.startswith("maillage.")]


def _modules(name: str) -> list[ModuleType]:
    """The module `name` and, when it is a package, every module in it."""
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as missing:
        if missing.name == name:
            return []
        raise
    found = [module]
    if hasattr(module, "__path__"):
        for info in pkgutil.walk_packages(module.__path__, f"{name}."):
            found.append(importlib.import_module(info.name))
    return found


def crud_declarations() -> list[type[CrudViews]]:
    """Every CrudViews subclass with a model, in the views of every maillage app."""
    found: dict[str, type[CrudViews]] = {}
    for config in _maillage_apps():
        for module in _modules(f"{config.name}.views"):
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, CrudViews)
                    and value.__module__ == module.__name__
                    and "model" in _declared(value)
                ):
                    found[f"{value.__module__}.{value.__qualname__}"] = value
    return sorted(found.values(), key=lambda c: c.model._meta.label)


def _declared(cls: type) -> set[str]:
    return {name for klass in cls.__mro__ if klass is not CrudViews for name in vars(klass)}


def _label(crud: type[CrudViews]) -> str:
    return crud.model._meta.label


def _package(crud: type[CrudViews]) -> str:
    return apps.get_app_config(crud.model._meta.app_label).name


# -- the parts ------------------------------------------------------------------------


def has_visible_to(crud: type[CrudViews]) -> str | None:
    if not hasattr(crud.model._default_manager, "visible_to"):
        return "a queryset with visible_to(user) as its default manager"
    return None


def has_history(crud: type[CrudViews]) -> str | None:
    if not hasattr(crud.model, "history"):
        return "history = HistoricalRecords() (django-simple-history)"
    return None


def has_service(crud: type[CrudViews]) -> str | None:
    model = crud.model
    owners = (model, *model._meta.get_parent_list(), model._meta.concrete_model)
    package = f"{_package(crud)}.services"
    for owner in owners:
        service = registered_services().get(owner)
        if service is not None and service.__module__.startswith(package):
            return None
    name = model.__name__
    return f"a service: `class {name}Service(ModelService[{name}]): model = {name}` in {package}"


def has_filterset(crud: type[CrudViews]) -> str | None:
    filterset = crud.filterset_class
    module = f"{_package(crud)}.filters"
    if filterset is None or not filterset.__module__.startswith(module):
        return f"a FilterSet in {module} (filterset_class)"
    return None


def has_form(crud: type[CrudViews]) -> str | None:
    form = crud.form_class
    module = f"{_package(crud)}.forms"
    if form is None or not form.__module__.startswith(module):
        return f"a form in {module} (form_class)"
    return None


def has_views_in_place(crud: type[CrudViews]) -> str | None:
    if not crud.__module__.startswith(f"{_package(crud)}.views"):
        return f"its CrudViews in {_package(crud)}.views"
    return None


def has_routes(crud: type[CrudViews]) -> str | None:
    missing = []
    for action in ROUTES:
        args = [] if action in ("list", "create", "export") else [1]
        try:
            reverse(crud.url_name(action), args=args)
        except NoReverseMatch:
            missing.append(crud.url_name(action))
    return f"the routes {', '.join(missing)} (`*Views.urls(prefix)`)" if missing else None


def has_api(crud: type[CrudViews]) -> str | None:
    if _label(crud) in NO_API:
        return None
    module = f"{_package(crud)}.api"
    try:
        routes = importlib.import_module(module).ROUTES
    except (ModuleNotFoundError, AttributeError):
        return f"ROUTES = [(segment, viewset, basename)] in {module}"
    for _segment, viewset, _basename in routes:
        if getattr(viewset, "model", None) is crud.model:
            return None
    return f"an API viewset of {crud.model.__name__} in {module}.ROUTES"


def has_trash(crud: type[CrudViews]) -> str | None:
    if _label(crud) in NO_TRASH:
        return None
    try:
        crud.model._meta.get_field("deleted_at")
    except Exception:
        return "the trash (SoftDeleteModel: deleted_at), since it has a delete page"
    return None


def has_selectors(crud: type[CrudViews]) -> str | None:
    module = f"{_package(crud)}.selectors"
    if not _modules(module):
        return f"a {module} module (the reads of its pages, API and reports)"
    return None


def has_str_and_url(crud: type[CrudViews]) -> str | None:
    model = crud.model
    missing = []
    if model.__str__ is models.Model.__str__:
        missing.append("__str__")
    if not hasattr(model, "get_absolute_url"):
        missing.append("get_absolute_url")
    return " and ".join(missing) or None


def has_create_title(crud: type[CrudViews]) -> str | None:
    if getattr(crud.model, "create_title", None) is None:
        return (
            'create_title = _("New …") on the model: the create page\'s title as one '
            "phrase the translation agrees with its noun"
        )
    return None


PARTS: dict[str, Callable[[type[CrudViews]], str | None]] = {
    "visible_to": has_visible_to,
    "history": has_history,
    "service": has_service,
    "filterset": has_filterset,
    "form": has_form,
    "views": has_views_in_place,
    "routes": has_routes,
    "api": has_api,
    "trash": has_trash,
    "selectors": has_selectors,
    "str_and_url": has_str_and_url,
    "create_title": has_create_title,
}


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("crud", crud_declarations(), ids=_label)
def test_every_entity_has_every_part(crud, part):
    lacks = PARTS[part](crud)
    assert lacks is None, f"{_label(crud)} ({crud.dotted_path()}) lacks {lacks}"


def test_every_entity_with_pages_is_in_the_generic_suites():
    declared = {crud.dotted_path() for crud in crud_declarations()}
    covered = {entity.views for entity in ENTITIES}
    assert not declared - covered, (
        f"CrudViews without a line in tests/generic/entities.py: {sorted(declared - covered)}"
    )
    assert not covered - declared, f"lines naming no CrudViews: {sorted(covered - declared)}"


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.extend([sub, *_subclasses(sub)])
    return found


def test_every_row_page_has_a_create_title():
    from django.db.models import Model

    from maillage.core.crud_children import ChildViews

    crud_declarations()  # imports every app's views
    rows = {
        child.child_model for child in _subclasses(ChildViews) if child.child_model is not Model
    }
    assert len(rows) > 10, rows  # the views were found
    lacking = sorted(m._meta.label for m in rows if getattr(m, "create_title", None) is None)
    assert not lacking, f"row models without create_title: {lacking}"


def test_the_exemptions_name_models_that_exist():
    for label in {**NO_API, **NO_TRASH}:
        assert apps.get_model(label) is not None


def test_a_model_without_its_parts_is_caught():
    """The checks themselves: pages declared for a reference table (a codelist) that has
    none of an entity's parts."""
    from maillage.core.models import Codelist

    class CodelistViews(CrudViews):
        model = Codelist

    lacking = {part for part, check in PARTS.items() if check(CodelistViews) is not None}
    assert lacking >= {"history", "filterset", "form", "routes", "api", "trash", "str_and_url"}
