"""`maillage reset_two_factor <username>`: turn off a user's two-factor authentication,
for someone who lost both the authenticator and the recovery codes (recorded in the audit
trail). The person sets it up again at the next login."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.accounts import two_factor
from maillage.accounts.audit import record
from maillage.accounts.models import AuditEvent, User


class Command(BaseCommand):
    help = "Turn off a user's two-factor authentication (lost authenticator)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if not two_factor.disable(user):
            self.stdout.write(f"{username} had no two-factor authentication.")
            return
        record(AuditEvent.Kind.TWO_FACTOR_DISABLED, user=user, by="reset_two_factor command")
        self.stdout.write(self.style.SUCCESS(f"Two-factor authentication of {username} is off."))
