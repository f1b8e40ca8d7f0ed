"""Validation that never crashes on what a contributor writes, and messages they can act on."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.records.checked import RecordMemo
from casebook.records.load import load_case, load_casebook
from casebook.records.problems import CasebookInvalid
from casebook.records.vocabulary import load_vocabulary

from validation_support import (REPO, BROKEN, BASE, make_casedir, casedir, write, changed, check)  # noqa: F401 - helpers and fixtures


# --- nothing a contributor writes makes the loader crash ------------------------------

FIELDS = list(BASE) + ["start", "end", "as_of", "en", "zh", "vi", "status", "value", "source"]
scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
           | st.sampled_from(["2018", "2018-09", "CN", "city", "health", "src", "draft"]))
yamlish = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(FIELDS) | st.text(max_size=8) | st.integers(), inner, max_size=5),
    max_leaves=25)
# a valid record with one top-level or nested field replaced by anything
mutated = st.builds(changed, st.sampled_from(list(BASE) + [
    "period.start", "figures.0", "sources.0.date", "text.en", "text.en.title", "place.region"]),
    yamlish)
contents = st.text() | (yamlish | mutated).map(
    lambda data: yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


@pytest.fixture(scope="module")
def shared_casedir(tmp_path_factory):
    return make_casedir(tmp_path_factory.mktemp("property"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=contents)
def test_loading_never_raises(shared_casedir, content):
    # load_case returns (case or None, problems); load_casebook raises only CasebookInvalid
    cases, vocabulary = shared_casedir
    path = write(cases, "field-test.yaml", content)
    try:
        case, problems = load_case(path, vocabulary, Path("cases/field-test.yaml"))
        assert (case is None) == bool(problems)
        try:
            load_casebook(cases)
        except CasebookInvalid as err:
            assert err.problems
    finally:
        path.unlink()


def test_a_helper_process_reads_the_same_casebook(casedir, tmp_path, monkeypatch):
    """`casebook build` has a forked helper read half the records while it imports the build's modules
    (casebook/records/load.py): the casebook, and the problems in their order, are the ones read alone."""
    import os

    import casebook.records.load as load

    cases, _ = casedir
    names = [f"case-{i:03d}" for i in range(load.MIN_FOR_HELPER + 10)]
    for name in names:
        write(cases, f"{name}.yaml", {**BASE, "id": name})
    readers = tmp_path / "readers"
    read_one = load.load_case

    def recorded(*args, **kwargs):
        with readers.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return read_one(*args, **kwargs)

    monkeypatch.setattr(load, "load_case", recorded)  # the helper is forked: it has this too
    alone = load_casebook(cases)
    readers.unlink()
    monkeypatch.setattr(load, "_memo", RecordMemo())  # (no record read before: the helper reads its share)
    calls = []
    helped = load_casebook(cases, meanwhile=lambda: calls.append(os.getpid()))
    assert calls == [os.getpid()], "meanwhile runs once, in this process"
    assert len(set(readers.read_text().split())) == 2, "a helper read some of the records"
    assert list(helped.cases) == names and helped.cases == alone.cases

    for name in (names[3], names[-3]):  # one in the helper's share, one in this process's
        write(cases, f"{name}.yaml", {**changed("country", "XX"), "id": name})
    reports = []
    for meanwhile in (None, lambda: None):
        monkeypatch.setattr(load, "_memo", RecordMemo())
        with pytest.raises(CasebookInvalid) as raised:
            load_casebook(cases, meanwhile=meanwhile)
        reports.append([str(p) for p in raised.value.problems])
    assert reports[0] == reports[1] and len(reports[0]) == 2
    assert names[3] in reports[0][0] and names[-3] in reports[0][1]


# --- messages a contributor can act on --------------------------------------------------

@pytest.mark.parametrize("typed, key", [("district", "county"), ("banner", "county"), ("commune", "township"),
                                        ("hamlet", "village"), ("Ward", "township")])
def test_a_level_word_of_another_country_names_the_key_to_use(casedir, typed, key):
    case, problems = check(casedir, changed("level", typed))
    assert case is None and [p.field for p in problems] == ["level"]
    assert problems[0].message.startswith(
        f"unknown level '{typed}'; use '{key}' (the level this casebook uses for a {typed}). expected one of: ")
    assert problems[0].message.endswith("To propose a new level, add it to cases/vocabulary/levels.yaml "
                                        "with its label in en, zh and vi in the same pull request "
                                        "(see CONTRIBUTING.md)")


def test_an_unknown_theme_says_how_to_propose_one(casedir):
    case, problems = check(casedir, changed("themes", ["microcredit"]))
    assert [p.field for p in problems] == ["themes[0]"]
    assert problems[0].message.endswith("To propose a new theme, add it to cases/vocabulary/themes.yaml "
                                        "with its label in en, zh and vi in the same pull request "
                                        "(see CONTRIBUTING.md)")


def test_missing_translations_are_warnings_naming_the_fallback(casedir):
    record = changed("text.zh", {"status": "draft", "background": "背景。"})
    cases, vocabulary = casedir
    path = write(cases, "field-test.yaml", record)
    case, problems = load_case(path, vocabulary, Path("cases/field-test.yaml"), with_warnings=True)
    assert case is not None, "a missing translation publishes (with a notice)"
    assert [str(p) for p in problems] == [
        f"cases/field-test.yaml:{yaml_line(path, 'text:')}:1: text: warning: no Vietnamese text (vi): "
        "the Vietnamese page shows the English text, with a notice",
        f"cases/field-test.yaml:{yaml_line(path, 'zh:')}:3: text.zh: warning: no Chinese summary (zh.summary): "
        "the Chinese page shows the English summary, with a notice",
        f"cases/field-test.yaml:{yaml_line(path, 'zh:')}:3: text.zh: warning: no Chinese title (zh.title): "
        "the Chinese page shows the English title, with a notice",
    ]
    assert all(p.warning for p in problems)
    # without asking for warnings (the build), there are none
    assert load_case(path, vocabulary, Path("cases/field-test.yaml"))[1] == []
    # and the casebook carries them for `casebook validate`, still valid
    book = load_casebook(cases)
    assert [p.message for p in book.warnings if p.path.name == path.name] == [p.message for p in problems]


def yaml_line(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.strip().startswith(start))


def test_text_left_from_the_template_is_an_error(casedir):
    cases, vocabulary = casedir
    template = (REPO / "hooks/casebook/records/templates/case.yaml").read_text(encoding="utf-8")
    path = cases / "hanoi-case.yaml"
    path.write_text(template.replace("__ID__", "hanoi-case"), encoding="utf-8")
    case, problems = load_case(path, vocabulary, Path("cases/hanoi-case.yaml"))
    assert case is None
    said = {p.field: p.message for p in problems}
    for field in ("place.region.en", "place.locality.vi", "organization.en", "organization.zh",
                  "sources[0].outlet", "sources[0].author", "sources[0].editor", "sources[0].translator",
                  "sources[0].original_outlet", "text.en.title"):
        assert said.get(field) == "still the template's example text; write this case's own", field
    assert said["country"] == "still the template's placeholder; write the country's ISO code, e.g. CN, VN or LA"
    assert sum(p.field == "country" for p in problems) == 1, "one message for the placeholder, not two"


def test_every_source_of_every_case_has_its_address():
    # readers check a case against its articles: every source carries its URL
    book = load_casebook(REPO / "cases", REPO)
    missing = [(case.id, source.id) for case in book.sorted_cases() for source in case.sources if not source.url]
    assert missing == []
