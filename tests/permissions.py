"""The vocabulary of the permission matrix (test_permission_matrix.py): roles, expected
answers per role, `Rule`, and `crud()` for the seven pages of a CrudViews entity.

Areas declare their own rules in `tests/<area>/matrix.py` (`RULES`, `API_RESOURCES` and
`extend_world(world)` for the records they need); the matrix collects them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ROLES = ("anonymous", "outsider", "partner", "viewer", "officer", "admin")
LOGIN = 302  # anonymous visitors are sent to the login page


def expect(anonymous=LOGIN, outsider=200, partner=200, viewer=200, officer=200, admin=200):
    return dict(zip(ROLES, (anonymous, outsider, partner, viewer, officer, admin), strict=True))


PUBLIC = expect(200, 200, 200, 200, 200, 200)
SIGNED_IN = expect()
SHARED = expect(outsider=404)  # a record of the shared project
HIDDEN = expect(outsider=404, partner=404)  # a record the partners may not see
WRITE = expect(outsider=403, partner=403, viewer=403)  # create pages
WRITE_SHARED = expect(outsider=404, partner=403, viewer=403)
WRITE_HIDDEN = expect(outsider=404, partner=404, viewer=403)
ADMIN_ONLY = expect(outsider=403, partner=403, viewer=403, officer=403)
ADMIN_RECORD = expect(outsider=404, partner=404, viewer=404, officer=404)
API_LIST = expect(anonymous=401)
API_SHARED = expect(anonymous=401, outsider=404)
API_HIDDEN = expect(anonymous=401, outsider=404, partner=404)
API_WRITE = expect(anonymous=401, outsider=403, partner=403, viewer=403)


@dataclass(frozen=True)
class Rule:
    name: str
    expected: dict[str, int]
    args: tuple[str, ...] = ()
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)
    path: str | None = None  # for API routes, whose names the router makes up
    allowed: frozenset[int] = frozenset()  # other statuses that also count as a grant

    @property
    def id(self) -> str:
        args = f"({','.join(self.args)})" if self.args else ""
        return f"{self.method.upper()} {self.name}{args}"


def crud(
    app: str,
    model: str,
    shared: str,
    hidden: str | None,
    *,
    read=SHARED,
    read_hidden=HIDDEN,
    create=WRITE,
    write=WRITE_SHARED,
    write_hidden=WRITE_HIDDEN,
    listing=SIGNED_IN,
) -> list[Rule]:
    """The seven pages of a CrudViews entity, for a shared and a hidden record."""
    base = f"{app}:{model}"
    rules = [
        Rule(f"{base}_list", listing),
        Rule(f"{base}_create", create),
        Rule(
            f"{base}_export",
            expect(outsider=403, partner=403, viewer=403, officer=403, admin=302)
            if listing is ADMIN_ONLY
            else expect(outsider=302, partner=302, viewer=302, officer=302, admin=302),
            method="post",
            data={"format": "csv"},
        ),
    ]
    for key, see, change in ((shared, read, write), (hidden, read_hidden, write_hidden)):
        if key is None:
            continue
        rules += [
            Rule(f"{base}_detail", see, (key,)),
            Rule(f"{base}_history", see, (key,)),
            Rule(f"{base}_update", change, (key,)),
            Rule(f"{base}_delete", change, (key,)),
        ]
    return rules
