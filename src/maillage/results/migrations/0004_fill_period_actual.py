"""The approved actual of the periods already there: one UPDATE for those with an
approved value out of the trash, by their indicator's aggregation (summed, the latest,
averaged or the highest), as `selectors.values.actual_figure` computes it; the others
keep NULL."""

from django.db import migrations, models
from django.db.models import Avg, Case, Exists, Max, OuterRef, Subquery, Sum, When
from django.db.models.lookups import Exact

FIGURE = models.DecimalField(max_digits=20, decimal_places=4)


def fill(apps, schema_editor):
    alias = schema_editor.connection.alias
    period = apps.get_model("results", "IndicatorPeriod")
    indicator = apps.get_model("results", "Indicator")
    value = apps.get_model("results", "IndicatorValue")
    approved = value._base_manager.using(alias).filter(
        period=OuterRef("pk"), status="approved", deleted_at__isnull=True
    )
    figures = approved.exclude(value=None)

    def aggregate(function):
        return Subquery(
            figures.order_by()
            .values("period")
            .annotate(figure=function("value"))
            .values("figure")[:1],
            output_field=FIGURE,
        )

    aggregation = Subquery(
        indicator._base_manager.using(alias)
        .filter(pk=OuterRef("indicator_id"))
        .values("aggregation")[:1],
        output_field=models.CharField(),
    )
    latest = Subquery(
        figures.order_by("-created_at", "-pk").values("value")[:1], output_field=FIGURE
    )
    actual = Case(
        When(Exact(aggregation, "sum"), then=aggregate(Sum)),
        When(Exact(aggregation, "average"), then=aggregate(Avg)),
        When(Exact(aggregation, "max"), then=aggregate(Max)),
        default=latest,
        output_field=FIGURE,
    )
    period._base_manager.using(alias).filter(Exists(approved)).update(actual=actual)


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0003_period_actual"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
