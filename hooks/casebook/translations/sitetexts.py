"""The site's own texts that translators translate, and their history: the interface
strings (``pages/ui.yaml``, the English beside its translations) and the field reference's
descriptions (``pages/field_descriptions.yaml``, whose English is the case model's, in
``records/model.py``).

Their history is read as the records' is (``records/history.py``): one ``git log`` of the
three files, one ``git cat-file --batch`` of their versions. A translation is behind when a
commit changed its English after the last commit that changed it; for a field description
the two stand in two files, so their changes are merged in the log's order (in a commit
that changed both, the translation counts as made anew).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..records.descriptions import changed_descriptions, model_descriptions
from ..records.history import Change, RecordHistory, read_blobs, read_history
from .fields import last_change

FIELDS_NAME = "field_descriptions.yaml"


def site_files(root: Path, ui: Path) -> tuple[str, str, str]:
    """ui.yaml, field_descriptions.yaml and model.py, as paths from ``root`` (as git names them)."""
    model = ui.parent.parent / "records" / "model.py"
    return tuple(path.relative_to(root).as_posix() for path in (ui, ui.with_name(FIELDS_NAME), model))


def read_site_history(root: Path, ui: Path) -> RecordHistory:
    """The history of the three files (nothing without git)."""
    names = site_files(root, ui)
    present = tuple(name for name in names if (root / name).is_file())
    if not present:
        return RecordHistory()
    return read_history(root, present, {names[2]: (model_descriptions, changed_descriptions)})


def merged(history: RecordHistory, translated: str, english: str) -> tuple[Change, ...]:
    """The changes of two files, newest first, in the log's order (the translations' first
    within a commit); the change not committed yet counts as the newest."""
    position = {commit: index for index, commit in enumerate(history.order)}

    def when(change: Change) -> int:
        return -1 if not change.commit else position.get(change.commit, len(position))

    return tuple(sorted(history.of_file(translated) + history.of_file(english), key=when))


class ModelVersions:
    """The English field descriptions of earlier versions of model.py, read once each."""

    def __init__(self, root: Path, history: RecordHistory, model_name: str):
        self.root, self.history, self.model_name = root, history, model_name
        self._read: dict[str, Optional[dict]] = {}

    def english_then(self, changes: tuple[Change, ...], en_loc: tuple, loc: tuple) -> Optional[str]:
        """The English at ``en_loc`` when the translation at ``loc`` last changed (the
        newest version of model.py at or before that commit), if git has it."""
        made = last_change(changes, loc)
        if made is None or not made.commit:
            return None
        position = {commit: index for index, commit in enumerate(self.history.order)}
        at = position.get(made.commit)
        if at is None:
            return None
        for change in self.history.of_file(self.model_name):  # newest first
            if change.commit and position.get(change.commit, -1) >= at:
                if change.blob not in self._read:
                    raw = read_blobs(self.root, [change.blob]).get(change.blob)
                    self._read[change.blob] = model_descriptions(raw) if raw is not None else None
                return (self._read[change.blob] or {}).get(en_loc)
        return None
