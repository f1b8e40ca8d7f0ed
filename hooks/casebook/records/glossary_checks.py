"""What `casebook validate` warns of in the glossary, given the cases: a term no case of
its countries uses, a source no case cites (both in ``glossary.py``), and a definition that
names the place of a case (here).

A definition shows in a pop-up on every case of its countries: one that tells what one
case did there ("In Binh Duong it carried out Directive No. 21") reads, on a Hoa Binh case,
as if it were about Hoa Binh. A definition says what the term means; the cases say what was
done where.

The places are read from the cases' own ``place`` (region and locality, in each language),
cut into names: in English and Vietnamese the runs of capitalised words once the words of
administration are dropped ("Tan Hoa Thanh commune, Tan Phuoc district" gives "Tan Hoa
Thanh", "Tan Phuoc"); in Chinese what stands before an administrative suffix ("佛山市南海区"
gives 佛山, 南海). Country names and nationwide cases are left out (a definition may well
say "in China"). A name is found in a definition as a whole word (in Chinese anywhere).
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import LANGUAGES
from .glossary import Glossary, uncited_sources, unused_spellings
from .problems import Problem, display_path
from .yamlsource import read_record

# words of administration, which name no place by themselves (English and Vietnamese)
ADMINISTRATIVE = frozenset("""
    Province Provinces District County Commune Village Town City Community Banner Autonomous
    Region Prefecture Municipality Hui Tujia Miao Province-wide Nationwide
    Toàn Tỉnh Huyện Xã Thôn Bản Làng Quận Phường Khu Kỳ
""".split())
CAPITALISED = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# what a Chinese place name ends with; the name is what stands before it
ZH_SUFFIX = re.compile(r"([^省市县区乡镇村旗、，,（）()及和以在的]{2,}?)(?:自治区|自治州|社区|省|市|县|区|乡|镇|村|旗)")
PARTS = re.compile(r"[,，、;()（）]|\b(?:and|with|near|và|gần)\b")


def place_names(case, lang: str, countries: set[str]) -> set[str]:
    """The names of the places of ``case`` in ``lang`` (none for a nationwide case)."""
    if case.coordinates is None:  # nationwide: "China (nationwide)" names no place of its own
        return set()
    names = set()
    for text in (case.place.region.get(lang), case.place.locality.get(lang)):
        if not text:
            continue
        if lang == "zh":
            names |= {m.group(1) for m in ZH_SUFFIX.finditer(text)}
            continue
        run: list[str] = []
        words = [w for part in PARTS.split(text) if part for w in CAPITALISED.findall(part) + [""]]
        for word in words:  # "" ends a part's run
            if word and word[0].isupper() and word.title() not in ADMINISTRATIVE and word not in ADMINISTRATIVE:
                run.append(word)
            else:
                if run:
                    names.add(" ".join(run))
                run = []
    return {n for n in names if n not in countries and len(n) >= 2}


def _found(name: str, text: str, lang: str) -> bool:
    if lang == "zh":
        return name in text
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def definitions_naming_places(glossary: Glossary, cases, countries: dict[str, dict[str, str]],
                              path: Path, shown_root: Path | None = None) -> list[Problem]:
    """A warning for each definition and language that names a place where a case took
    place (with the case's id): a definition says what a term means, not what one case did."""
    shown = display_path(path, shown_root)
    parsed = read_record(path, shown)
    found = []
    for lang in LANGUAGES:
        country_names = {names.get(lang, "") for names in countries.values()}
        places = {}
        for case in cases:
            for name in place_names(case, lang, country_names):
                places.setdefault(name, case.id)
        for entry in glossary:
            text = " ".join(entry.definition.get(lang, "").split())
            named = sorted(name for name in places if _found(name, text, lang))
            if named:
                line, col = parsed.lines.where((entry.key, "definition", lang))
                found.append(Problem(shown, line, col, f"{entry.key}.definition.{lang}",
                                     f"names {named[0]!r}, the place of case {places[named[0]]}: a definition "
                                     "shows on every case of its countries, so say what the term means, "
                                     "not what one case did", warning=True))
    return found


def glossary_warnings(glossary: Glossary, cases, countries: dict[str, dict[str, str]], path: Path,
                      shown_root: Path | None = None) -> list[Problem]:
    """Every warning of the glossary at ``path`` about the casebook's ``cases``."""
    return [*unused_spellings(glossary, cases, path, shown_root), *uncited_sources(glossary, cases, path, shown_root),
            *definitions_naming_places(glossary, cases, countries, path, shown_root)]
