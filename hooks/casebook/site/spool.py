"""Built HTML kept on disk, not in memory, until it is read again.

A language's build holds two copies of its pages' HTML for a while: every page's, from
its conversion until MkDocs renders it (MkDocs converts every page before it renders
any), and every case page's until the training pack and the comparison are made from it
after the last page. Compressed in memory they were ~12 KB a case page each: at 10,000
cases ~250 MB per language process, three processes at once. In a temporary file they
cost the operating system's file cache (which it gives back when short of memory), not
the process's memory.
"""

from __future__ import annotations

import tempfile
import zlib


class Spool:
    """An append-only temporary file of compressed texts; ``put`` returns where a text
    is (a ``Spooled``), ``str()`` of it reads the text back. The file is deleted when
    closed (or when the process ends). One process's: never shared across a fork."""

    def __init__(self):
        self._file = None  # opened at the first text: a build that keeps nothing makes no file
        self._end = 0

    def put(self, text: str) -> "Spooled":
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="casebook-spool-")
        data = zlib.compress(text.encode("utf-8"), 1)
        self._file.seek(self._end)
        self._file.write(data)
        spooled = Spooled(self, self._end, len(data))
        self._end += len(data)
        return spooled

    def read(self, offset: int, size: int) -> str:
        self._file.seek(offset)
        return zlib.decompress(self._file.read(size)).decode("utf-8")

    @property
    def size(self) -> int:
        """Bytes written so far (compressed)."""
        return self._end

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._end = 0


class Spooled:
    """One text of a ``Spool``: 56 bytes in memory whatever the text's length."""

    __slots__ = ("spool", "offset", "size")

    def __init__(self, spool: Spool, offset: int, size: int):
        self.spool, self.offset, self.size = spool, offset, size

    def __str__(self) -> str:
        return self.spool.read(self.offset, self.size)
