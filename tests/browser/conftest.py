"""Browser tests drive Debian's Chromium headless through Playwright.

Without Chromium they skip with a message, unless MAILLAGE_REQUIRE_BROWSER=1 (CI) makes
that a failure, so CI never silently skips them.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    if os.environ.get("MAILLAGE_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            "Chromium is required for the browser tests (apt-get install chromium)"
        )
    skip = pytest.mark.skip(
        reason="Chromium is not installed: apt-get install chromium to run the browser tests"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # An English browser: the interface must still start in French.
    return {**browser_context_args, "locale": "en-US"}
