"""The demo built once per test module: its read-only tests share it."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from maillage.demo.build import DemoSummary, build_demo


@dataclass(frozen=True)
class BuiltDemo:
    summary: DemoSummary
    media: Path  # where its photos and documents are stored


@pytest.fixture(scope="module")
def built_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, built in a transaction that lasts the module and is rolled back at its
    end; each test runs in a savepoint of it (the `db` fixture), so what a test changes
    is undone. A build takes seconds: once per module, not once per test."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield BuiltDemo(build_demo(), media)
        transaction.set_rollback(True)
