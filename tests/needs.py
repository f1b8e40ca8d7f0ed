"""What a test needs from the machine, and the one thing a test does without it: fail,
naming the command that installs it. Never a skip: `make setup` (node, npm packages) and
`make browser-deps` (chromium, poppler, gettext, BibTeX, kiwix-tools, zbar-tools) install
everything the suite uses, so a missing tool is a broken set-up, on a laptop as in CI."""

from __future__ import annotations

import pytest


def need(present: object, what: str, how: str) -> None:
    if not present:
        pytest.fail(f"{what} is missing: {how}", pytrace=False)
