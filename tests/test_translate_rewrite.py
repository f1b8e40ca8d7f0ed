"""What `casebook translate import` rewrites in a YAML file: the value it changes and not
one other byte (tried once per layout of the casebook's records, and for every interface
string)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casebook.records.load import _flatten
from casebook.records.yamlsource import read_record
from casebook.translations.yamledit import YamlDoc

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "translate" / "translation-fixture.yaml"


def record_shapes() -> list[Path]:
    """One record of each layout the casebook's texts use (the YAML style of each text
    field: plain, quoted, folded, literal), and the translators' fixture: the rewriting
    below is behaviour, tried once per shape, not once per contributed case."""
    def style(value: str) -> str:
        return value if value in (">-", ">", "|", "|-", ">+", "|+") else value[:1] if value[:1] in "'\"" and value \
            else "plain" if value else "nested"
    shapes: dict[frozenset, Path] = {}
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        fields = re.findall(r"^ {4,}(title|summary|background|reform|results): ?(\S*)", path.read_text(encoding="utf-8"), re.M)
        shapes.setdefault(frozenset((key, style(value)) for key, value in fields), path)
    return [FIXTURE, *shapes.values()]


def test_every_record_round_trips_byte_for_byte():
    """What an import rewrites keeps every other byte: ruamel's round trip of each record
    reproduces it (a property of the whole casebook, checked once)."""
    changed = [path.name for path in sorted((ROOT / "cases").glob("*.yaml")) if YamlDoc(path).text() != YamlDoc(path).original]
    assert changed == []


@pytest.mark.parametrize("path", record_shapes(), ids=lambda p: p.stem)
def test_writing_one_translation_changes_only_it(path, tmp_path):
    """A new Vietnamese summary changes that value and nothing else of the data."""
    doc = YamlDoc(path)
    assert doc.text() == doc.original
    before = _flatten(read_record(path).data)
    if doc.get(("text", "vi")) is None:
        doc.ensure_mapping(("text", "vi"), ("en", "zh", "vi"))
        doc.set(("text", "vi", "status"), "draft")
        before[("text", "vi", "status")] = "draft"
    new = ("Một bản tóm tắt mới, đủ dài để được gấp thành nhiều dòng trong tệp YAML. " * 3).strip()
    doc.set(("text", "vi", "summary"), new)
    written = tmp_path / path.name
    written.write_text(doc.text(), encoding="utf-8")
    before[("text", "vi", "summary")] = new
    assert _flatten(read_record(written).data) == before


def stripped(data: dict) -> dict:
    """Texts as the model reads them (a | block ends with a line break, the model strips it)."""
    return {loc: value.strip() if isinstance(value, str) else value for loc, value in data.items()}


@pytest.mark.parametrize("path", record_shapes(), ids=lambda p: p.stem)
def test_every_translatable_text_of_a_record_can_be_rewritten_alone(path, tmp_path):
    """Each text a PO file can change, changed on its own (one line, several lines, quotes
    and a colon), changes that value and nothing else."""
    from casebook.records.load import load_case
    from casebook.records.vocabulary import load_vocabulary
    from casebook.translations.fields import case_texts

    vocabulary, _ = load_vocabulary(ROOT / "cases" / "vocabulary")
    case, problems = load_case(path, vocabulary, path)
    assert case is not None, problems
    before = _flatten(read_record(path).data)
    for index, text in enumerate(case_texts(case)):
        lang = ("zh", "vi")[index % 2]
        loc = text.loc(lang)
        doc = YamlDoc(path)
        if doc.get(loc[:-1]) is None:
            continue  # (a language block the record lacks: covered above)
        value = f'Bản "mới": {index}' if not text.narrative or index % 3 else f"Đoạn một {index}.\n\nĐoạn hai."
        doc.set(loc, value, like=text.en_loc)
        written = tmp_path / f"{index}.yaml"
        written.write_text(doc.text(), encoding="utf-8")
        after = stripped(_flatten(read_record(written).data))
        assert after == stripped({**before, loc: value}), text.path


def interface_shapes() -> list[str]:
    """One interface key of each pair of layouts (the English value's and the Vietnamese
    one's: plain, quoted, folded, literal, wrapped over lines), and the first and last key
    of the file: what the rewriting depends on, not the number of strings."""
    from casebook.commands.translate import ui_file

    text = ui_file(ROOT).read_text(encoding="utf-8")
    layouts: dict[str, dict[str, str]] = {}
    for block in re.split(r"^(?=[a-z]{2}:$)", text, flags=re.M):
        lang = block[:2]
        for key, value, rest in re.findall(r"^  (\w+): ?(.*)\n((?:    .*\n)*)", block, re.M):
            style = value[:2] if value.startswith((">", "|")) else value[:1] if value[:1] in "'\"" else "plain"
            layouts.setdefault(lang, {})[key] = style + ("+lines" if rest else "")
    keys = list(layouts["en"])
    shapes = {(layouts["en"][key], layouts["vi"].get(key)): key for key in reversed(keys)}
    return sorted(set(shapes.values()) | {keys[0], keys[-1]}, key=keys.index)


def test_interface_shapes_cover_the_layouts_used():
    assert len(interface_shapes()) >= 4


@pytest.mark.parametrize("key", interface_shapes())
def test_an_interface_text_can_be_rewritten_alone(tmp_path, key):
    from casebook.commands.translate import ui_file

    path = ui_file(ROOT)
    before = _flatten(read_record(path).data)
    doc = YamlDoc(path)
    doc.set(("vi", key), "Chữ mới: {x}", like=("en", key))
    written = tmp_path / "ui.yaml"
    written.write_text(doc.text(), encoding="utf-8")
    assert _flatten(read_record(written).data) == {**before, ("vi", key): "Chữ mới: {x}"}, key
