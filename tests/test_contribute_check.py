"""The case form's checker and YAML writer (docs/assets/contribute-check.js, -words.js,
-yaml.js), run by node,
against the real thing: Python's jsonschema over the same schema (the same errors at the
same places, for valid and broken records), the validator's own messages (records/load.py
over the YAML the script wrote), and YAML that reads back as the record it was made from."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import unicodedata
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, HealthCheck
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from casebook.records.load import load_case
from casebook.records.vocabulary import load_vocabulary
from casebook.records.yamlsource import read_record
from conftest import ROOT

CHECK = ROOT / "docs" / "assets" / "contribute-check.js"
SCHEMA = json.loads((ROOT / "docs" / "data" / "case.schema.json").read_text(encoding="utf-8"))
VOCABULARY, _ = load_vocabulary(ROOT / "cases" / "vocabulary")
WORDS = {"levelWords": VOCABULARY.words.get("levels", {}), "themeWords": VOCABULARY.words.get("themes", {})}

# One request a line: {"op": "check" | "problems" | "yaml", "record": ...}; one JSON answer a line.
SERVER = """
const c = require(%s), y = require(%s), schema = %s, words = %s, year = %d;
require("readline").createInterface({ input: process.stdin }).on("line", line => {
  const q = JSON.parse(line);
  const out = q.op === "check" ? c.check(schema, q.record).map(e => [e.path, e.keyword])
    : q.op === "problems" ? c.problems(schema, q.record, words, year)
    : y.toYaml(q.record);
  process.stdout.write(JSON.stringify(out) + "\\n");
});
"""


@pytest.fixture(scope="module")
def js():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (make setup installs it with npm)")
    script = SERVER % (json.dumps(str(CHECK)), json.dumps(str(CHECK.with_name("contribute-yaml.js"))), json.dumps(SCHEMA), json.dumps(WORDS), dt.date.today().year)
    process = subprocess.Popen([node, "-e", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, encoding="utf-8")

    def ask(op: str, record):
        process.stdin.write(json.dumps({"op": op, "record": record}) + "\n")
        process.stdin.flush()
        return json.loads(process.stdout.readline())

    yield ask
    process.stdin.close()
    process.wait(timeout=10)


def real_records() -> list[dict]:
    return [read_record(path).data for path in sorted((ROOT / "cases").glob("*.yaml"))]


RECORDS = real_records()
VALIDATOR = Draft202012Validator(SCHEMA)


def python_errors(record) -> list:
    return sorted({(json.dumps(list(error.absolute_path)), error.validator) for error in VALIDATOR.iter_errors(record)})


def js_errors(js, record) -> list:
    return sorted({(json.dumps(path), keyword) for path, keyword in js("check", record)})


def put(record: dict, path: tuple, value) -> dict:
    """A copy of ``record`` with ``value`` at ``path`` (a key to delete when value is DELETE)."""
    out = copy.deepcopy(record)
    node = out
    for part in path[:-1]:
        node = node[part]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


class _Delete:
    """A sentinel: the field is removed (its repr names it, the same in every process)."""

    def __repr__(self) -> str:
        return "<deleted>"


DELETE = _Delete()

# (path, value, what the validator says there): one mistake each, as a contributor makes it
MISTAKES = [
    (("id",), "Ruili Centre", "expected lowercase letters, digits and hyphens (e.g. ruili-centre), got 'Ruili Centre'"),
    (("id",), "con", "'con' cannot be a case id: it is a name Windows reserves for a device, so the site or its "
                     "offline copy would break; add the place or the subject (e.g. con-cuong-savings-groups)"),
    (("id",), "a" * 81, "String should have at most 80 characters"),
    (("country",), "cn", "expected an ISO 3166-1 alpha-2 code such as CN, VN or LA, got 'cn'"),
    (("level",), "district", None),
    (("level",), "twonship", None),
    (("level",), 5, "expected text, got the number 5: put it in quotes, e.g. \"5\""),
    (("themes",), [], "expected at least 1 item(s), got none"),
    (("themes",), ["helth"], None),
    (("themes",), "health", None),
    (("themes",), ["health", "health"], "a theme is listed twice"),
    (("period",), {}, "give at least one of start, end, as_of"),
    (("period",), {"start": "2018/09"}, None),
    (("period",), {"start": "2018-13"}, None),
    (("period",), {"start": "2018-02-30"}, None),
    (("period",), {"start": "1850"}, None),
    (("period",), {"start": 2015}, None),
    (("period",), {"start": "2019", "end": "2018"}, "end 2018 is before start 2019"),
    (("period",), {"begin": "2019"}, None),
    (("place",), "Ruili", "expected a mapping (indented `key: value` lines), got the text 'Ruili'"),
    (("place", "region"), {"zh": "云南"}, "required field is missing"),
    (("organization",), {"en": "A", "fr": "B"}, None),
    (("sources",), [], "expected at least 1 item(s), got none"),
    (("sources", 0, "url"), "www.example.org", None),
    (("sources", 0, "url"), "https://", None),
    (("sources", 0, "url"), "https://example.org/a b", None),
    (("sources", 0, "date"), "30/09/2018", None),
    (("sources", 0, "language"), "fr", None),
    (("sources", 0, "title"), DELETE, "required field is missing"),
    (("sources", 0, "id"), "Source 1", None),
    (("text", "en", "status"), "reviewd", None),
    (("text", "en", "title"), DELETE, "required field is missing"),
    (("text", "en", "summary"), "Bidi \u202e text", None),
    (("text", "en", "title"), "\u200b\u200b", None),
    (("text",), {"zh": {"status": "draft"}}, "required field is missing"),
    (("figures",), [{"value": "1,500", "label": {"en": "visits"}, "source": "nope"}], None),
    (("figures",), [{"value": -1, "qualifier": "roughly", "label": {"en": "visits"}, "source": "nope"}], None),
    (("milestones",), [{"date": "2015-11", "label": {"en": "x"}}], "required field is missing"),
    (("coordinates",), {"lat": 91, "lon": 0}, "Input should be less than or equal to 90"),
    (("colour",), "red", None),
]


def validator_problems(record: dict, tmp_path: Path, js) -> set[tuple[str, str]]:
    """What records/load.py says of the YAML the form's script writes for ``record``."""
    name = record["id"] if isinstance(record.get("id"), str) and record["id"].islower() and \
        record["id"].replace("-", "").isalnum() and len(record["id"]) <= 80 else "case"
    path = tmp_path / f"{name}.yaml"
    path.write_text(js("yaml", record), encoding="utf-8")
    _, found = load_case(path, VOCABULARY, Path(path.name))
    return {(p.field, p.message) for p in found if not p.warning and not p.message.startswith("must be the file name")}


def test_the_real_records_are_valid_in_both(js):
    for record in RECORDS:
        assert js_errors(js, record) == python_errors(record) == [], record["id"]
        assert js("problems", record) == [], record["id"]


@pytest.mark.parametrize("path, value, expected", MISTAKES, ids=[f"{'.'.join(map(str, m[0]))}={m[1]!r}"[:60]
                                                                  for m in MISTAKES])
def test_a_mistake_gets_the_validators_message(js, tmp_path, path, value, expected):
    record = put(RECORDS[0], path, value)
    assert js_errors(js, record) == python_errors(record)
    said = {(p["field"], p["message"]) for p in js("problems", record)}
    assert said, "the form said nothing"
    assert said == validator_problems(record, tmp_path, js)
    if expected:
        assert expected in {message for _, message in said}, said


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12) | st.sampled_from(["", "2018", "2018-09-30", "https://x.org", "draft", "CN", "health",
                                              "a-b", "con", "index", "2018\n", "x" * 81, "county"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["en", "zh", "vi", "id", "title", "start", "x", "value", "label", "source"]), inner, max_size=3),
    max_leaves=8)


def paths_of(value, path=()) -> list[tuple]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_of(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_of(item, path + (index,))
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(RECORDS) - 1), st.integers(0, 10**6), JSON_VALUES, st.booleans())
def test_any_record_gets_the_same_errors_at_the_same_places(js, which, where, value, delete):
    record = RECORDS[which]
    paths = paths_of(record)
    path = paths[where % len(paths)]
    changed = put(record, path, DELETE if delete else value)
    assert js_errors(js, changed) == python_errors(changed)


@pytest.mark.parametrize("text", ["plain", 'say "hi" \\ back', "line\nbreak\tand tab", "\x1b[31mred\x07",
                                  "\u202eevil\u2066", "\u2028\u2029\x85", "bom\ufeff", "# not a comment", "- not a list",
                                  "key: value", "&anchor *alias !!python/object", "{a: b}", "'single'", "Hội Phụ nữ",
                                  "全国妇联", "e\u0301", "x" * 100_000, "😀 \ud83d", "null", "true", "2015", ""])
def test_yaml_reads_back_as_the_record(js, text):
    record = {"id": "a-case", "themes": ["health"], "text": {"en": {"status": "draft", "title": text}},
              "figures": [{"value": 1500.5, "label": {"en": text}, "source": "s"}]}
    written = js("yaml", record)
    assert written.startswith("# yaml-language-server: $schema=../docs/data/case.schema.json\n")
    for line in written.splitlines():
        assert all(ch == "\t" or ch >= " " for ch in line) and not any(0x7f <= ord(ch) <= 0x9f for ch in line)
        assert not set(line) & set("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
    back = yaml.safe_load(written)
    expected = unicodedata.normalize("NFC", text.replace("\ud83d", "\ufffd"))
    assert back["text"]["en"]["title"] == expected
    assert back["figures"][0] == {"value": 1500.5, "label": {"en": expected}, "source": "s"}


def test_yaml_is_laid_out_as_the_template(js):
    """Same key order and nesting as records/templates/case.yaml (what casebook new writes)."""
    template = (ROOT / "hooks/casebook/records/templates/case.yaml").read_text(encoding="utf-8")
    keys = [key for key in (line.split(":")[0] for line in template.splitlines() if ":" in line)
            if re.fullmatch(r" *(- )?[a-z_]+", key)]
    record = yaml.safe_load(template.replace("??", "CN"))
    record["milestones"] = [{"date": "2015-11", "label": {"en": "x"}, "source": "example-source"}]
    written = js("yaml", record)
    ours = [key for key in (line.split(":")[0] for line in written.splitlines() if ":" in line)
            if re.fullmatch(r" *(- )?[a-z_]+", key)]
    # the template's milestones are a comment: ours has them after figures, where the comment is
    at = ours.index("sources")
    assert ours[at - 5:at] == ["milestones", "  - date", "    label", "      en", "    source"]
    assert ours[:at - 5] + ours[at:] == keys
    assert yaml.safe_load(written) == record
