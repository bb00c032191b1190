from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "maillage.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Every app's services (the write path registry) and hooks (extension points)
        # are loaded before the first request, whatever module asks first.
        autodiscover_modules("services", "hooks")

        from django.db.backends.signals import connection_created

        from maillage.core.collation import register_sqlite

        # SQLite sorts lists with the collation PostgreSQL has (core.collation).
        connection_created.connect(register_sqlite, dispatch_uid="maillage_natural_collation")

        from django.apps import apps

        from maillage.core.reference import fast_reference_displays

        fast_reference_displays(apps.get_models(include_auto_created=True))

        from maillage.core.scheduled import register_schedules

        register_schedules()  # the nightly backup; apps register theirs in hooks.py
