"""Reads of accounts reused by pages and commands."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from maillage.accounts.models import ApiToken, AuditEvent, User


def audit_events(*, event: str = "", username: str = "") -> QuerySet[AuditEvent]:
    """The audit trail, newest first: of one kind of event, of usernames containing
    `username`, when given (an unknown kind is ignored)."""
    events = AuditEvent.objects.select_related("user").order_by("-at", "-pk")
    if event in AuditEvent.Kind.values:
        events = events.filter(event=event)
    if username:
        events = events.filter(username__icontains=username)
    return events


def api_tokens_of(user: User, *, viewer: Any) -> QuerySet[ApiToken]:
    """`user`'s API tokens that `viewer` may see (their own; anyone's for an
    administrator), newest first."""
    return ApiToken.objects.visible_to(viewer).filter(user=user).order_by("-created_at", "-pk")
