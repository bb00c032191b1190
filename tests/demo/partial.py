"""A part of the demo (the apps it stands on, then one app's demo) built once per test
module, each test in a savepoint of it: the meetings, missions and team demo tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from maillage.accounts.models import User
from tests.dbtemplate import fresh_module_data, module_data


def partial_demo(build: Callable[[], tuple[dict[str, User], Any]]) -> tuple[Any, Any]:
    """The module's fixtures `_demo` (built once) and `demo` (the users, fetched again,
    and what `build` counted), to assign at module level: `_demo, demo = partial_demo(…)`."""

    @pytest.fixture(scope="module")
    def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
        with module_data(django_db_blocker, tmp_path_factory, build) as data:
            yield data

    @pytest.fixture
    def demo(db, _demo):
        users, counts = fresh_module_data(_demo)
        return {name: User.objects.get(pk=user.pk) for name, user in users.items()}, counts

    return _demo, demo
