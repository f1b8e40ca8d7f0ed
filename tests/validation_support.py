"""What the validation tests share: a valid record to change, and a cases folder to put it in."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.records.load import load_case, load_casebook
from casebook.records.problems import CasebookInvalid
from casebook.records.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parents[1]
BROKEN = Path(__file__).parent / "data" / "broken" / "cases" / "bad-example.yaml"

# The smallest valid record; each field test changes one thing in a copy of it.
BASE = {
    "id": "field-test", "country": "VN", "level": "city", "themes": ["health"],
    "period": {"start": "2018"},
    "place": {"region": {"en": "Binh Duong"}, "locality": {"en": "Thu Dau Mot"}},
    "organization": {"en": "Women's Union"},
    "figures": [{"value": 5, "label": {"en": "clubs"}, "source": "src"}],
    "sources": [{"id": "src", "title": "T", "outlet": "O", "date": "2018-09"}],
    "text": {"en": {"status": "draft", "title": "T", "summary": "S",
                    "background": "B", "reform": "R"}},
}


def make_casedir(root: Path):
    cases = root / "cases"
    shutil.copytree(REPO / "cases" / "vocabulary", cases / "vocabulary")
    vocabulary, problems = load_vocabulary(cases / "vocabulary", root)
    assert problems == []
    return cases, vocabulary


@pytest.fixture
def casedir(tmp_path):
    """tmp_path/cases with a copy of the real vocabulary, and that vocabulary loaded."""
    return make_casedir(tmp_path)


def write(cases: Path, name: str, record) -> Path:
    path = cases / name
    text = record if isinstance(record, str) else yaml.safe_dump(
        record, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def changed(loc, value):
    if isinstance(loc, str):
        loc = tuple(int(k) if k.isdigit() else k for k in loc.split("."))
    record = copy.deepcopy(BASE)
    node = record
    for key in loc[:-1]:
        node = node[key]
    node[loc[-1]] = copy.deepcopy(value)
    return record


def check(casedir, record):
    cases, vocabulary = casedir
    return load_case(write(cases, "field-test.yaml", record), vocabulary,
                     Path("cases/field-test.yaml"))


