"""The demo and the bench data write their interactions in bulk (no service): each
organisation and person still gets its last interaction date (the bench data's test is
in test_last_interaction.py: a module's demo would collide with its rows)."""

from django.db.models import Max, Q

from maillage.actors.models import Organisation, Person


def assert_dated():
    for model in (Organisation, Person):
        latest = Max("interactions__occurred_on", filter=Q(interactions__deleted_at__isnull=True))
        rows = model.all_objects.annotate(latest=latest).values_list(
            "latest", "last_interaction_on"
        )
        assert all(latest == kept for latest, kept in rows)
        assert any(kept is not None for _latest, kept in rows)


def test_the_demo_dates_its_organisations_and_people(built_demo, db):
    assert_dated()
