"""Checklist items written before they carried their mission get it from their
participant, and so do their past versions (from the participant's own history, which
keeps a removed participant's mission), so that they show on the mission's history."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_missions(apps, schema_editor):
    ChecklistEntry = apps.get_model("missions", "ChecklistEntry")
    HistoricalChecklistEntry = apps.get_model("missions", "HistoricalChecklistEntry")
    MissionParticipant = apps.get_model("missions", "MissionParticipant")
    HistoricalMissionParticipant = apps.get_model("missions", "HistoricalMissionParticipant")
    ChecklistEntry.objects.filter(mission__isnull=True).update(
        mission_id=Subquery(
            MissionParticipant.objects.filter(pk=OuterRef("participant_id")).values("mission_id")[
                :1
            ]
        )
    )
    HistoricalChecklistEntry.objects.filter(mission__isnull=True).update(
        mission_id=Subquery(
            HistoricalMissionParticipant.objects.filter(id=OuterRef("participant_id"))
            .order_by("-history_id")
            .values("mission_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [("missions", "0006_checklist_entry_mission")]

    operations = [migrations.RunPython(fill_missions, migrations.RunPython.noop)]
