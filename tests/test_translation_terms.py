"""Terminology warnings find a spelling to avoid where a reader would see it: in Chinese,
inside a sentence (Chinese has no spaces, and Han characters are word characters to a
regular expression); elsewhere, as a whole word only."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.records.glossary import Entry, Glossary
from casebook.records.yamlsource import read_record
from casebook.translations.checks import _terminology

GLOSSARY = Glossary(entries={"acwf": Entry(
    key="acwf", term={"en": "ACWF", "zh": "全国妇联", "vi": "Hội Liên hiệp Phụ nữ Việt Nam"}, also={},
    definition={"en": "d", "zh": "d", "vi": "d"}, source="general",
    avoid={"zh": ("中华妇女联合会",), "vi": ("Hội Phụ nữ",)})})


@pytest.mark.parametrize("lang, text, warned", [
    ("zh", "2017年，中华妇女联合会在七省推进改革。", True),  # inside a sentence
    ("zh", "中华妇女联合会", True),
    ("zh", "全国妇联在七省推进改革。", False),
    ("vi", "Hội Phụ nữ xã đã họp.", True),
    ("vi", "Hội Phụ nữ, xã", True),
    ("vi", "Hội Phụ nữa", False),  # a longer word is another word
])
def test_a_spelling_to_avoid_is_found_as_a_reader_sees_it(tmp_path, lang, text, warned):
    path = tmp_path / "case.yaml"
    path.write_text(f"text:\n  {lang}:\n    summary: {text}\n", encoding="utf-8")
    record = read_record(path, Path("cases/case.yaml"))
    found = _terminology(text, lang, ("text", lang, "summary"), record.lines, Path("cases/case.yaml"), GLOSSARY)
    assert bool(found) == warned, found
    if warned:
        assert found[0].line == 3 and "renders the glossary term 'ACWF'" in found[0].message
