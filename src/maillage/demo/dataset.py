"""The demo's content, read from the data files of `maillage/demo/data/`.

Each organisation (organisations.csv), person (people.csv), user (demo.toml), place,
theme, tag, strategy, programme, project and partnership is declared once, under a key;
every other file names it by that key. `load_dataset` reads the files with the standard
library (`tomllib`, `csv`), refuses a key declared twice or a reference to a key nobody
declares (`DemoDataError`, naming the file, the place in it and the key), and gives the
builders plain values: TOML's own types, and in CSV files dates for the columns of dates,
numbers and yes/no where the column says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).with_name("data")

Row = dict[str, Any]

# Where each kind of key is declared: (file, path to the declaring values). A path walks
# tables by name; "*" walks every item of an array (every row of a CSV file); "~" takes
# the keys of a table.
DECLARATIONS = {
    "user": ("demo.toml", "users.~"),
    "place": ("places.csv", "*.city"),
    "organisation": ("organisations.csv", "*.key"),
    "person": ("people.csv", "*.key"),
    "theme": ("actors.toml", "themes.~"),
    "tag": ("actors.toml", "tags.~"),
    "strategy": ("projects.toml", "strategies.*.key"),
    "programme": ("projects.toml", "programmes.*.code"),
    "project": ("projects.toml", "projects.*.code"),
    "partnership": ("partnerships.toml", "partnerships.*.key"),
    "instrument": ("funding.toml", "instruments.*.key"),
}

# Where the files name a declared key: (file, path, kind); "kind*" for a list of keys
# separated by spaces (a CSV column).
REFERENCES = [
    ("organisations.csv", "*.city", "place"),
    ("organisations.csv", "*.themes", "theme*"),
    ("organisations.csv", "*.tags", "tag*"),
    ("organisations.csv", "*.entered_by", "user"),
    ("organisations.csv", "*.parent", "organisation"),
    ("people.csv", "*.organisation", "organisation"),
    ("people.csv", "*.entered_by", "user"),
    ("people.csv", "*.tags", "tag*"),
    ("positions.csv", "*.person", "person"),
    ("positions.csv", "*.organisation", "organisation"),
    ("interactions.csv", "*.recorded_by", "user"),
    ("interactions.csv", "*.project", "project"),
    ("interactions.csv", "*.people", "person*"),
    ("interactions.csv", "*.organisations", "organisation*"),
    ("actors.toml", "partner_links.*.source", "organisation"),
    ("actors.toml", "partner_links.*.target", "organisation"),
    ("actors.toml", "groups.*.entered_by", "user"),
    ("actors.toml", "groups.*.themes.*", "theme"),
    ("actors.toml", "groups.*.people.~", "person"),
    ("actors.toml", "edits.*.organisation", "organisation"),
    ("actors.toml", "edits.*.by", "user"),
    ("projects.toml", "strategies.*.owner", "organisation"),
    ("projects.toml", "programmes.*.strategy", "strategy"),
    ("projects.toml", "programmes.*.owner", "user"),
    ("projects.toml", "projects.*.programme", "programme"),
    ("projects.toml", "projects.*.owner", "user"),
    ("projects.toml", "projects.*.partners.*.0", "organisation"),
    ("projects.toml", "projects.*.funders.~", "organisation"),
    ("projects.toml", "projects.*.members.~", "user"),
    ("projects.toml", "projects.*.contacts.*", "person"),
    ("projects.toml", "projects.*.tags.*", "tag"),
    ("projects.toml", "projects.*.locations.*.place", "place"),
    ("projects.toml", "edits.*.project", "project"),
    ("projects.toml", "edits.*.by", "user"),
    ("plans.toml", "activities.*.project", "project"),
    ("plans.toml", "activities.*.organisation", "organisation"),
    ("plans.toml", "milestones.*.project", "project"),
    ("tasks.csv", "*.project", "project"),
    ("tasks.csv", "*.assignees", "user*"),
    ("tasks.csv", "*.organisation", "organisation"),
    ("risks.toml", "risks.*.project", "project"),
    ("risks.toml", "risks.*.owner", "user"),
    ("updates.toml", "updates.*.project", "project"),
    ("updates.toml", "updates.*.author", "user"),
    ("partnerships.toml", "partnerships.*.french_authority", "organisation"),
    ("partnerships.toml", "partnerships.*.foreign_authority", "organisation"),
    ("partnerships.toml", "partnerships.*.projects.*", "project"),
    ("partnerships.toml", "partnerships.*.follow_up", "user"),
    ("partnerships.toml", "agreements.*.partnership", "partnership"),
    ("partnerships.toml", "agreements.*.projects.*", "project"),
    ("partnerships.toml", "agreements.*.follow_up", "user"),
    ("partnerships.toml", "agreements.*.parties.*.organisation", "organisation"),
    ("partnerships.toml", "agreements.*.parties.*.signatory", "person"),
    ("partnerships.toml", "agreements.*.decisions.*.organisation", "organisation"),
    ("partnerships.toml", "agreements.*.commitments.*.party", "organisation"),
    ("partnerships.toml", "agreements.*.commitments.*.responsible", "person"),
    ("partnerships.toml", "agreements.*.commitments.*.project", "project"),
    ("funding.toml", "donors.*.organisation", "organisation"),
    ("funding.toml", "instruments.*.donor", "organisation"),
    ("funding.toml", "plans.*.project", "project"),
    ("funding.toml", "plans.*.applicant", "organisation"),
    ("funding.toml", "plans.*.entered_by", "user"),
    ("funding.toml", "plans.*.lines.*.instrument", "instrument"),
    ("funding.toml", "plans.*.lines.*.organisation", "organisation"),
    ("meetings.toml", "working_hours.users.~", "user"),
    ("meetings.toml", "working_hours.people.~", "person"),
    ("meetings.toml", "meetings.*.projects.*", "project"),
    ("meetings.toml", "meetings.*.partnership", "partnership"),
    ("meetings.toml", "meetings.*.organiser", "user"),
    ("meetings.toml", "meetings.*.people.~", "person"),
    ("meetings.toml", "meetings.*.actions.*.owner_user", "user"),
    ("meetings.toml", "meetings.*.actions.*.owner_person", "person"),
    ("results.toml", "projects.*.code", "project"),
    ("results.toml", "projects.*.officer", "user"),
    ("results.toml", "projects.*.partner", "user"),
    ("results.toml", "projects.*.indicators.*.values.*.by", "user"),
]

# CSV columns that are not text.
DATE_COLUMNS = {"since", "until", "member_since"}  # and every column ending in "_on"
INTEGER_COLUMNS = {"late"}
YES_NO_COLUMNS = {"follow_up_done"}


class DemoDataError(ValueError):
    """A data file declares a key twice, or names a key that no file declares."""


@dataclass(frozen=True)
class Dataset:
    """The content of every data file, by file name: a TOML file as a table, a CSV file
    as its rows (one dict per line)."""

    files: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.files[name]

    @property
    def reference_date(self) -> dt.date:
        """The day the demo "is": statuses, late tasks and due commitments follow it."""
        value: dt.date = self.files["demo.toml"]["reference_date"]
        return value

    @property
    def password(self) -> str:
        return str(self.files["demo.toml"]["password"])


def load_dataset(folder: Path = DATA_DIR) -> Dataset:
    """Every data file of `folder`, its keys checked (DemoDataError otherwise)."""
    files: dict[str, Any] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".toml":
            with path.open("rb") as stream:
                files[path.name] = tomllib.load(stream)
        elif path.suffix == ".csv":
            files[path.name] = _read_csv(path)
    dataset = Dataset(files)
    check_keys(dataset)
    return dataset


def check_keys(dataset: Dataset) -> None:
    """Each key declared once, each organisation and person named once, each reference
    to a declared key; every problem is listed in the one error."""
    problems: list[str] = []
    declared: dict[str, set[str]] = {}
    for kind, (name, path) in DECLARATIONS.items():
        seen: dict[str, str] = {}
        for where, value in _walk(dataset.files.get(name), path, name):
            if value in seen:
                problems.append(f"{where}: the {kind} key {value!r} is declared twice")
                problems[-1] += f" (first at {seen[value]})"
            seen.setdefault(value, where)
        declared[kind] = set(seen)
    for what, path in (("organisation", "*.name"), ("person", "*.full_name")):
        name = DECLARATIONS[what][0]
        seen = {}
        for where, value in _walk(dataset.files.get(name), path, name):
            if value in seen:
                problems.append(
                    f"{where}: the {what} {value!r} is declared twice (first at {seen[value]})"
                )
            seen.setdefault(value, where)
    for name, path, kinds in REFERENCES:
        kind = kinds.rstrip("*")
        for where, value in _walk(dataset.files.get(name), path, name):
            for key in value.split() if kinds.endswith("*") else [value]:
                if key not in declared[kind]:
                    source = DECLARATIONS[kind][0]
                    problems.append(f"{where}: unknown {kind} key {key!r} (not in {source})")
    if problems:
        raise DemoDataError("\n".join(problems))


def _walk(node: Any, path: str, where: str) -> Iterator[tuple[str, Any]]:
    """(where, value) for each value at `path` in `node`; blank values are skipped."""
    step, _, rest = path.partition(".")
    if node is None or node == "":
        return
    if not step:
        yield where, node
    elif step == "*" and isinstance(node, list):
        in_csv = where.endswith(".csv")
        for index, item in enumerate(node):
            here = f"{where}, line {index + 2}" if in_csv else f"{where}[{index}]"
            yield from _walk(item, rest, here)
    elif step == "~" and isinstance(node, dict):
        for key in node:
            yield where, key
    elif isinstance(node, dict) and step in node:
        top = where.endswith((".toml", ".csv")) or where.rpartition(", ")[2].startswith("line")
        yield from _walk(node[step], rest, f"{where}{', ' if top else '.'}{step}")
    elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
        yield from _walk(node[int(step)], rest, f"{where}[{step}]")


def _read_csv(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        rows = [{name: _value(name, text) for name, text in row.items()} for row in reader]
    if path.name == "people.csv":
        for row in rows:
            row["full_name"] = f"{row['first_name']} {row['last_name']}"
    return rows


def _value(column: str, text: str) -> Any:
    if column in DATE_COLUMNS or column.endswith("_on"):
        return dt.date.fromisoformat(text) if text else None
    if column in INTEGER_COLUMNS:
        return int(text) if text else None
    if column in YES_NO_COLUMNS:
        return text == "yes"
    return text
