"""Loading the casebook again after a save reads only the records whose contents changed
(records/checked.py), and still finds every problem a fresh load finds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from casebook.records import load as load_module
from casebook.records.load import load_casebook
from casebook.records.problems import CasebookInvalid

ROOT = Path(__file__).resolve().parent.parent
LINKED = "beitang-village-wechat-groups"  # linked to from the record below's narrative
LINKING = "gansu-new-media-village-federations"


@pytest.fixture
def cases(tmp_path) -> Path:
    folder = tmp_path / "cases"
    shutil.copytree(ROOT / "cases", folder)
    return folder


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The record files read and validated, in order."""
    read: list[str] = []
    real = load_module.load_case

    def counting(path, *args, **kwargs):
        read.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(load_module, "load_case", counting)
    return read


def test_a_save_reads_only_the_changed_record(cases, reads):
    first = load_casebook(cases)
    assert len(reads) == len(first.cases)
    reads.clear()
    record = cases / f"{LINKED}.yaml"
    record.write_text(re.sub(r"^(  en:\n(?:    .*\n)*?    title: )", r"\1Saved ", record.read_text(encoding="utf-8"),
                             count=1, flags=re.M), encoding="utf-8")
    second = load_casebook(cases)
    assert reads == [record.name]
    assert second.cases[LINKED].text_in("en")[0]["title"].startswith("Saved ")
    assert second.digests[LINKED] != first.digests[LINKED]
    assert {key: value for key, value in second.digests.items() if key != LINKED} == \
           {key: value for key, value in first.digests.items() if key != LINKED}


def test_a_new_record_is_read_alone(cases, reads):
    load_casebook(cases)
    reads.clear()
    text = (cases / f"{LINKED}.yaml").read_text(encoding="utf-8")
    (cases / "zz-new.yaml").write_text(re.sub(r"^id: .*$", "id: zz-new", text, count=1, flags=re.M), encoding="utf-8")
    assert "zz-new" in load_casebook(cases).cases
    assert reads == ["zz-new.yaml"]


def test_a_deleted_case_that_another_links_to_is_still_reported(cases, reads):
    record = cases / f"{LINKING}.yaml"
    record.write_text(re.sub(r"^(    background: [|>]-?\n)", rf"\1      See [another case]({LINKED}.md).\n\n",
                             record.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    load_casebook(cases)
    (cases / f"{LINKED}.yaml").unlink()
    with pytest.raises(CasebookInvalid) as raised:
        load_casebook(cases)
    fresh = [str(p) for p in raised.value.problems]
    assert any(f"{LINKING}.yaml" in p and f"no case {LINKED!r}" in p for p in fresh), fresh
    (cases / f"{LINKED}.yaml").write_text((ROOT / "cases" / f"{LINKED}.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    assert LINKING in load_casebook(cases).cases, "back again, the link is good"
