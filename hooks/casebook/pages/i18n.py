"""The site's own words (``ui.yaml``) and locale-aware dates and numbers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from .. import LANGUAGES
from ..records.interface import ui_problems
from ..records.problems import CasebookInvalid, display_path

UI_FILE = Path(__file__).with_name("ui.yaml")
FIELDS_FILE = Path(__file__).with_name("field_descriptions.yaml")

_MONTHS_EN = ("January February March April May June July August September October "
              "November December").split()


def check_strings() -> None:
    """Raise CasebookInvalid, naming ``ui.yaml:LINE`` and the key, if an interface string
    breaks the rule of records/interface.py: the build calls this before it writes a page."""
    _strings()


@lru_cache(maxsize=1)
def _strings() -> dict[str, dict[str, str]]:
    # Checked before use: a translation is printed into every page of its language, and a
    # lone brace would stop the build deep inside str.format with a traceback.
    problems = ui_problems(UI_FILE, display_path(UI_FILE, Path.cwd()))
    if problems:
        raise CasebookInvalid(problems, what="interface strings")
    data = yaml.load(UI_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    missing = [f"{lang}.{key}" for lang in LANGUAGES for key in data["en"] if key not in data.get(lang, {})]
    if missing:  # a developer error, caught by the tests before any contributor sees it
        raise KeyError(f"{UI_FILE.name} lacks: {', '.join(missing)}")
    return data


@lru_cache(maxsize=1)
def _field_descriptions() -> dict[str, dict[str, str]]:
    return yaml.load(FIELDS_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def field_description(path: str, english: str, lang: str) -> str:
    """The model's description of the field at ``path`` (``english``) in ``lang``; English
    where a translation is missing (tests/test_render.py says which)."""
    if lang == "en":
        return english
    return _field_descriptions().get(lang, {}).get(path) or english


def t(lang: str, key: str, **values: object) -> str:
    """The UI string ``key`` in ``lang``, with {placeholders} filled in."""
    text = _strings()[lang][key]
    return text.format(**values) if values else text


def ui_keys() -> list[str]:
    """Every interface string's key (those of ``ui.yaml``'s English)."""
    return list(_strings()["en"])


def template(lang: str, key: str) -> str:
    """The UI string ``key`` in ``lang`` with its {placeholders} left for a script to fill."""
    return _strings()[lang][key]


def t_count(lang: str, key: str, count: int, **values: object) -> str:
    """``key`` for ``count`` things: ``key_one`` for one where the language has it ("1 case")."""
    one = f"{key}_one"
    return t(lang, one if count == 1 and one in _strings()[lang] else key, count=count, **values)


def join_list(items, lang: str) -> str:
    """A list in running text: "a, b" (en, vi), "a、b" (zh)."""
    return t(lang, "list_separator").join(items)


def address(parts, lang: str) -> str:
    """A place written from its parts, smallest first (["瑞丽市", "云南省"]), as the
    language writes an address: English and Vietnamese small to large with commas ("Ruili,
    Yunnan Province"), Chinese large to small with nothing between (云南省瑞丽市). A larger
    part that a smaller one already begins with is left out ("Anhui Province (trials in
    ...)" needs no "Anhui Province" after it; in Chinese the first two characters, a
    province's name without its suffix, are enough: 宁夏（……） needs no 宁夏回族自治区)."""
    kept: list[str] = []
    for part in parts:
        stem = part[:2] if lang == "zh" else part
        if part and not any(smaller.startswith(stem) for smaller in kept):
            kept.append(part)
    return "".join(reversed(kept)) if lang == "zh" else ", ".join(kept)


def format_date(value: str, lang: str) -> str:
    """'2018-09' -> 'September 2018' / '2018年9月' / 'tháng 9 năm 2018'."""
    parts = [int(p) for p in value.split("-")]
    year, month, day = (parts + [None, None])[:3]
    if lang == "zh":
        return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
    if lang == "vi":
        if day:
            return f"ngày {day} tháng {month} năm {year}"
        return f"tháng {month} năm {year}" if month else f"năm {year}"
    if day:
        return f"{day} {_MONTHS_EN[month - 1]} {year}"
    return f"{_MONTHS_EN[month - 1]} {year}" if month else str(year)


def format_number(value: float, lang: str) -> str:
    """Digit grouping as each language writes it: 32,565 (en, zh) and 32.565 (vi)."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text
