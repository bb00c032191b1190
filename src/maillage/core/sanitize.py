"""HTML and Markdown from users, made safe to show.

Notes, descriptions and minutes are written by people and shown to others: what they write
must never run in a reader's browser. Markdown is rendered with raw HTML turned off, then
everything goes through one allow-list (nh3, the Rust ammonia sanitizer): a few text tags,
links to http, https and mailto only, each with `rel="noopener noreferrer"`; no scripts,
styles, event handlers, frames, images or SVG. Headings start at h2 (the page has the h1).
"""

from __future__ import annotations

from typing import Any

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "strong",
        "em",
        "del",
        "s",
        "ul",
        "ol",
        "li",
        "a",
        "blockquote",
        "code",
        "pre",
        "h2",
        "h3",
        "h4",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"}
)

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    url_relative="deny",
    link_rel="noopener noreferrer",
    strip_comments=True,
)

_HEADINGS = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}


def _shift_headings(state: Any) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADINGS[token.tag]


_markdown = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).enable(
    ["table", "strikethrough"]
)
_markdown.core.ruler.push("maillage_headings", _shift_headings)


def sanitize_html(html: str | None) -> str:
    """The HTML with only the allowed tags, attributes and link schemes left."""
    return _cleaner.clean(html or "")


def render_markdown(text: str | None) -> str:
    """Markdown (CommonMark, tables, ~~strikethrough~~, line breaks kept) → safe HTML."""
    return sanitize_html(_markdown.render(text or ""))
