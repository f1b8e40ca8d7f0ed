"""What a translation of an interface string (``pages/ui.yaml``) may hold.

Interface strings are printed into every page of their language: in headings, in
attributes (the permalink's title every heading repeats), through ``str.format``. A
translation is therefore text with the same working parts as its English and nothing
else: the same ``{placeholders}`` (names, counts, conversions and format specs), the same
Markdown link targets and code spans, no HTML tag, comment or character entity, no
control character, and a length within reach of the English's. Plain quotes stay
allowed (the Vietnamese licence text uses them): the pages escape them.

One rule, used where a translation can enter: ``casebook translate import`` (each PO
message), ``casebook validate`` and the build (every string of ``ui.yaml``). It lives in
``records/`` because ``pages/`` and ``translations/`` both read it.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from pathlib import Path

from .. import LANGUAGES
from .problems import Problem
from .text import character_problem
from .yamlsource import read_record

# `<` opening a tag (`<img`, `</a>`), a comment or declaration (`<!--`, `<!DOCTYPE`) or a
# processing instruction (`<?`); a `<` before a space or digit stays text ("< 5 %").
HTML_MARKUP = re.compile(r"<[A-Za-z/!?]")
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
LINK_TARGET = re.compile(r"\]\(([^()\s]*)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def length_cap(english: str) -> int:
    """Room for any language's wording (Vietnamese runs ~1.5 times the English), not for
    a megabyte repeated in every heading."""
    return max(4 * len(english), len(english) + 300)


def _fields(text: str) -> tuple[Counter, str | None]:
    """The placeholders of ``text`` as written (``{count}``, ``{value:,}``) and whether it
    holds ``{{``/``}}``; or the reason str.format would refuse it (a lone brace)."""
    found: Counter = Counter()
    try:
        for literal, name, spec, conversion in string.Formatter().parse(text):
            if name is not None:
                found["{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"] += 1
    except ValueError:
        return found, "a lone { or } (the site fills in {placeholders}; a brace of its own stops every build)"
    if "{{" in text or "}}" in text:
        found["{{ or }}"] += 1
    return found, None


def _outside_code(text: str) -> str:
    return CODE_SPAN.sub(" ", text)


def interface_string_problems(english: str, translated: str, other_form: str | None = None) -> list[str]:
    """What is wrong with ``translated`` as the translation of the interface string
    ``english``: one message per rule broken, [] when it may be used. ``other_form``: the
    English of the plural form where ``english`` is the singular (``case_count`` for
    ``case_count_one``): the site fills in its placeholders too, so a language that
    writes "{count} case" for one may use them."""
    problems = []
    if len(translated) > length_cap(english):
        return [f"the translation is {len(translated):,} characters long; the English is {len(english):,}, "
                f"so it may be at most {length_cap(english):,}"]
    theirs, broken = _fields(translated)
    ours, _ = _fields(english)
    spare = _fields(other_form)[0] if other_form is not None else Counter()
    if broken:
        problems.append(broken)
    else:
        for name in sorted(set(ours) | set(theirs)):
            if name == "{{ or }}" and theirs[name] != ours[name]:
                problems.append("a doubled brace {{ or }} the English does not have; write no braces "
                                "but the English's placeholders")
            elif not theirs[name]:
                problems.append(f"the placeholder {name} is missing from the translation")
            elif not ours[name] and theirs[name] <= spare[name]:
                continue
            elif not ours[name]:
                problems.append(f"{name} is not a placeholder of the English; keep its placeholders as they are")
            elif theirs[name] != ours[name]:
                problems.append(f"{name} appears {theirs[name]} times; the English has it {ours[name]} time(s)")
    if sorted(LINK_TARGET.findall(translated)) != sorted(LINK_TARGET.findall(english)):
        wanted = ", ".join(LINK_TARGET.findall(english)) or "none"
        problems.append(f"the Markdown link targets ](...) must be the English's ({wanted}); translate "
                        "the link text only")
    code = Counter(span for _, span in CODE_SPAN.findall(translated))
    if code != Counter(span for _, span in CODE_SPAN.findall(english)) or \
            _outside_code(translated).count("`") != _outside_code(english).count("`"):
        problems.append("the code spans `...` must be the English's, character for character")
    outside = _outside_code(translated)
    markup = HTML_MARKUP.search(outside)
    if markup:
        problems.append(f"HTML is not allowed in an interface string ({markup.group()!r}...): it is text; "
                        "write '<' only before a space or a digit")
    entity = ENTITY.search(outside)
    if entity:
        problems.append(f"an HTML entity ({entity.group()}) is not allowed: write the character itself")
    control = next((ch for ch in translated if unicodedata.category(ch) == "Cc" and ch not in english), None)
    if control is not None:
        problems.append(f"control character U+{ord(control):04X} is not allowed: an interface string is one "
                        "line of text")
    else:
        other = character_problem(translated)
        if other and other.startswith(("control", "bidirectional")):
            problems.append(other)
    return problems


def other_form(english: dict, key: str) -> str | None:
    """The English plural form of a singular key (pages.i18n.t_count's ``<key>_one``)."""
    plural = english.get(key.removesuffix("_one")) if key.endswith("_one") else None
    return plural if isinstance(plural, str) else None


def ui_problems(path: Path, shown: Path) -> list[Problem]:
    """Every interface string of ``ui.yaml`` (all languages, the English too) checked
    against its English, at its line: for `casebook validate` and the build."""
    parsed = read_record(path, shown)
    if parsed.problems:
        return parsed.problems
    data = parsed.data if isinstance(parsed.data, dict) else {}
    english = data.get("en") if isinstance(data.get("en"), dict) else {}
    problems = []
    for lang in LANGUAGES:
        strings = data.get(lang)
        if not isinstance(strings, dict):
            line, col = parsed.lines.where((lang,))
            problems.append(Problem(shown, line, col, lang, "expected the interface strings of this language"))
            continue
        for key, value in strings.items():
            line, col = parsed.lines.where((lang, key))
            if not isinstance(value, str) or not isinstance(english.get(key), str):
                problems.append(Problem(shown, line, col, f"{lang}.{key}",
                                        "expected text" if isinstance(english.get(key), str)
                                        else "not an interface string of the English (en)"))
                continue
            problems += [Problem(shown, line, col, f"{lang}.{key}", message)
                         for message in interface_string_problems(english[key], value, other_form(english, key))]
    return problems
