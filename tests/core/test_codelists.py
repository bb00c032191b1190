"""IATI codelists load from the official XML files, all or nothing, and offer active codes."""

import io
import re
import shutil
import urllib.error
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from lxml import etree

from maillage.core import codelists
from maillage.core.codelists import (
    MAX_FILE_BYTES,
    NEEDED_CODELISTS,
    CodelistError,
    codelist_choices,
    codelist_label,
    download,
    load_codelists,
    parse_codelist,
    read_from_dir,
)
from maillage.core.models import Codelist, CodelistItem

REPO_ROOT = Path(__file__).resolve().parents[2]
CODELISTS_DIR = REPO_ROOT.parent / "shared" / "data" / "iati-codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
UNREACHABLE = "http://127.0.0.1:9/unreachable/"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not CODELISTS_DIR.is_dir(),
        reason=f"the official codelists are expected in {CODELISTS_DIR} (shared test data)",
    ),
]


def official_file(name):
    return next(CODELISTS_DIR.rglob(f"{name}.xml"))


def official_items(name):
    """{code: (English name, French name, withdrawn)} read straight from the official file."""
    result = {}
    for item in etree.parse(official_file(name)).iter("codelist-item"):
        # Labels are stored single-spaced (one Sector name has a double space).
        names = {
            n.get(XML_LANG, "en"): re.sub(r"[ \t\r\n]+", " ", n.text).strip()
            for n in item.iterfind("name/narrative")
        }
        withdrawn = item.get("status") == "withdrawn"
        result[item.findtext("code")] = (names.get("en", ""), names.get("fr", ""), withdrawn)
    return result


def snapshot():
    """Every stored item, to compare the database before and after a refused load."""
    return list(
        CodelistItem.objects.order_by("pk").values_list(
            "pk", "codelist__name", "code", "name_en", "name_fr", "withdrawn"
        )
    )


def run(*args):
    """The command's output; in English, as the messages asserted on are written."""
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("codelists", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def renamed_copy(name, folder, new_label):
    """A copy of an official list whose first item has another English name."""
    tree = etree.parse(official_file(name))
    tree.find("codelist-items/codelist-item/name/narrative").text = new_label
    folder.mkdir(exist_ok=True)
    tree.write(str(folder / f"{name}.xml"), encoding="utf-8")
    return tree.findtext("codelist-items/codelist-item/code")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The whole official folder, loaded once through the command for the module."""
    with django_db_blocker.unblock():
        yield run("--from", str(CODELISTS_DIR))
        Codelist.objects.all().delete()


def test_loading_the_official_folder_stores_every_needed_list(loaded):
    out, err = loaded
    assert out.startswith("Loaded 70 codelists")
    assert set(NEEDED_CODELISTS) <= set(Codelist.objects.values_list("name", flat=True))
    # The official FileFormat list repeats two media types: the first of each is kept, loudly.
    assert "FileFormat: 2 repeated codes ignored" in err
    assert Codelist.objects.filter(name="FileFormat").exists()
    sector = Codelist.objects.get(name="Sector")
    assert sector.source == str(CODELISTS_DIR)


def test_every_needed_list_exists_in_the_official_folder():
    available = {path.stem for path in CODELISTS_DIR.rglob("*.xml")}
    assert set(NEEDED_CODELISTS) <= available


def test_sector_has_its_325_codes_with_french_names(loaded):
    expected = official_items("Sector")
    stored = {
        code: (en, fr, withdrawn)
        for code, en, fr, withdrawn in CodelistItem.objects.of("Sector").values_list(
            "code", "name_en", "name_fr", "withdrawn"
        )
    }
    assert len(stored) == 325
    assert stored == expected
    english, french, _withdrawn = expected["11110"]
    assert french and french != english
    with translation.override("fr"):
        assert codelist_label("Sector", "11110") == french
    with translation.override("en"):
        assert codelist_label("Sector", "11110") == english


def test_unsdg_targets_has_its_169_targets_with_french_labels(loaded):
    expected = official_items("UNSDG-Targets")
    stored = {item.code: item for item in CodelistItem.objects.of("UNSDG-Targets")}
    assert len(stored) == 169
    assert stored.keys() == expected.keys()
    for code, (_english, french, _withdrawn) in expected.items():
        assert stored[code].name_fr == french
    with translation.override("fr"):
        assert codelist_label("UNSDG-Targets", "1.1") == expected["1.1"][1]


def test_choices_follow_the_natural_order_of_codes(loaded):
    codes = [code for code, _label in codelist_choices("UNSDG-Targets")]
    assert codes[:7] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]
    assert codes.index("17.2") < codes.index("17.10")
    assert codes[-1] == "17.19"


def test_withdrawn_sector_codes_are_labelled_but_not_offered(loaded):
    expected = official_items("Sector")
    withdrawn = {code for code, (_en, _fr, gone) in expected.items() if gone}
    assert len(withdrawn) == 30
    flagged = set(
        CodelistItem.objects.of("Sector").filter(withdrawn=True).values_list("code", flat=True)
    )
    assert flagged == withdrawn

    with translation.override("fr"):
        offered = dict(codelist_choices("Sector"))
        everything = dict(codelist_choices("Sector", include_withdrawn=True))
        code = sorted(withdrawn)[0]
        assert codelist_label("Sector", code) == (expected[code][1] or expected[code][0])
    assert len(offered) == 325 - 30
    assert not withdrawn & offered.keys()
    assert len(everything) == 325
    assert offered["11110"] == expected["11110"][1]


def test_an_unknown_code_is_labelled_by_itself(loaded):
    assert codelist_label("Sector", "99999999") == "99999999"
    assert codelist_label("Sector", "") == ""
    assert codelist_choices("NoSuchList") == []


def test_reloading_replaces_items_instead_of_duplicating_them(loaded):
    before = snapshot()
    run("--from", str(CODELISTS_DIR))
    # The same rows, ids included: unchanged codes keep their records.
    assert snapshot() == before


def test_reloading_a_changed_list_removes_and_renames_its_codes(loaded, tmp_path):
    tree = etree.parse(official_file("Sector"))
    items = tree.findall("codelist-items/codelist-item")
    removed = items[1].findtext("code")
    items[1].getparent().remove(items[1])
    renamed = items[0].findtext("code")
    items[0].find("name/narrative").text = "Renamed sector"
    tree.write(str(tmp_path / "Sector.xml"), encoding="utf-8")
    other_lists = CodelistItem.objects.exclude(codelist__name="Sector").count()

    out, _err = run("--from", str(tmp_path))

    assert out.startswith("Loaded 1 codelists, 324 items")
    sector = CodelistItem.objects.of("Sector")
    assert sector.count() == 324
    assert not sector.filter(code=removed).exists()
    assert sector.get(code=renamed).name_en == "Renamed sector"
    assert CodelistItem.objects.exclude(codelist__name="Sector").count() == other_lists


def test_if_empty_does_nothing_when_codelists_are_loaded(loaded, tmp_path):
    before = snapshot()
    out, _err = run("--if-empty", "--from", str(tmp_path / "nowhere"))
    assert "already loaded; nothing to do" in out
    assert snapshot() == before


def test_if_empty_loads_when_no_codelist_is_loaded(loaded, tmp_path):
    Codelist.objects.all().delete()
    shutil.copy(official_file("ActivityStatus"), tmp_path)
    out, _err = run("--if-empty", "--from", str(tmp_path))
    assert out.startswith("Loaded 1 codelists, 6 items")
    assert list(Codelist.objects.values_list("name", flat=True)) == ["ActivityStatus"]


# file name → (content, why it is refused)
BAD_FILES = {
    "broken.xml": (
        b'<codelist name="Broken"><codelist-items><codelist-item>',
        "not well-formed XML",
    ),
    "external-entity.xml": (
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        b'<codelist name="Evil"><codelist-items><codelist-item><code>1</code>'
        b"<name><narrative>&e;</narrative></name></codelist-item></codelist-items></codelist>",
        "DOCTYPE declaration is not allowed",
    ),
    "entity-bomb.xml": (
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b'<codelist name="Bomb"><codelist-items><codelist-item><code>1</code>'
        b"<name><narrative>&b;</narrative></name></codelist-item></codelist-items></codelist>",
        "DOCTYPE declaration is not allowed",
    ),
    "no-code.xml": (
        b'<codelist name="NoCode"><codelist-items><codelist-item><name><narrative>x'
        b"</narrative></name></codelist-item></codelist-items></codelist>",
        "item 1 has no <code>",
    ),
}


@pytest.mark.parametrize("bad_file", BAD_FILES)
def test_a_bad_file_refuses_the_whole_load_and_changes_nothing(loaded, tmp_path, bad_file):
    code = renamed_copy("ActivityStatus", tmp_path, "Changed before the bad file")
    content, reason = BAD_FILES[bad_file]
    (tmp_path / bad_file).write_bytes(content)
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        run("--from", str(tmp_path))

    assert refused.value.returncode == 1
    assert bad_file in str(refused.value)
    assert reason in str(refused.value)
    assert "No codelist was changed" in str(refused.value)
    assert snapshot() == before
    with translation.override("en"):
        assert codelist_label("ActivityStatus", code) == official_items("ActivityStatus")[code][0]
    assert not CodelistItem.objects.filter(name_en__contains="root:").exists()


def test_a_codelist_with_a_doctype_is_refused_by_the_parser():
    with pytest.raises(CodelistError, match="DOCTYPE"):
        parse_codelist(BAD_FILES["external-entity.xml"][0])


def test_a_file_over_20_mb_is_refused_by_the_parser():
    with translation.override("fr"), pytest.raises(CodelistError, match="20 Mo"):
        parse_codelist(b" " * (MAX_FILE_BYTES + 1))


def test_a_failure_while_writing_rolls_back_the_lists_already_written(
    loaded, tmp_path, monkeypatch
):
    renamed_copy("ActivityStatus", tmp_path, "Written then rolled back")
    renamed_copy("BudgetType", tmp_path, "Never written")
    before = snapshot()
    real_write, calls = codelists._write, []

    def write_then_fail(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real_write(*args, **kwargs)

    monkeypatch.setattr(codelists, "_write", write_then_fail)
    with pytest.raises(RuntimeError):
        load_codelists(read_from_dir(tmp_path), source_label="test")
    assert snapshot() == before


def test_reading_a_folder_keeps_codelists_and_leaves_other_xml_aside(tmp_path):
    official = read_from_dir(CODELISTS_DIR)
    assert len(official) == 70
    assert not any(label.endswith(".xsd") for label, _data in official)

    shutil.copy(official_file("BudgetType"), tmp_path)
    (tmp_path / "sub").mkdir()
    shutil.copy(official_file("BudgetStatus"), tmp_path / "sub")
    (tmp_path / "activities.xml").write_bytes(b"<iati-activities/>")
    labels = sorted(Path(label).name for label, _data in read_from_dir(tmp_path))
    assert labels == ["BudgetStatus.xml", "BudgetType.xml"]


def test_the_command_fails_cleanly_without_network_or_cache(loaded, settings, tmp_path):
    settings.CODELISTS_URL = UNREACHABLE
    settings.CODELISTS_CACHE_DIR = tmp_path / "cache"
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        run()

    assert refused.value.returncode == 1
    message = str(refused.value)
    assert f"Cannot download {UNREACHABLE}" in message
    assert "no cached copy" in message and "--from DIR" in message
    assert snapshot() == before


def test_the_command_loads_from_the_cache_when_the_network_fails(loaded, settings, tmp_path):
    settings.CODELISTS_URL = UNREACHABLE
    settings.CODELISTS_CACHE_DIR = tmp_path / "cache"
    settings.CODELISTS_CACHE_DIR.mkdir()
    for name in NEEDED_CODELISTS:
        shutil.copy(official_file(name), settings.CODELISTS_CACHE_DIR)
    Codelist.objects.all().delete()

    out, err = run()

    assert out.startswith(f"Loaded {len(NEEDED_CODELISTS)} codelists")
    assert "using the cached copy" in err
    assert CodelistItem.objects.of("Sector").count() == 325
    assert Codelist.objects.get(name="Sector").source == UNREACHABLE


def test_a_download_is_cached_and_reused_when_the_network_fails(tmp_path, monkeypatch):
    good = official_file("BudgetType").read_bytes()
    monkeypatch.setattr(codelists, "_fetch", lambda url, timeout: good)
    [(label, data)] = download(["BudgetType"], "https://example.org/codelists", tmp_path)
    assert label == "https://example.org/codelists/BudgetType.xml"
    assert data == good
    assert (tmp_path / "BudgetType.xml").read_bytes() == good

    def offline(url, timeout):
        raise urllib.error.URLError("no route to host")

    warnings = []
    monkeypatch.setattr(codelists, "_fetch", offline)
    [(label, data)] = download(
        ["BudgetType"], "https://example.org/codelists", tmp_path, warn=warnings.append
    )
    assert label == str(tmp_path / "BudgetType.xml")
    assert data == good
    assert "no route to host" in warnings[0]


def test_a_broken_download_never_replaces_a_good_cached_copy(tmp_path, monkeypatch):
    good = official_file("BudgetType").read_bytes()
    (tmp_path / "BudgetType.xml").write_bytes(good)
    monkeypatch.setattr(codelists, "_fetch", lambda url, timeout: b"<html>captive portal</html>")
    [(_label, data)] = download(["BudgetType"], "https://example.org/codelists/", tmp_path)
    assert data == good
    assert (tmp_path / "BudgetType.xml").read_bytes() == good


def test_only_http_addresses_are_downloaded(tmp_path):
    with pytest.raises(CodelistError, match="http"):
        download(["BudgetType"], "file:///etc/", tmp_path)
