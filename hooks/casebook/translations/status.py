"""What is out of date: per translation, now (fingerprints) and since a git revision.

``since`` compares the records with those of a revision (a pull request's base): a
translation the change made outdated is one whose English changed while it did not, and
whose ``translated_from`` (if any) does not already name the new English. Records without
fingerprints are covered too, since the English is compared with the revision's own.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..records.history import RULE_NONE, RULE_SHALLOW, RecordHistory
from ..records.load import Casebook, load_case
from ..records.model import Case
from ..records.yamlsource import read_record
from .catalog import OTHERS, Message
from .fields import behind_at, case_texts, fingerprint, last_change, recorded, state


@dataclass(frozen=True, order=True)
class Outdated:
    shown: str  # cases/<id>.yaml
    line: int
    path: str  # text.summary
    lang: str
    day: str = ""  # when its English changed (from the history), where known

    def __str__(self) -> str:
        since = f" (its English changed on {self.day})" if self.day else ""
        return f"{self.shown}:{self.line}: {self.path}: the {self.lang} translation is outdated{since}"


def _line(root: Path, case: Case, loc: tuple) -> int:
    return read_record(root / "cases" / f"{case.id}.yaml").lines.where(loc)[0]


def outdated_now(root: Path, book: Casebook) -> list[Outdated]:
    """Every translation made from an English that has changed since (by fingerprint, else
    by the history: translations/fields.py)."""
    found = []
    for case in book.sorted_cases():
        changes = book.history.of_case(case.id)
        for text in case_texts(case):
            for lang in OTHERS:
                if state(case, text, lang, changes) == "outdated":
                    change = last_change(changes, text.en_loc)
                    found.append(Outdated(f"cases/{case.id}.yaml", _line(root, case, text.loc(lang)),
                                          text.path, lang, change.day if change and change.commit else ""))
    return found


def outdated_shared(messages: list[Message]) -> list[Outdated]:
    """The outdated translations of the texts that are not a case's (vocabularies, glossary,
    interface strings, field descriptions), at the translation's line."""
    found = []
    lines = {}
    for message in messages:
        for lang in sorted(message.outdated, key=OTHERS.index):
            if message.path not in lines:
                lines[message.path] = read_record(message.path).lines
            change = behind_at(message.en_loc, message.locs[lang], message.changes)
            found.append(Outdated(message.shown, lines[message.path].where(message.locs[lang])[0],
                                  message.context, lang, change.day if change and change.commit else ""))
    return found


def rule_said(history: RecordHistory) -> str:
    """Which rule told what is outdated (said by ``translate status`` and the build)."""
    if history.rule == RULE_NONE:
        return ("no git history here (an archive, or not a clone): outdated only where a translation "
                "records the English it was made from (translated_from)")
    shallow = f" of a shallow clone ({history.commits} commits: fetch the full history to see more)" \
        if history.rule == RULE_SHALLOW else f" ({history.commits} commits)"
    return f"outdated by translated_from where a translation records it, else by the git history{shallow}"


def _case_at(root: Path, revision: str, case: Case, book: Casebook) -> Optional[Case]:
    """The record as it was at ``revision`` (None if it did not exist or was invalid)."""
    shown = f"cases/{case.id}.yaml"
    done = subprocess.run(["git", "show", f"{revision}:{shown}"], cwd=root, capture_output=True)
    if done.returncode != 0:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{case.id}.yaml"
        path.write_bytes(done.stdout)
        old, _ = load_case(path, book.vocabulary, Path(shown))
    return old


def check_revision(root: Path, revision: str) -> Optional[str]:
    done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
                          cwd=root, capture_output=True, text=True)
    return None if done.returncode == 0 else f"unknown git revision {revision!r}"


def outdated_since(root: Path, book: Casebook, revision: str) -> list[Outdated]:
    """The translations that the changes since ``revision`` made outdated."""
    found = []
    for case in book.sorted_cases():
        old = _case_at(root, revision, case, book)
        if old is None:
            continue
        before = {text.path: text for text in case_texts(old)}
        for text in case_texts(case):
            was = before.get(text.path)
            if was is None or fingerprint(was.english) == fingerprint(text.english):
                continue
            for lang in OTHERS:
                translation = text.translations.get(lang)
                if not translation or translation != was.translations.get(lang):
                    continue  # missing, or translated again in the same change
                if recorded(case, lang).get(text.path) == fingerprint(text.english):
                    continue  # marked as made from the new English (casebook translate reviewed)
                found.append(Outdated(f"cases/{case.id}.yaml", _line(root, case, text.loc(lang)),
                                      text.path, lang))
    return sorted(found)
