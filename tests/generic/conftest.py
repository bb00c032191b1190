import pytest

from tests.dbtemplate import fresh_module_data, module_data
from tests.generic.factories import World, build_world


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The users and projects of the world, made once per module (each test runs in a
    savepoint of them)."""
    with module_data(django_db_blocker, tmp_path_factory, build_world) as data:
        yield data


@pytest.fixture
def world(db, _world) -> World:
    """The world as built, read again: a test that changed a record in memory (its
    version, a field) leaves nothing to the next, and `extra` starts empty."""
    built: World = fresh_module_data(_world)
    return World(
        users={role: type(user).objects.get(pk=user.pk) for role, user in built.users.items()},
        shared=type(built.shared).objects.get(pk=built.shared.pk),
        other=type(built.other).objects.get(pk=built.other.pk),
        sessions=built.sessions,
    )
