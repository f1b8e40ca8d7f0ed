"""Warnings of ``casebook validate`` about translations (not errors: the site builds):

- an outdated translation: made from an English text that has changed since;
- the same for the texts that are not a case's: vocabulary labels, country names, glossary
  entries, interface strings (``ui.yaml``) and field descriptions;
- a term rendered otherwise than the glossary says: a spelling listed under the entry's
  ``avoid`` in ``cases/vocabulary/glossary.yaml``.

Each is a :class:`~casebook.problems.Problem` whose message starts with ``warning:``, at the
line of the translated text (of the avoided words, inside a long text).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..records.glossary import Glossary, spelling_pattern
from ..records.history import RecordHistory
from ..records.model import Case
from ..records.problems import Problem, display_path, field_name
from ..records.yamlsource import LineMap, read_record
from .catalog import OTHERS, Message
from .fields import behind, behind_at, case_texts, state


def translation_warnings(cases: list[tuple[Case, Path, Path]], glossary: Glossary,
                         history: RecordHistory = RecordHistory()) -> list[Problem]:
    """Warnings for ``cases``: (case, its file, the file as shown) triples; ``history``
    tells what is outdated where a translation records no fingerprint."""
    found: list[Problem] = []
    for case, path, shown in cases:
        lines = read_record(path).lines
        changes = history.of_case(case.id)
        for text in case_texts(case):
            for lang in OTHERS:
                translation = text.translations.get(lang)
                if not translation:
                    continue
                loc = text.loc(lang)
                if state(case, text, lang, changes) == "outdated":
                    line, col = lines.where(loc)
                    change = behind(text, lang, changes)
                    since = f" (the English changed on {change.day}, after it)" if change and change.commit else ""
                    found.append(Problem(shown, line, col, field_name(loc),
                                         f"warning: outdated: made from an earlier English text{since}; update "
                                         f"the translation, then run: casebook translate reviewed {case.id} "
                                         f"--lang {lang} --draft"))
                found += _terminology(translation, lang, loc, lines, shown, glossary)
    return sorted(found)


def shared_warnings(messages: list[Message], shown_root: Path) -> list[Problem]:
    """An outdated-translation warning for each outdated translation of ``messages`` (the
    catalog's texts that are not a case's), at the translation's line."""
    found = []
    for message in messages:
        if not message.outdated:
            continue
        lines = read_record(message.path).lines
        for lang in sorted(message.outdated, key=OTHERS.index):
            loc = message.locs[lang]
            line, col = lines.where(loc)
            change = behind_at(message.en_loc, loc, message.changes)
            since = f" (the English changed on {change.day}, after it)" if change and change.commit else ""
            english = " (its English: the field's description in records/model.py)" \
                if message.en_loc[:1] == ("model",) else ""
            found.append(Problem(display_path(message.path, shown_root), line, col, field_name(loc),
                                 f"warning: outdated: made from an earlier English text{since}; update the "
                                 f"translation{english}: casebook translate export marks it fuzzy, with "
                                 "the earlier English"))
    return sorted(found)


def _terminology(translation: str, lang: str, loc: tuple, lines: LineMap, shown: Path,
                 glossary: Glossary) -> list[Problem]:
    flat = " ".join(translation.split())  # a term may run across a line break
    found = []
    for entry in glossary:
        for spelling in entry.avoid.get(lang, ()):
            # The glossary's own rule: Chinese has no spaces, so a spelling is found inside a
            # sentence; elsewhere only as a whole word.
            if re.search(spelling_pattern(spelling, lang), flat):
                line, col = _line_of(spelling, loc, lines)
                found.append(Problem(shown, line, col, field_name(loc),
                                     f"warning: '{spelling}' renders the glossary term '{entry.term['en']}' "
                                     f"differently; write '{entry.term[lang]}' "
                                     "(cases/vocabulary/glossary.yaml)"))
    return found


def _line_of(spelling: str, loc: tuple, lines: LineMap) -> tuple[int, int]:
    """The line and column in the file where ``spelling`` starts within the value at ``loc``
    (the value's own position when it cannot be told)."""
    start, col = lines.where(loc)
    later = [line for line, _ in lines.marks.values() if line > start]
    end = min(later) if later else len(lines.source_lines) + 1
    words = spelling.split()
    for number in range(start, end):
        text = lines.source_lines[number - 1]
        # the spelling, or its first words up to the end of this line (continued below)
        for size in range(len(words), 0, -1):
            head = " ".join(words[:size])
            at = text.find(head)
            if at >= 0 and (size == len(words) or text.rstrip().endswith(head)):
                return number, at + 1
    return start, col
