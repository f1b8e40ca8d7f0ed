"""The shortcuts that make reading the records faster refuse exactly what the rules refuse
(#29: the characters' categories and the brackets, walked one by one, were a third of
reading 1,000 records)."""

from __future__ import annotations

import unicodedata

import pytest

from casebook.records.narrative import MAX_NESTING, narrative_problem
from casebook.records.text import _REFUSED, BIDI_CONTROLS, character_problem


def test_every_character_the_rule_refuses_is_refused_and_no_other():
    refused = {ch for ch in map(chr, range(0x110000))
               if ch not in "\n\t" and (unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029"
                                        or ch in BIDI_CONTROLS)}
    assert len(refused) == 74
    # the search that finds them first (every code point), then the message for each
    assert {ch for ch in map(chr, range(0x110000)) if _REFUSED.match(ch)} == refused
    assert all(character_problem(f"a{ch}b") for ch in refused)
    assert not any(character_problem(f"a{ch}b") for ch in "\n\t\u200b\u00a0é妇ệ\U0001f600")


@pytest.mark.parametrize("text, message", [
    ("a\u202eb\x1bc", "bidirectional control character U+202E"),  # the first one found is named
    ("a\x1bb\u202ec", "control character U+001B"),
    ("line\nand\ttab", None),
])
def test_the_first_refused_character_is_named(text, message):
    found = character_problem(text)
    assert (found is None) if message is None else found.startswith(message)


@pytest.mark.parametrize("depth", [MAX_NESTING, MAX_NESTING + 1])
def test_brackets_and_quotes_nested_one_too_deep_are_found(depth):
    brackets = "[" * depth + "x" + "]" * depth
    quotes = ">" * depth + " x"
    for text in (brackets, "a \\[ " + brackets, quotes):
        found = narrative_problem(text)
        assert (found is not None) == (depth > MAX_NESTING), text
    # escaped brackets do not count, however many
    assert narrative_problem("\\[" * (MAX_NESTING + 3) + "x") is None
