"""The demo's data files: each organisation and person declared once, every key resolves."""

import csv
import re
import shutil
from pathlib import Path

import pytest

from maillage.demo.dataset import DATA_DIR, DECLARATIONS, REFERENCES, DemoDataError, load_dataset


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the data files, to break."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_data_files_load_with_every_key_declared_once_and_resolved():
    dataset = load_dataset()
    organisations = dataset["organisations.csv"]
    people = dataset["people.csv"]
    assert len(organisations) == 101
    assert len({row["key"] for row in organisations}) == len(organisations)
    assert len({row["name"] for row in organisations}) == len(organisations)
    assert len(people) == 122
    assert len({row["key"] for row in people}) == len(people)
    assert len({(row["first_name"], row["last_name"]) for row in people}) == len(people)


def test_organisations_and_people_are_named_only_in_their_own_file():
    # Elsewhere they appear by key: no file spells out an organisation's name or a person's
    # full name (a second declaration in disguise).
    dataset = load_dataset()
    names = {row["name"] for row in dataset["organisations.csv"]}
    full_names = {f"{row['first_name']} {row['last_name']}" for row in dataset["people.csv"]}
    own = {"organisations.csv", "people.csv"}
    for path in sorted(DATA_DIR.iterdir()):
        if path.name in own or path.suffix not in {".toml", ".csv"}:
            continue
        text = path.read_text(encoding="utf-8")
        quoted = set(re.findall(r'"([^"\n]+)"', text))
        if path.suffix == ".csv":
            quoted |= {cell for row in csv.reader(text.splitlines()) for cell in row}
        assert not quoted & names, (path.name, sorted(quoted & names))
        assert not quoted & full_names, (path.name, sorted(quoted & full_names))


def test_every_reference_names_a_kind_that_is_declared():
    files = {path.name for path in DATA_DIR.iterdir()}
    for name, _path, kind in REFERENCES:
        assert name in files, name
        assert kind.rstrip("*") in DECLARATIONS, kind
    assert {name for name, _ in DECLARATIONS.values()} <= files


def test_an_organisation_key_declared_twice_is_refused(data):
    path = data / "organisations.csv"
    edit(path, "\nmel,", "\nlille,")
    with pytest.raises(DemoDataError) as error:
        load_dataset(data)
    assert "organisations.csv, line 3, key: the organisation key 'lille' is declared twice" in str(
        error.value
    )


def test_a_person_declared_twice_under_two_keys_is_refused(data):
    path = data / "people.csv"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "martine-v,Martine,Verhaeghe,lille,Adjointe,2020-01-01,,youssef,,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DemoDataError) as error:
        load_dataset(data)
    assert "people.csv, line 124" in str(error.value)
    assert "'Martine Verhaeghe' is declared twice" in str(error.value)


def test_an_unknown_person_key_is_refused_naming_the_file_and_the_key(data):
    edit(data / "interactions.csv", "fatima-zahra-bekkali mustapha-rifi", "fatima-bekkali")
    with pytest.raises(DemoDataError) as error:
        load_dataset(data)
    message = str(error.value)
    assert "interactions.csv, line 2, people: unknown person key 'fatima-bekkali'" in message
    assert "(not in people.csv)" in message


def test_an_unknown_organisation_key_in_a_nested_table_is_refused(data):
    edit(data / "partnerships.toml", 'party = "lycee-lille"', 'party = "lycee-hotelier"')
    with pytest.raises(DemoDataError) as error:
        load_dataset(data)
    assert re.search(
        r"partnerships\.toml, agreements\[1\]\.commitments\[2\]\.party: "
        r"unknown organisation key 'lycee-hotelier'",
        str(error.value),
    )


def test_every_problem_is_listed_at_once(data):
    edit(data / "projects.toml", 'owner = "youssef"', 'owner = "yousef"')
    edit(data / "tasks.csv", ",ista-oujda,", ",ista,")
    edit(data / "people.csv", ",lille,", ",ville-de-lille,")
    with pytest.raises(DemoDataError) as error:
        load_dataset(data)
    message = str(error.value)
    assert "unknown user key 'yousef' (not in demo.toml)" in message
    assert "tasks.csv, line 2, organisation: unknown organisation key 'ista'" in message
    assert "people.csv, line 2, organisation: unknown organisation key 'ville-de-lille'" in message
