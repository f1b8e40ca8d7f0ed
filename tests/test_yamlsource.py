"""casebook.records.yamlsource.read_record: safe, bounded reading of one YAML record, with lines."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from casebook.records.yamlsource import MAX_BYTES, read_record

SHOWN = Path("cases/x.yaml")  # what a contributor sees in messages
ALIAS_MESSAGE = "aliases (*name) are not allowed in a case; write the value out in full"
BOM = b"\xef\xbb\xbf"
NFD_PLACE = unicodedata.normalize("NFD", "Bình Dương")


def read(tmp_path: Path, content: str | bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return read_record(path, SHOWN)


def only_problem(parsed):
    assert parsed.data is None, "a record with problems must not be handed on"
    assert len(parsed.problems) == 1, [str(p) for p in parsed.problems]
    problem = parsed.problems[0]
    assert problem.path == SHOWN
    return problem


# --- how plain scalars are read ------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    # YAML 1.1 reads `no` as False: Norway's code or a "no" answer would silently change
    ("no", "no"),
    # NO is Norway's ISO code: it must reach the country check as text
    ("NO", "NO"),
    # `yes` as True would turn a word in a label into a boolean
    ("yes", "yes"),
    # `on`/`off` as booleans would break e.g. a status or a unit called "on"
    ("on", "on"),
    ("off", "off"),
    # a bare date must stay text so "2018-09-30" and "2018-09" are the same kind of value
    ("2018-09-30", "2018-09-30"),
    ("2018-09-30T10:00:00Z", "2018-09-30T10:00:00Z"),
    # a partial date was never a timestamp; it must stay text too
    ("2018-09", "2018-09"),
    # true/false remain the only booleans, in the spellings YAML 1.2 allows
    ("true", True),
    ("false", False),
    ("True", True),
    ("FALSE", False),
    # numbers and null are still read as such (the model rejects them where text belongs)
    ("2018", 2018),
    ("1.5", 1.5),
    ("~", None),
])
def test_scalar_resolution(tmp_path, value, expected):
    parsed = read(tmp_path, f"value: {value}\n")
    assert parsed.problems == []
    assert parsed.data == {"value": expected}
    assert type(parsed.data["value"]) is type(expected)


@pytest.mark.parametrize("value, yaml12", [
    # a leading zero is not octal in YAML 1.2; a figure "010" must not silently become 8
    ("010", 10),
    # base-60 numbers are gone from YAML 1.2; "1:30" must not silently become 90
    ("1:30", "1:30"),
    # a lone "=" is YAML 1.1's 'value' type: today it gives "could not determine a constructor"
    ("=", "="),
])
def test_remaining_yaml11_surprises(tmp_path, value, yaml12):
    parsed = read(tmp_path, f"value: {value}\n")
    assert parsed.problems == [] and parsed.data == {"value": yaml12}


# --- problems, each with its exact position ------------------------------------------

@pytest.mark.parametrize("content, line, column, message", [
    # a tab in the indentation breaks YAML or silently changes nesting
    ("text:\n\ten: x\n", 2, 1, "tab used for indentation; YAML needs spaces"),
    # a tab after some spaces is just as wrong; the column points at the tab
    ("text:\n  \ten: x\n", 2, 3, "tab used for indentation; YAML needs spaces"),
    # a byte-order mark (Windows Notepad) makes the first key differ byte for byte
    (BOM + b"id: x\n", 1, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM"),
    # CRLF line ends leave \r in block text
    (b"id: x\r\nlevel: city\r\n", 1, 1, "Windows (CRLF) line ends; save with LF line ends"),
    # the first \r decides the line, even when earlier lines end with LF
    (b"id: x\nlevel: city\r\n", 2, 1, "Windows (CRLF) line ends"),
    # decomposed Vietnamese looks the same but does not match search or compare equal;
    # the column is the first combining mark (the grave accent of "ì")
    ("id: x\nregion: " + NFD_PLACE + "\n", 2, 11, "text is in decomposed Unicode"),
    # a Latin-1 file: the line and column of the first byte that is not UTF-8
    (b"title: caf\xe9\n", 1, 11, "byte 0xe9 is not UTF-8; save the file as UTF-8"),
    (b"id: x\ntitle: caf\xe9\n", 2, 11, "byte 0xe9 is not UTF-8"),
    # an empty file (e.g. a failed save) gets a hint, not a Python error
    (b"", 1, 1, "file is empty; start from the template (casebook new <id>)"),
    # whitespace only is empty too
    (b"  \n\t\n\n", 1, 1, "file is empty"),
    # comments alone are not a record
    ("# to do\n", 1, 1, "file has no YAML content"),
    # an unclosed bracket is found where the parser gives up, on the next line
    ("themes: [health, migrants\nlevel: city\n", 2, 6,
     "YAML syntax error: a list in [brackets] is not closed: add the ']' (and a ',' between items)"),
    # two documents in one file: the second would be silently dropped by a lenient reader
    ("id: a\n---\nid: b\n", 2, 1, "YAML syntax error: a second document starts here ('---'): "
     "a file holds one case; remove the '---' line"),
])
def test_problem_position_and_message(tmp_path, content, line, column, message):
    problem = only_problem(read(tmp_path, content))
    assert (problem.line, problem.column, problem.field) == (line, column, "")
    assert message in problem.message


@pytest.mark.parametrize("content, line, column, field", [
    # Python tags must never construct objects (safe loading)
    ("id: !!python/object/apply:os.system [ls]\n", 1, 5, "id"),
    ("place:\n  region: {en: !!binary aGVsbG8=}\n", 2, 16, "place.region.en"),
    ("sources:\n- id: a\n- !!set {a, b}\n", 3, 3, "sources[1]"),
    ("!!str id: x\n", 1, 1, "id"),
])
def test_a_tag_is_refused_at_its_field(tmp_path, content, line, column, field):
    problem = only_problem(read(tmp_path, content))
    assert (problem.line, problem.column, problem.field) == (line, column, field)
    assert "tags (!!" in problem.message and "are not allowed in a record" in problem.message


@pytest.mark.parametrize("content, line, column, field", [
    # a key typed twice: plain YAML keeps the last value and hides the first
    ("id: a\nlevel: city\nid: b\n", 3, 1, "id"),
    # the same inside a nested block: the line is the second key's
    ("text:\n  en:\n    title: A\n    summary: B\n    title: C\n", 5, 5, "text.en.title"),
    # inside a list item, named in the model's notation
    ("sources:\n  - id: a\n    id: b\n", 3, 5, "sources[0].id"),
])
def test_duplicate_key(tmp_path, content, line, column, field):
    problem = only_problem(read(tmp_path, content))
    assert (problem.line, problem.column, problem.field) == (line, column, field)
    assert problem.message == "key appears twice in the same mapping"


def test_every_encoding_problem_reported_in_one_run(tmp_path):
    # a contributor fixes the file once, not once per message
    parsed = read(tmp_path, b"id: x\r\n\tlevel: y\nregion: " + NFD_PLACE.encode() + b"\n")
    assert [(p.line, p.column, p.message.split(";")[0]) for p in parsed.problems] == [
        (1, 1, "Windows (CRLF) line ends"),
        (2, 1, "tab used for indentation"),
        (3, 11, "text is in decomposed Unicode (e.g. Vietnamese tone marks as separate characters)"),
    ]


def test_file_larger_than_max_bytes(tmp_path):
    # the size is checked before reading, so a huge file costs nothing to refuse
    problem = only_problem(read(tmp_path, b"a: " + b"x" * MAX_BYTES + b"\n"))
    assert (problem.line, problem.column) == (1, 1)
    size = MAX_BYTES + 4
    assert problem.message == f"file is {size:,} bytes; a case may be at most {MAX_BYTES:,}"


def test_file_of_exactly_max_bytes_is_read(tmp_path):
    # the limit itself is allowed
    parsed = read(tmp_path, b"a: " + b"x" * (MAX_BYTES - 4) + b"\n")
    assert parsed.problems == [] and len(parsed.data["a"]) == MAX_BYTES - 4


def test_alias_bomb_is_refused_before_expansion(tmp_path):
    # "billion laughs": 9 levels of 9 aliases expand to 9**9 strings if constructed
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    parsed = read(tmp_path, "\n".join(lines) + "\n")  # returning at all is the test
    assert parsed.data is None
    # one message, at the first alias: refused from parser events, before any node exists
    assert [(p.line, p.column, p.message) for p in parsed.problems] == [(2, 8, ALIAS_MESSAGE)]


def test_single_alias_is_refused(tmp_path):
    # even a harmless alias is refused: one value in two places is not a case's shape
    problem = only_problem(read(tmp_path, "a: &x 1\nb: *x\n"))
    assert problem.message == ALIAS_MESSAGE


def test_alias_reported_where_it_is_used(tmp_path):
    problem = only_problem(read(tmp_path, "a: &x 1\nb: *x\n"))
    assert (problem.line, problem.column) == (2, 4)


@pytest.mark.parametrize("content", ["[" * 1000 + "]" * 1000, "{a: " * 1000 + "1" + "}" * 1000])
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path, content):
    parsed = read(tmp_path, content + "\n")
    assert parsed.data is None and parsed.problems


def test_control_character_has_its_line(tmp_path):
    problem = only_problem(read(tmp_path, "id: x\ntitle: a\x07b\n"))
    assert (problem.line, problem.column) == (2, 9)
    assert "\n" not in problem.message and "<unicode string>" not in problem.message


def test_non_utf8_column_counts_characters(tmp_path):
    problem = only_problem(read(tmp_path, "title: 中 caf".encode() + b"\xe9\n"))
    assert (problem.line, problem.column) == (1, 13)


# --- the line map --------------------------------------------------------------------

NESTED = """\
text:
  en:
    status: draft
    title: Hello
sources:
  - id: first
    title: One
  - id: second
    title: Two
themes: [health, migrants]
summary: |
  A block.
"""


@pytest.mark.parametrize("loc, where", [
    # a nested value: the line and column of the value, 1-based
    (("text", "en", "title"), (4, 12)),
    # a mapping value stands where its first key is
    (("text", "en"), (3, 5)),
    # a field of the second list item
    (("sources", 1, "title"), (9, 12)),
    # a list item itself
    (("sources", 1), (8, 5)),
    # an item of a flow list
    (("themes", 1), (10, 18)),
    # a block scalar stands at its indicator
    (("summary",), (11, 10)),
    # a missing field falls back to its nearest existing parent (for "required" errors)
    (("text", "en", "summary"), (3, 5)),
    # nothing at all falls back to the top of the file
    (("nope",), (1, 1)),
])
def test_line_map_where(tmp_path, loc, where):
    parsed = read(tmp_path, NESTED)
    assert parsed.problems == []
    assert parsed.lines.where(loc) == where


@pytest.mark.parametrize("loc, where", [
    # an unknown key is shown at the key, not at its value
    (("text", "en", "title"), (4, 5)),
    (("sources", 1, "title"), (9, 5)),
    # a list item has no key: its own position
    (("themes", 1), (10, 18)),
])
def test_line_map_key_where(tmp_path, loc, where):
    assert read(tmp_path, NESTED).lines.key_where(loc) == where


# --- syntax errors say what to do, in words a contributor knows ------------------------

@pytest.mark.parametrize("content, line, column, message", [
    # the commonest mistake: a colon and a space inside unquoted text
    ("title: Women: a new start\n", 1, 13,
     'put the text in quotes: it contains ": " (a colon and a space), which YAML reads as the '
     "start of a field; e.g. title: \"Hanoi: women's clubs grow\""),
    # ... also deep inside the record
    ("text:\n  en:\n    summary: The union said: more help\n", 3, 28, 'put the text in quotes: it contains ": "'),
    # an unclosed quote is pointed at where it opens, not at the end of the file
    ('id: x\ntitle: "Women\nlevel: city\n', 2, 8,
     "a quote opened here is never closed: add the closing quote at the end of the text"),
    # text after the closing quote (or an apostrophe inside single quotes)
    ('title: "Women" of China\n', 1, 16, "the text goes on after its closing quote: put the whole "
     "text in quotes (write an apostrophe inside single quotes as '', or use double quotes)"),
    ("title: 'it's'\n", 1, 12, "the text goes on after its closing quote"),
    # a field out of line with its neighbours
    ("place:\n  region:\n    en: A\n   zh: B\n", 4, 4, "this line does not line up with the fields "
     "above it: check its indentation (fields of one group start in the same column, with spaces)"),
    # a text continued on an unindented line: pointed at that line
    ("summary: one\ntwo words here\nlevel: city\n", 2, 1, "this line is not `field: value`: if it "
     "continues the text above, indent it under that field (or put the whole text in quotes); "
     "otherwise add the missing ':'"),
    # characters YAML reserves at the start of a value
    ("title: `x`\n", 1, 8, "a value cannot start with '`': put the text in quotes"),
    ("title: @x\n", 1, 8, "a value cannot start with '@': put the text in quotes"),
    ("title: - x\n", 1, 8, 'a value cannot start with "- " on the line of its field: put the text '
     "in quotes, or start the list on the next line"),
    # a backslash in double quotes
    ('title: "a \\q b"\n', 1, 11, "inside double quotes a backslash starts an escape (\\n): write "
     "\\\\ for a backslash, or use single quotes"),
    # text on the line of a block indicator
    ("summary: >- x\n  y\n", 1, 13, "nothing may follow > or | on its line: start the text on the "
     "next line, indented"),
])
def test_syntax_errors_say_what_to_do(tmp_path, content, line, column, message):
    problem = only_problem(read(tmp_path, content))
    assert (problem.line, problem.column) == (line, column)
    assert problem.message.startswith("YAML syntax error: " + message), problem.message
    assert "mapping values" not in problem.message and "scalar" not in problem.message
