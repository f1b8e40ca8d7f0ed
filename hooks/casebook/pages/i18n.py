"""The site's own words (``ui.yaml``) and locale-aware dates and numbers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from .. import LANGUAGES

UI_FILE = Path(__file__).with_name("ui.yaml")

_MONTHS_EN = ("January February March April May June July August September October "
              "November December").split()


@lru_cache(maxsize=1)
def _strings() -> dict[str, dict[str, str]]:
    data = yaml.load(UI_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    missing = [f"{lang}.{key}" for lang in LANGUAGES for key in data["en"] if key not in data.get(lang, {})]
    if missing:  # a developer error, caught by the tests before any contributor sees it
        raise KeyError(f"{UI_FILE.name} lacks: {', '.join(missing)}")
    return data


def t(lang: str, key: str, **values: object) -> str:
    """The UI string ``key`` in ``lang``, with {placeholders} filled in."""
    text = _strings()[lang][key]
    return text.format(**values) if values else text


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
