"""The permission matrix's rows for risks and field updates (tests/test_permission_matrix.py).

Field updates are written by partners too: a partner may open the create page (its form
offers only its projects), edits only what it wrote, and its API POST without a project
of its own is a 400 ("unknown project"), not a 403.
"""

from __future__ import annotations

from typing import Any

from tests.permissions import (
    API_HIDDEN,
    API_LIST,
    API_SHARED,
    HIDDEN,
    SHARED,
    Rule,
    crud,
    expect,
)

_UPDATE_CREATE = expect(outsider=200, partner=200, viewer=403)

RULES: list[Rule] = [
    *crud("projects", "risk", "risk_shared", "risk_other"),
    Rule("projects:project_risks", SHARED, ("project_shared",)),
    Rule("projects:project_risks", HIDDEN, ("project_other",)),
    *crud("projects", "fieldupdate", "update_shared", "update_other", create=_UPDATE_CREATE),
    # The partner's own update: it edits and deletes it; an outsider does not even see it.
    Rule("projects:fieldupdate_update", expect(outsider=404, viewer=403), ("update_partner",)),
    Rule("projects:fieldupdate_delete", expect(outsider=404, viewer=403), ("update_partner",)),
    Rule("projects:project_updates", SHARED, ("project_shared",)),
    Rule("projects:project_updates", HIDDEN, ("project_other",)),
    Rule("projects:updateattachment_download", SHARED, ("document_shared",)),
    Rule("projects:updateattachment_download", HIDDEN, ("document_other",)),
    Rule("projects:updateattachment_image", SHARED, ("photo_shared",)),
    Rule("projects:updateattachment_image", HIDDEN, ("photo_other",)),
    Rule(
        "projects:updateattachment_image",
        expect(outsider=404, partner=404, viewer=404, officer=404, admin=404),
        ("document_shared",),
    ),
    Rule(
        "projects:updateattachment_delete",
        expect(outsider=404, partner=403, viewer=403, officer=302, admin=302),
        ("photo_shared",),
        method="post",
    ),
    Rule(
        "projects:updateattachment_delete",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("photo_other",),
        method="post",
    ),
    Rule(
        "projects:updateattachment_delete",
        expect(outsider=404, partner=302, viewer=403, officer=302, admin=302),
        ("photo_partner",),
        method="post",
    ),
    # /api/updates: declared here, not in API_RESOURCES, because partners write.
    Rule("fieldupdate-list", API_LIST, path="/api/updates"),
    Rule(
        "fieldupdate-list",
        expect(anonymous=401, outsider=400, partner=400, viewer=403, officer=400, admin=400),
        method="post",
        path="/api/updates",
    ),
    Rule("fieldupdate-detail", API_SHARED, ("update_shared",), path="/api/updates/{update_shared}"),
    Rule("fieldupdate-detail", API_HIDDEN, ("update_other",), path="/api/updates/{update_other}"),
    Rule(
        "fieldupdate-detail",
        expect(anonymous=401, outsider=404, partner=403, viewer=403, officer=200, admin=200),
        ("update_shared",),
        method="patch",
        path="/api/updates/{update_shared}",
        data={"title": "Corrigé"},
    ),
    Rule(
        "fieldupdate-detail",
        expect(anonymous=401, outsider=404, partner=200, viewer=403, officer=200, admin=200),
        ("update_partner",),
        method="patch",
        path="/api/updates/{update_partner}",
        data={"title": "Corrigé"},
    ),
    Rule(
        "fieldupdate-detail",
        expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=204, admin=204),
        ("update_other",),
        method="delete",
        path="/api/updates/{update_other}",
    ),
]

# basename: (URL segment, shared record key, hidden record key)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "risk": ("risks", "risk_shared", "risk_other"),
}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    """Risks, updates (the officer's, the partner's) and their photos and documents."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from maillage.projects.services import store_attachment
    from tests.factories import FieldUpdateFactory, RiskFactory

    users = world["users"]
    shared, other = world["project_shared"], world["project_other"]

    def attach(update: Any, kind: str) -> int:
        name, content = {
            "jpeg": ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
            "pdf": ("note.pdf", b"%PDF-1.4\n%%EOF\n"),
        }[kind]
        upload = SimpleUploadedFile(name, content)
        upload.detected_kind = kind  # type: ignore[attr-defined]
        return store_attachment(update=update, file=upload, by=None).pk

    update_shared = FieldUpdateFactory(project_id=shared, author=users["officer"])
    update_partner = FieldUpdateFactory(project_id=shared, author=users["partner"])
    update_other = FieldUpdateFactory(project_id=other, author=users["officer"])
    return {
        "risk_shared": RiskFactory(project_id=shared).pk,
        "risk_other": RiskFactory(project_id=other).pk,
        "update_shared": update_shared.pk,
        "update_partner": update_partner.pk,
        "update_other": update_other.pk,
        "photo_shared": attach(update_shared, "jpeg"),
        "document_shared": attach(update_shared, "pdf"),
        "photo_partner": attach(update_partner, "jpeg"),
        "photo_other": attach(update_other, "jpeg"),
        "document_other": attach(update_other, "pdf"),
    }
