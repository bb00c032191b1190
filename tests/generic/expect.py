"""What each role should get from each door of an entity, derived from a few facts about
the entity (whether partners see the records of their projects, whether they write) in
the vocabulary of tests/permissions.py: anonymous visitors go to the login page (API:
401), a record one may not see answers 404, a write one may not make answers 403."""

from __future__ import annotations

from tests.generic.entities import Entity
from tests.generic.factories import SHARED
from tests.permissions import LOGIN

INTERNAL = ("viewer", "officer", "admin")
WRITERS = ("officer", "admin")
PARTNERS = ("outsider", "partner")


def sees(entity: Entity, role: str, side: str) -> bool:
    if role == "anonymous":
        return False
    if entity.admin_only:
        return role == "admin"
    if role in INTERNAL:
        return True
    return role == "partner" and entity.partner_reads and side == SHARED


def writes(entity: Entity, role: str) -> bool:
    """Whether the role may change the records it sees (not partners' own ones)."""
    if entity.admin_only or entity.admin_writes:
        return role == "admin"
    return role in WRITERS


def creates(entity: Entity, role: str) -> bool:
    return writes(entity, role) or (entity.partner_creates and role in PARTNERS)


def page(entity: Entity, door: str, role: str, side: str = SHARED) -> int:
    """The answer of a page: `door` is list, detail, create_form, create, update_form,
    update, delete_form or delete; POSTs that succeed redirect (302)."""
    if role == "anonymous":
        return LOGIN
    if door == "list":
        return 200 if not entity.admin_only or role == "admin" else 403
    if door == "detail":
        return 200 if sees(entity, role, side) else 404
    if door in ("create_form", "create"):
        if not creates(entity, role):
            return 403
        if door == "create_form":
            return 200
        # A partner creates on its own project; the outsider's form refuses that project.
        return 422 if role == "outsider" else 302
    if not sees(entity, role, side):
        return 404
    if not writes(entity, role):
        return 403
    return 200 if door.endswith("_form") else 302


def api(entity: Entity, door: str, role: str, side: str = SHARED) -> int:
    """The answer of the API: `door` is list, detail, post, put, patch or delete."""
    if role == "anonymous":
        return 401
    if door == "list":
        return 200
    if door == "detail":
        return 200 if sees(entity, role, side) else 404
    if door == "post":
        if writes(entity, role):
            return 201
        if entity.partner_creates and role in PARTNERS:
            # The outsider names a project it is not a member of: "unknown project".
            return 400 if role == "outsider" else 201
        return 403
    if not sees(entity, role, side):
        return 404
    if not writes(entity, role):
        return 403
    return 204 if door == "delete" else 200


GRANTED = frozenset({200, 201, 204, 302})
