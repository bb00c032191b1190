"""The demo built once per test module: `built_demo` lives in tests/conftest.py so that
the crawlers share it too; `tiny_dataset` is the benchmarks' dataset at its tiny scale."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def tiny_dataset(django_db_setup, django_db_blocker):
    """`maillage bench-data --scale tiny` written once for a test module (the command's
    output returned), rolled back at the module's end."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("bench_data", "--scale", "tiny", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
