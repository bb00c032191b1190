"""The translation catalogues: French is complete, up to date with the code, and shown.

To update the catalogues after changing user-facing text:

    cd src/maillage && ../../.venv/bin/maillage makemessages -l fr -l en --no-location --no-obsolete

then translate the new entries of locale/fr/LC_MESSAGES/django.po and run
`maillage compile_catalogs`.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.urls import reverse

from maillage.config.paths import PACKAGE_DIR, PROJECT_DIR
from tests.factories import UserFactory

LOCALE_DIR = PACKAGE_DIR / "locale"
FR_PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MAKEMESSAGES = (
    "cd src/maillage && ../../.venv/bin/maillage makemessages -l fr -l en "
    "--no-location --no-obsolete"
)

# %(name)s, %(count)d, %(value)r …; bare %s, %d; str.format's {name} and {}.
NAMED = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL = re.compile(r"%(?!\()[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
BRACES = re.compile(r"\{[A-Za-z_0-9]*\}")


def read_catalog(path: Path):
    with path.open("rb") as po:
        return read_po(po, locale=path.parent.parent.name)


def message_keys(path: Path) -> set[tuple[str | None, str]]:
    """(context, msgid) of every message but the header; a plural message by its singular."""
    return {
        (message.context, message.id[0] if message.pluralizable else message.id)
        for message in read_catalog(path)
        if message.id
    }


def placeholders(text: str, python_format: bool) -> tuple[set[str], list[str], set[str]]:
    """The placeholders of a text; % ones only count in a python-format message."""
    if not python_format:
        return set(), [], set(BRACES.findall(text))
    positional = [p for p in POSITIONAL.findall(text) if p != "%%"]
    return set(NAMED.findall(text)), positional, set(BRACES.findall(text))


# (a) ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "plural_forms"),
    [(FR_PO, "nplurals=2; plural=(n > 1);"), (EN_PO, "nplurals=2; plural=(n != 1);")],
    ids=["fr", "en"],
)
def test_the_catalogue_headers_declare_language_charset_and_plurals(path, plural_forms):
    header = dict(read_catalog(path).mime_headers)
    assert header["Language"] == path.parent.parent.name
    assert header["Plural-Forms"] == plural_forms
    assert "charset=utf-8" in header["Content-Type"].lower()


def test_every_french_message_is_translated_and_keeps_its_placeholders():
    problems = []
    for message in read_catalog(FR_PO):
        if not message.id:
            continue  # the header
        if message.pluralizable:
            sources = [message.id[0], *[message.id[1]] * (len(message.string) - 1)]
            strings = list(message.string)
        else:
            sources, strings = [message.id], [message.string]
        label = message.id[0] if message.pluralizable else message.id
        if message.fuzzy:
            problems.append(f"fuzzy: {label!r}")
        python_format = "python-format" in message.flags
        for source, string in zip(sources, strings, strict=True):
            if not string:
                problems.append(f"untranslated: {label!r}")
            elif placeholders(source, python_format) != placeholders(string, python_format):
                problems.append(f"placeholders differ: {source!r} → {string!r}")
    assert not problems, f"{os.path.relpath(FR_PO, PROJECT_DIR)}:\n" + "\n".join(problems)


# (b) ------------------------------------------------------------------------------------

# Run in a copy of the package, so that LOCALE_PATHS (which follows the package) points
# into the copy and the committed catalogues are never touched.
REGENERATE = """
import sys
import django
from django.conf import settings
from django.core.management import call_command

django.setup()
locale = str(settings.LOCALE_PATHS[0])
if not locale.startswith(sys.argv[1]):
    sys.exit(f"LOCALE_PATHS is {locale}, outside the copy {sys.argv[1]}: refusing to run")
call_command(
    "makemessages", locale=["fr"], no_location=True, no_obsolete=True, verbosity=0
)
"""


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext (xgettext) is not installed: cannot extract the messages",
)
def test_the_french_catalogue_has_every_message_of_the_code(tmp_path):
    copy = tmp_path / "src" / "maillage"
    shutil.copytree(
        PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py[co]", "locale")
    )
    (copy / "locale").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "maillage.config.settings_test",
        "PYTHONPATH": os.pathsep.join([str(copy.parent), os.environ.get("PYTHONPATH", "")]),
        "VAR_DIR": str(tmp_path / "var"),
    }
    result = subprocess.run(
        [sys.executable, "-c", REGENERATE, str(copy)],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    regenerated = copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    missing = sorted(
        message_keys(regenerated) - message_keys(FR_PO), key=lambda key: (key[0] or "", key[1])
    )
    assert not missing, (
        f"{len(missing)} message(s) of the code are not in the French catalogue:\n"
        + "\n".join(
            f"  {msgid!r}" + (f" (context {ctx!r})" if ctx else "") for ctx, msgid in missing
        )
        + f"\nRun `{MAKEMESSAGES}` and translate them in {os.path.relpath(FR_PO, PROJECT_DIR)}."
    )


# (c) ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_home_page_is_in_french_then_in_english_once_chosen(client):
    mo = FR_PO.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= FR_PO.stat().st_mtime, (
        "the French catalogue is not compiled: run `maillage compile_catalogs`"
    )
    client.force_login(UserFactory())
    body = client.get("/").content.decode()
    assert "Accueil" in body and "Projets" in body
    response = client.post(reverse("accounts:set_language"), {"language": "en"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert "Home" in body and "Accueil" not in body
