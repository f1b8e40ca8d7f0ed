"""The `casebook` command as a contributor runs it, and the JSON Schema it derives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, copy_project

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}


def casebook(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook", *args], cwd=project,
                          capture_output=True, text=True, env=ENV, timeout=120)


def problem_lines(stdout: str) -> list[str]:
    """The problem lines and the count; the closing hint says where the template is."""
    lines = stdout.strip().splitlines()
    assert lines[-1].startswith("Fix these, then run casebook validate again.")
    return lines[:-1]


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def test_validate_clean_repository(project):
    result = casebook(project, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    count = len(list((project / "cases").glob("*.yaml")))
    # (warnings, e.g. a missing translation, come first and do not fail)
    assert result.stdout.strip().splitlines()[-1] == f"All {count} case records are valid."


def test_new_writes_the_template_and_validate_names_every_unfilled_field(project):
    result = casebook(project, "new", "hanoi-test-case")
    assert result.returncode == 0, result.stderr
    path = project / "cases" / "hanoi-test-case.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/data/case.schema.json")
    assert "id: hanoi-test-case\n" in text and "__ID__" not in text
    assert set(yaml.safe_load(text)["text"]) == {"en", "zh", "vi"}
    check = casebook(project, "validate", "cases/hanoi-test-case.yaml")
    assert check.returncode == 1
    lines = problem_lines(check.stdout)
    title_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("title: A short"))
    assert (f"cases/hanoi-test-case.yaml:{title_line}:12: text.en.title: "
            "still the template's example text; write this case's own") in lines
    assert lines[-1] == f"{len(lines) - 1} errors in case records"
    # the build refuses it too, with the same lines
    assert "still the template's example text" in casebook(project, "validate").stdout


@pytest.mark.parametrize("bad_id", ["Ruili", "ruili_case", "ruili-", "ruili--case", "a" * 81, "瑞丽"])
def test_new_refuses_bad_ids(project, bad_id):
    result = casebook(project, "new", bad_id)
    assert result.returncode == 2
    assert "not a valid id; use lowercase letters, digits and single hyphens" in result.stderr
    assert f"{bad_id}.yaml" not in os.listdir(project / "cases")


def test_new_never_overwrites(project):
    existing = next((project / "cases").glob("*.yaml"))
    before = existing.read_bytes()
    result = casebook(project, "new", existing.stem)
    assert result.returncode == 1 and "already exists" in result.stderr
    assert existing.read_bytes() == before


def test_validate_lists_every_error_of_every_file(project):
    cases = project / "cases"
    first, second = sorted(cases.glob("*.yaml"))[:2]
    first.write_text(first.read_text(encoding="utf-8").replace("country: CN", "country: China"), encoding="utf-8")
    second.write_text(second.read_text(encoding="utf-8") + "levle: city\n", encoding="utf-8")
    result = casebook(project, "validate")
    assert result.returncode == 1
    lines = problem_lines(result.stdout)
    assert any(line.startswith(f"cases/{first.name}:") and ": country: expected an ISO 3166-1" in line for line in lines)
    assert any(line.startswith(f"cases/{second.name}:") and
               "levle: unknown field 'levle'; did you mean 'level'?" in line for line in lines)
    assert lines[-1] == "2 errors in case records"


def test_fix_repairs_encoding_line_ends_and_unicode_form(project):
    path = next((project / "cases").glob("binh-duong*.yaml"))
    good = path.read_text(encoding="utf-8")
    broken = "\ufeff" + unicodedata.normalize("NFD", good).replace("\n", "\r\n")
    path.write_bytes(broken.encode("utf-8"))
    before = casebook(project, "validate", str(path.relative_to(project)))
    assert before.returncode == 1
    assert "byte-order mark" in before.stdout and "CRLF" in before.stdout
    result = casebook(project, "validate", "--fix", str(path.relative_to(project)))
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith(f"fixed cases/{path.name}")
    assert path.read_text(encoding="utf-8") == good


def test_committed_schema_is_generated_from_the_model():
    # one source of truth: docs/data/case.schema.json is what the model says today
    result = subprocess.run([sys.executable, "-m", "casebook", "schema", "--check"], cwd=ROOT,
                            capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr


def schema() -> dict:
    return json.loads((ROOT / "docs" / "data" / "case.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted((ROOT / "cases").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_record_satisfies_the_schema(path):
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema())


@pytest.mark.parametrize("change", [
    {"level": "prefecture"},          # not in the vocabulary
    {"themes": ["helth"]},            # not in the vocabulary
    {"country": "XX"},                # not an ISO code
    {"extra": 1},                     # unknown key
    {"period": {"start": "18-09"}},   # not a date
])
def test_schema_and_model_reject_the_same_mistakes(tmp_path, change):
    from casebook.records.load import load_case
    from casebook.records.vocabulary import load_vocabulary

    source = ROOT / "cases" / "wanzhou-grassroots-federation-reform.yaml"
    data = {**yaml.safe_load(source.read_text(encoding="utf-8")), **change}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())
    path = tmp_path / source.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    vocabulary, _ = load_vocabulary(ROOT / "cases" / "vocabulary")
    case, problems = load_case(path, vocabulary, Path(path.name))
    assert case is None and problems


def test_validate_says_when_the_schema_is_behind_the_vocabulary(project):
    themes = project / "cases" / "vocabulary" / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8") + "legal-aid:\n  en: Legal aid\n  zh: 法律援助\n"
                      "  vi: Trợ giúp pháp lý\n", encoding="utf-8")
    result = casebook(project, "validate")
    assert result.returncode == 1
    assert ("docs/data/case.schema.json:1:1: (file): out of date with cases/vocabulary/; "
            "run: casebook schema") in result.stdout
    assert casebook(project, "schema").returncode == 0
    assert casebook(project, "validate").returncode == 0


@pytest.mark.build
@pytest.mark.browser
def test_bench_prints_figures_of_each_timed_run():
    """`casebook bench` builds synthetic cases for real, ours and the peer, and prints
    figures (never asserts a time); with --repeat, each run's time too."""
    result = subprocess.run([sys.executable, "-m", "casebook", "bench", "--cases", "8", "--repeat", "2"],
                            cwd=ROOT, capture_output=True, text=True, env=ENV, timeout=600)
    assert result.returncode == 0, result.stderr
    figures = dict(line.split(None, 1) for line in result.stdout.strip().splitlines())
    assert int(figures["cases"]) == 8
    assert len(figures["runs_ratio"].split(", ")) == 2 and len(figures["runs_seconds"].split(", ")) == 2
    assert float(figures["ratio_to_peer"]) > 0 and int(figures["peak_memory_mb"]) > 0
    for lang in ("en", "zh", "vi"):
        assert int(figures[f"search_index_{lang}_bytes"].replace(",", "")) > 0
        assert int(figures[f"first_search_{lang}_bytes"].replace(",", "")) > 0, "a first search fetched parts"


@pytest.mark.build
@pytest.mark.browser
def test_bench_without_the_peer_builds_once_and_prints_the_sites_figures():
    result = subprocess.run([sys.executable, "-m", "casebook", "bench", "--cases", "8", "--no-peer"],
                            cwd=ROOT, capture_output=True, text=True, env=ENV, timeout=600)
    assert result.returncode == 0, result.stderr
    figures = dict(line.split(None, 1) for line in result.stdout.strip().splitlines())
    assert int(figures["cases"]) == 8 and "peer_seconds" not in figures
    assert float(figures["build_seconds_sampled"]) > 0 and int(figures["peak_memory_mb"]) > 0
    for lang in ("en", "zh", "vi"):
        assert int(figures[f"first_search_{lang}_bytes"].replace(",", "")) > 0
