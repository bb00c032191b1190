from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "maillage.actors"
    label = "actors"
    verbose_name = _("Actors")
