"""The repeated markup of the Gantt chart and of the task board, written in Python.

A 1,000-item plan is 1,000 bars, 1,000 table rows and ~800 cards: through the template
engine each of their variables, filters, `{% url %}`, `{% csrf_token %}` and
`{% blocktranslate %}` was resolved one by one, ~0.3–0.4 s a page (issue 16). Here what is
the same for every row is worked out once per page (URL patterns, labels, the date
format, the CSRF token), each row is one f-string, and only the user's text is escaped
(numbers and our own identifiers are written as they are). The templates keep the rest of
the page; `tests/projects/test_plan_markup.py` checks that this markup is the one their
former loops wrote.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from html import escape  # what Django's `escape` calls, without its lazy-text wrapper
from typing import Any

from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from maillage.projects.models import ItemKind
from maillage.projects.planning import BAR_HEIGHT, Gantt

LABEL_CHARS = 38  # the titles left of the bars: longer ones end with "…"
_PK = 2_147_483_647  # a pk no URL holds elsewhere: where the pattern's pk goes


def url_of(name: str) -> Callable[[Any], str]:
    """The URL of route `name` for a pk, reversed once (not once per row), escaped."""
    before, _sep, after = escape(reverse(name, args=[_PK])).rpartition(str(_PK))
    return lambda pk: f"{before}{pk}{after}"


class ShortDates:
    """Dates in the active language's short format, each written once per page (a plan's
    2,000 start and end dates are a few hundred days)."""

    def __init__(self) -> None:
        self.format = get_format("SHORT_DATE_FORMAT")
        self.seen: dict[datetime.date, str] = {}

    def __call__(self, day: datetime.date) -> str:
        text = self.seen.get(day)
        if text is None:
            text = self.seen[day] = escape(dateformat.format(day, self.format))
        return text


def label(title: str) -> str:
    """`truncatechars:38`, without the truncator's character loop for short titles."""
    text = unicodedata.normalize("NFC", title)
    return text if len(text) <= LABEL_CHARS else Truncator(text).chars(LABEL_CHARS)


def _item_urls() -> dict[str, Callable[[Any], str]]:
    return {kind: url_of(f"projects:{kind}_detail") for kind in ItemKind.values}


# --- The Gantt chart ------------------------------------------------------------------


def gantt_markup(chart: Gantt) -> dict[str, SafeString]:
    """The chart's bars and links (`bars`, `links`) and the same plan's table rows
    (`table_rows`)."""
    urls, short = _item_urls(), ShortDates()
    return {
        "bars": gantt_bars(chart, urls, short),
        "links": gantt_links(chart),
        "table_rows": gantt_table(chart, urls, short),
    }


def gantt_bars(
    chart: Gantt, urls: dict[str, Callable[[Any], str]], short: ShortDates
) -> SafeString:
    """The chart's rows in the SVG: each item's label, its bar (or diamond) with a title
    saying its dates, and its progress, inside the link to its page."""
    rows = []
    for bar in chart.bars:
        item = bar.item
        title, pk = escape(item.title), item.pk
        if bar.is_milestone:
            shape = (
                f'<polygon class="{bar.classes}" points="{bar.diamond}" data-item="{pk}">'
                f"<title>{title} · {short(item.end_on)}</title></polygon>"
            )
        else:
            box = f'x="{bar.x}" y="{bar.y}"'
            shape = (
                f'<rect class="{bar.classes}" {box} width="{bar.width}" height="{BAR_HEIGHT}"'
                f' rx="3" data-item="{pk}"><title>{title} · {short(item.start_on)} – '
                f"{short(item.end_on)} · {item.progress} %</title></rect>"
            )
            if bar.progress_width:
                shape += (
                    f'<rect class="progress" {box} width="{bar.progress_width}"'
                    f' height="{BAR_HEIGHT}" rx="3"/>'
                )
        rows.append(
            f'<g class="row {item.kind}"><a href="{urls[item.kind](pk)}">'
            f'<text class="item-label depth-{bar.depth}" x="{bar.label_x}" y="{bar.text_y}">'
            f"{escape(label(item.title))}</text>{shape}</a></g>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 — every user value above is escaped


def gantt_links(chart: Gantt) -> SafeString:
    """The dependencies' arrows (the critical ones in their colour)."""
    return mark_safe(  # noqa: S308 — paths of numbers only
        "".join(
            f'<path class="link{" critical" if arrow.critical else ""}" d="{arrow.path}"'
            ' marker-end="url(#gantt-arrow)"/>'
            for arrow in chart.arrows
        )
    )


def gantt_table(
    chart: Gantt, urls: dict[str, Callable[[Any], str]], short: ShortDates
) -> SafeString:
    """The same plan as table rows: title and kind, dates, progress, critical, late."""
    kinds = {value: escape(str(name)) for value, name in ItemKind.choices}
    yes, no = escape(_("yes")), escape(_("no"))
    late_yes = f'<span class="badge late">{yes}</span>'
    rows = []
    for bar in chart.bars:
        item = bar.item
        late = " is-late" if bar.late else ""
        progress = "—" if bar.is_milestone else f"{item.progress} %"
        rows.append(
            f'<tr class="{item.kind}{late}"><th scope="row" class="depth-{bar.depth}">'
            f'<a href="{urls[item.kind](item.pk)}">{escape(item.title)}</a> '
            f'<span class="muted">({kinds[item.kind]})</span></th>'
            f"<td>{short(item.start_on)}</td><td>{short(item.end_on)}</td>"
            f"<td>{progress}</td><td>{yes if bar.critical else no}</td>"
            f"<td>{late_yes if bar.late else no}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 — every user value above is escaped


# --- The task board -------------------------------------------------------------------


def board_cards(cards: Iterable[dict[str, Any]], *, csrf_token: str, board_url: str) -> SafeString:
    """A column's cards: title, activity, end date, assignees, and for those the user may
    move, what the board script needs (focus, drag, the moves) and the buttons of the
    move without JavaScript."""
    task_url = url_of("projects:task_detail")
    status_url = url_of("projects:task_status")
    short = ShortDates()
    late_badge = f' <span class="badge late">{escape(_("late"))}</span>'
    hidden = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
        f'<input type="hidden" name="next" value="{escape(board_url)}">'
    )
    buttons: dict[tuple[str, ...], str] = {}  # by the statuses a card may move to
    rows = []
    for card in cards:
        task, moves = card["task"], card["moves"]
        pk = task.pk
        moving = ""
        if card["movable"]:
            targets = " ".join(status for status, _label in moves)
            moving = (
                f' tabindex="0" draggable="true" data-url="{status_url(pk)}"'
                f' data-moves="{targets}" aria-describedby="board-help"'
            )
        people = (
            f'<p class="task-meta">{escape(card["assignees"])}</p>' if card["assignees"] else ""
        )
        form = ""
        if moves:
            key = tuple(status for status, _name in moves)
            if key not in buttons:
                buttons[key] = "".join(
                    f'<button type="submit" name="status" value="{status}" class="small">'
                    f"{escape(_('Move to %(column)s') % {'column': name})}</button>"
                    for status, name in moves
                )
            form = (
                f'<form method="post" action="{status_url(pk)}" class="card-moves">'
                f"{hidden}{buttons[key]}</form>"
            )
        parent = escape(task.parent.title) if task.parent_id else ""
        rows.append(
            f'<li class="task-card{" late" if card["late"] else ""}" id="task-{pk}" data-card'
            f' data-task="{pk}" data-status="{task.status}"{moving}>'
            f'<a href="{task_url(pk)}" class="task-title">{escape(task.title)}</a>'
            f'<p class="task-meta">{parent} · {short(task.end_on)}'
            f"{late_badge if card['late'] else ''}</p>{people}{form}</li>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 — every user value above is escaped


def board_markup(
    columns: Sequence[dict[str, Any]], *, csrf_token: str, board_url: str
) -> list[dict[str, Any]]:
    """The columns with their cards' markup (`html`) beside the cards themselves."""
    return [
        {**column, "html": board_cards(column["cards"], csrf_token=csrf_token, board_url=board_url)}
        for column in columns
    ]
