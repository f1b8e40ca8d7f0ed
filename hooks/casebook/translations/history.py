"""The English an outdated translation was made from, found in the repository's history.

A translation records the fingerprint of its English, or nothing: then the English it was
made from is the one of the last commit that changed the translation. Git has the text. Shown
in the PO file as the message's previous msgid (``#| msgid``), which Poedit and Weblate
show as a difference against the English of today: the translator sees what changed.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from ..records.history import Change, read_blobs
from ..records.yamlsource import read_record
from .fields import fingerprint, last_change

MAX_VERSIONS = 50  # of one record, newest first: enough for any translation still in use


class History:
    """Earlier versions of the records, read from git once each (nothing without git)."""

    def __init__(self, root: Path):
        self.root = root
        self._versions: dict[str, list[object]] = {}
        self._blobs: dict[str, object] = {}

    def _record_versions(self, shown: str) -> list[object]:
        if shown not in self._versions:
            self._versions[shown] = list(self._read(shown))
        return self._versions[shown]

    def _read(self, shown: str):
        try:
            log = subprocess.run(["git", "log", f"-{MAX_VERSIONS}", "--format=%H", "--", shown],
                                 cwd=self.root, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return
        if log.returncode != 0:
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / Path(shown).name
            for commit in log.stdout.split():
                shown_file = subprocess.run(["git", "show", f"{commit}:{shown}"], cwd=self.root,
                                            capture_output=True, timeout=60)
                if shown_file.returncode != 0:
                    continue
                path.write_bytes(shown_file.stdout)
                data = read_record(path).data
                if data is not None:
                    yield data

    def _blob_data(self, blob: str) -> object:
        if blob not in self._blobs:
            raw = read_blobs(self.root, [blob]).get(blob)
            self._blobs[blob] = None
            if raw is not None:
                with tempfile.TemporaryDirectory() as tmp:  # read as safely as the records
                    path = Path(tmp) / "version.yaml"
                    path.write_bytes(raw)
                    self._blobs[blob] = read_record(path).data
        return self._blobs[blob]

    def english_before(self, changes: tuple[Change, ...], en_loc: tuple, loc: tuple) -> Optional[str]:
        """The English at ``en_loc`` when the translation at ``loc`` last changed (its
        record's ``changes``, newest first), if git has that version."""
        change = last_change(changes, loc)
        if change is None or not change.blob:
            return None
        value = _at(self._blob_data(change.blob), en_loc)
        return value.strip() if isinstance(value, str) else None

    def english(self, shown: str, loc: tuple, made_from: str) -> Optional[str]:
        """The English at ``loc`` of ``shown`` whose fingerprint is ``made_from``, if any
        version that git has of the record holds it."""
        for data in self._record_versions(shown):
            value = _at(data, loc)
            if isinstance(value, str) and fingerprint(value) == made_from:
                return value.strip()
        return None


def _at(data: object, loc: tuple) -> object:
    value = data
    for part in loc:
        try:
            value = value[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return value
