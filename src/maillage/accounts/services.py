"""Writes of accounts: an account is created, changed and deactivated here, whatever
the door (the users' pages today; an API or a command tomorrow).

A role change is recorded in the audit trail with who made it; an account is never
erased, since the history and the audit trail name it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from maillage.accounts.audit import record
from maillage.accounts.models import AuditEvent, User
from maillage.core.services import ModelService

OWN_ACCOUNT = gettext_lazy("You cannot deactivate your own account.")


class UserService(ModelService[User]):
    model = User
    # A password and a sign-in date are set by the sign-in machinery, never by a form.
    protected_fields: ClassVar[frozenset[str]] = ModelService.protected_fields | {
        "password",
        "last_login",
    }

    @classmethod
    def prepare(cls, obj: User, *, by: Any, before: User | None) -> None:
        # A new account has no password until its owner sets one (password reset link).
        if before is None and not obj.password:
            obj.set_unusable_password()

    @classmethod
    def validate(cls, obj: User, *, by: Any, before: User | None, related: dict[str, Any]) -> None:
        if before is not None and _is_self(obj, by) and before.is_active and not obj.is_active:
            raise ValidationError({"is_active": OWN_ACCOUNT})

    @classmethod
    def after_save(cls, obj: User, *, by: Any, before: User | None) -> None:
        if before is not None and before.role != obj.role:
            # The address, when the change comes from a request (simple_history's
            # middleware keeps it for this thread); a command has none.
            request = getattr(HistoricalRecords.context, "request", None)
            record(
                AuditEvent.Kind.ROLE_CHANGE,
                request,
                user=by if getattr(by, "pk", None) is not None else None,
                target_id=obj.pk,
                target=obj.get_username(),
                old_role=before.role,
                new_role=obj.role,
            )

    @classmethod
    def delete(cls, *, obj: User, by: Any, reason: str | None = None) -> str:
        """Deactivate, never erase: the history and the audit trail name the account."""
        if _is_self(obj, by):
            raise ValidationError(OWN_ACCOUNT)
        cls.update(obj=obj, data={"is_active": False}, by=by, reason=reason or "deactivated")
        return _("%(name)s deactivated: this account can no longer sign in.") % {"name": obj}


def _is_self(obj: User, by: Any) -> bool:
    return obj.pk is not None and obj.pk == getattr(by, "pk", None)


def set_language(*, user: User, language: str) -> None:
    """The interface language the user chose, kept on their account."""
    if user.language != language:
        UserService.update(obj=user, data={"language": language}, by=user, reason="language")
