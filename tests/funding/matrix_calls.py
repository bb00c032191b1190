"""Rows of the permission matrix (tests/test_permission_matrix.py) for calls,
applications, grants, the success figures and the calendar feed. Funding is internal:
partners see none of it (404 on a record, 403 on the pipeline's own pages)."""

from __future__ import annotations

from typing import Any

from tests.permissions import (
    HIDDEN,
    PUBLIC,
    SIGNED_IN,
    WRITE_HIDDEN,
    Rule,
    crud,
    expect,
)

ROW_DELETE = expect(outsider=404, partner=404, viewer=403, officer=302, admin=302)
STAFF_PAGE = expect(outsider=403, partner=403)
NOT_FOUND = expect(404, 404, 404, 404, 404, 404)

# (parent route key, its rows)
ROWS = {
    "call": ("callattachment", "calldocument"),
    "application": ("checklistitem",),
    "grant": ("tranche", "obligation"),
}

RULES: list[Rule] = [
    *crud("funding", "call", None, "call"),
    *crud("funding", "application", None, "application"),
    *crud("funding", "grant", None, "grant"),
    *[
        rule
        for parent, rows in ROWS.items()
        for row in rows
        for rule in (
            Rule(f"funding:{row}_add", WRITE_HIDDEN, (parent,)),
            Rule(f"funding:{row}_update", WRITE_HIDDEN, (parent, row)),
            Rule(f"funding:{row}_delete", ROW_DELETE, (parent, row), method="post"),
        )
    ],
    Rule("funding:call_attachment_file", HIDDEN, ("call", "callattachment")),
    Rule("funding:grant_schedule", WRITE_HIDDEN, ("grant",)),
    # An empty schedule form is refused by the form (422), never half-saved.
    Rule(
        "funding:grant_schedule",
        expect(outsider=404, partner=404, viewer=403, officer=422, admin=422),
        ("grant",),
        method="post",
    ),
    # The call filter's type-ahead: partners get an empty list (no call is theirs to see).
    Rule("funding:call_choices", SIGNED_IN),
    Rule("funding:application_board", STAFF_PAGE),
    Rule("funding:success_figures", STAFF_PAGE),
    Rule("funding:success_figures", STAFF_PAGE, data={"format": "csv", "year": "99999"}),
    Rule("funding:application_status", WRITE_HIDDEN, ("application",)),
    Rule(
        "funding:application_status",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("application",),
        method="post",
        data={"status": "go_no_go"},
    ),
    # The calendar feed: its page to whoever is signed in; the feed to whoever holds the
    # secret (a calendar program has no session), nothing to a wrong one.
    Rule("reporting:calendar_feed_settings", SIGNED_IN),
    Rule("reporting:calendar_feed", PUBLIC, ("feed_secret",)),
    Rule("reporting:calendar_feed", NOT_FOUND, ("wrong_secret",)),
]

# basename: (URL segment, shared record key, hidden record key)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "call": ("calls", None, "call"),
    "application": ("applications", None, "application"),
    "grant": ("grants", None, "grant"),
}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    from maillage.accounts.services import CalendarFeedService
    from tests.funding.factories_calls import (
        ApplicationFactory,
        CallAttachmentFactory,
        CallDocumentFactory,
        ChecklistItemFactory,
        GrantFactory,
        ReportingObligationFactory,
        TrancheFactory,
    )
    from tests.partnerships.factories import AgreementFactory

    officer = world["users"]["officer"]
    application = ApplicationFactory(project_id=world["project_shared"], owner=officer)
    call = application.call
    grant = GrantFactory(
        application__project_id=world["project_shared"],
        agreement=AgreementFactory(projects=[world["project_shared"]]),
    )
    _feed, secret = CalendarFeedService.issue(user=officer, by=officer)
    return {
        "call": call.pk,
        "callattachment": CallAttachmentFactory(call=call).pk,
        "calldocument": CallDocumentFactory(call=call).pk,
        "application": application.pk,
        "checklistitem": ChecklistItemFactory(application=application).pk,
        "grant": grant.pk,
        "tranche": TrancheFactory(grant=grant).pk,
        "obligation": ReportingObligationFactory(grant=grant).pk,
        "feed_secret": secret,
        "wrong_secret": "x" * 43,
    }
