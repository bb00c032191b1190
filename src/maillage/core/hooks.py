"""Extension points: a lower app offers a named hook, higher apps register into it.

A lower app never imports a higher one (the layer contract in CI checks it). Where it
needs what a higher app adds (a menu entry, a tab on the project page, a section of an
organisation's page, its rows in a person's GDPR export, a search provider, an item of
the home page), it asks the hook, as Wagtail's hooks do:

    # in maillage/partnerships/hooks.py, imported at start-up by core.apps
    @hooks.register(hooks.PROJECT_TABS)
    def agreements_tab(project, user):
        return [Tab("agreements", _("Agreements"), reverse(...), order=60)]

Every app's `hooks.py` (and `services.py`) is imported when Django starts, so the
registries are full before the first request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

# The hooks, with what their functions take and return.
NAVIGATION = "navigation"  # (user) -> list[NavEntry]
PROJECT_TABS = "project_tabs"  # (project, user) -> list[Tab]
ORGANISATION_SECTIONS = "organisation_sections"  # (organisation, user) -> list[Section]
PERSON_SECTIONS = "person_sections"  # (person, user) -> list[Section]
GRANT_SECTIONS = "grant_sections"  # (grant, user) -> list[Section]
GDPR_EXPORT = "gdpr_export"  # (person) -> dict[str, list[dict]]: rows naming the person
HOME_ITEMS = "home_items"  # (user, today) -> list[Section]
SEARCH_PROVIDERS = "search_providers"  # () -> list[SearchProvider]
# The user's dated events for the calendar feed (reporting's iCalendar address):
CALENDAR_EVENTS = "calendar_events"  # (user, since: date) -> list[CalendarEvent]
# Everyone's time away for the team calendar, whoever views it (not only their own), from
# what the viewer may see:
TEAM_EVENTS = "team_events"  # (viewer, since: date, until: date) -> list[TeamEvent]

KNOWN = frozenset(
    {
        NAVIGATION,
        PROJECT_TABS,
        ORGANISATION_SECTIONS,
        PERSON_SECTIONS,
        GRANT_SECTIONS,
        GDPR_EXPORT,
        HOME_ITEMS,
        SEARCH_PROVIDERS,
        CALENDAR_EVENTS,
        TEAM_EVENTS,
    }
)

_HOOKS: dict[str, list[tuple[int, Callable[..., Any]]]] = defaultdict(list)


def register(name: str, *, order: int = 0) -> Callable[[F], F]:
    """Decorator: add the function to hook `name` (lower `order` comes first)."""
    if name not in KNOWN:
        raise ValueError(f"unknown hook {name!r}")

    def decorator(fn: F) -> F:
        entries = _HOOKS[name]
        if all(existing is not fn for _order, existing in entries):
            entries.append((order, fn))
            entries.sort(key=lambda entry: entry[0])
        return fn

    return decorator


def get_hooks(name: str) -> list[Callable[..., Any]]:
    if name not in KNOWN:
        raise ValueError(f"unknown hook {name!r}")
    return [fn for _order, fn in _HOOKS[name]]


def collect(name: str, *args: Any) -> list[Any]:
    """Call every function of the hook and chain the lists they return; what they read
    through `shared` is read once for all of them."""
    items: list[Any] = []
    with collecting():
        for fn in get_hooks(name):
            items.extend(fn(*args) or ())
    return sorted(items, key=lambda item: getattr(item, "order", 0))


_shared: ContextVar[dict[Hashable, Any] | None] = ContextVar("hooks_shared", default=None)


@contextmanager
def collecting() -> Iterator[None]:
    """The span of one collection (one request's home page…): `shared` values last as long.
    Nested spans share the outer one's."""
    if _shared.get() is not None:
        yield
        return
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


class RequestScopeMiddleware:
    """Each request is one span of `collecting`: what its views, lists and sections read
    through `shared` (a partner's project ids) is read once for the request, and is gone
    with it."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        with collecting():
            return self.get_response(request)


def shared(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, worked out once per collection for every function of the hook that asks
    with the same `key` (say, the ids of the user's projects, which several home sections
    filter by); outside a collection, each call computes it again, so nothing outlives
    the request that read it."""
    values = _shared.get()
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]


@dataclass(frozen=True)
class NavEntry:
    """An entry of the main navigation."""

    label: Any
    url: str
    order: int = 0


@dataclass(frozen=True)
class Tab:
    """A tab of a record's page (a project's plan, risks, agreements…)."""

    key: str
    label: Any
    url: str
    order: int = 0


@dataclass(frozen=True)
class Section:
    """A block of a page rendered from a template with its own context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 0


@dataclass(frozen=True)
class SearchProvider:
    """One kind of record the global search finds (`maillage.core.search`).

    `queryset(user)` returns the rows the user may see: every match of the index is
    checked against it, so a record the user may not open is never found. Results are
    grouped under `label`. `model` is the indexed model (a `SearchableModel`; a proxy such
    as Task narrows its table through its queryset); the index holds its SEARCH_FIELDS,
    its title and the longer texts named in `fields` (descriptions, notes).
    """

    label: Any
    queryset: Callable[[Any], Any]
    order: int = 0
    model: Any = None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarEvent:
    """A dated event of a user's calendar feed (CALENDAR_EVENTS): a deadline, a mission,
    a meeting. `start` is an aware datetime (shown in its time zone `tz`, e.g. a call's
    "Europe/Paris") or a date (an all-day event); `uid` is stable across feeds."""

    uid: str
    title: str
    start: Any
    tz: str = ""
    end: Any = None
    url: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class TeamEvent:
    """A time someone is away, for the team calendar (TEAM_EVENTS): a mission. It names
    the person or user it concerns (`person_id`, `user_id`: a lower app has no staff
    records; the team app keeps the events of its staff). `start` and `end` are dates,
    both included; `kind` is a stable key ("mission"), `label` its readable name."""

    uid: str
    kind: str
    label: Any
    title: str
    start: Any
    end: Any
    person_id: int | None = None
    user_id: int | None = None
    url: str = ""
