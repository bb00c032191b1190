from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "maillage.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from maillage.accounts import audit
        from maillage.accounts.models import User
        from maillage.accounts.services import revoke_tokens_on_password_change

        audit.connect()
        post_save.connect(
            revoke_tokens_on_password_change,
            sender=User,
            dispatch_uid="maillage.accounts.revoke_tokens_on_password_change",
        )
