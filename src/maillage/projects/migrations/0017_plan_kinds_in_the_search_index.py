"""The plan's activities, tasks and milestones, each indexed under its own kind's content
type (`PlanItem.search_kinds`) instead of the table's: a search of one kind reads its own
entries only. The entries written before are moved to their item's kind."""

from django.db import migrations

KINDS = ("activity", "task", "milestone")


def by_kind(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    SearchEntry = apps.get_model("core", "SearchEntry")
    PlanItem = apps.get_model("projects", "PlanItem")
    table = ContentType.objects.filter(app_label="projects", model="planitem").first()
    if table is None:  # a new database: nothing indexed yet
        return
    for kind in KINDS:
        own, _made = ContentType.objects.get_or_create(app_label="projects", model=kind)
        SearchEntry.objects.filter(
            content_type_id=table.pk,
            object_id__in=PlanItem.objects.filter(kind=kind).values("pk"),
        ).update(content_type_id=own.pk)


def by_table(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    SearchEntry = apps.get_model("core", "SearchEntry")
    own = ContentType.objects.filter(app_label="projects", model__in=KINDS)
    table, _made = ContentType.objects.get_or_create(app_label="projects", model="planitem")
    SearchEntry.objects.filter(content_type__in=own).update(content_type_id=table.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0010_natural_collation"),
        ("projects", "0016_trash_index"),
    ]

    operations = [migrations.RunPython(by_kind, by_table, elidable=True)]
