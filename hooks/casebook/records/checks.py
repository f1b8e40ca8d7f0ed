"""Checks of a record that warn rather than refuse: what is published, but not as the
contributor may expect (read on the raw data, so they need no valid case)."""

from __future__ import annotations

_LANGUAGE_NAMES = {"zh": "Chinese", "vi": "Vietnamese"}


def translation_gaps(data: dict) -> list[tuple[tuple, str]]:
    """A missing Chinese or Vietnamese text, title or summary: published with the English
    one and a notice, so a warning that says so (not an error: a case may be written in
    English first)."""
    texts = data.get("text") if isinstance(data.get("text"), dict) else {}
    if not isinstance(texts.get("en"), dict):
        return []  # the model reports it
    found = []
    for lang, language in _LANGUAGE_NAMES.items():
        own = texts.get(lang)
        if own is None:
            found.append((("text",), f"no {language} text ({lang}): the {language} page shows "
                                     "the English text, with a notice"))
            continue
        if not isinstance(own, dict):
            continue
        for name in ("title", "summary"):
            if not own.get(name):
                found.append((("text", lang), f"no {language} {name} ({lang}.{name}): the {language} "
                                              f"page shows the English {name}, with a notice"))
    return found
