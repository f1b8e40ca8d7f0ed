"""Which files are records: regular files inside cases/, never a link or a device.

A symbolic link in a pull request can point anywhere on the machine that builds the
site (the password file, a credential): it is refused before anything is read through
it, and the message names the link only, never what it points to.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# What a record file may be called: anything else that looks like YAML is reported,
# not skipped (a case saved as .YAML or .yml would otherwise silently be left out).
RECORD_SUFFIX = ".yaml"


def looks_like_yaml(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml") and not path.name.startswith(".")


def not_a_regular_file(path: Path, top: Path | None = None) -> str | None:
    """Why ``path`` may not be read as a record (None if it may): it, and every folder
    from it up to ``top`` (itself included), must be real, not a symbolic link."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as err:
        return f"cannot read file: {err.strerror}"
    if stat.S_ISLNK(mode):
        return "is a symbolic link; a record must be a regular file inside cases/ (the link is not followed)"
    if not stat.S_ISREG(mode):
        return "is not a regular file; a record must be a regular file inside cases/"
    if top is not None:
        folder = path.parent
        for _ in range(len(path.parts)):
            if os.path.islink(folder):
                return (f"is inside {folder.name}/, a symbolic link; records must be in the "
                        "project's own cases/ folder (the link is not followed)")
            if folder == top or folder == folder.parent:
                break
            folder = folder.parent
    return None
