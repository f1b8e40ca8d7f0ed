"""A small real build whose data looks like code to the site's scripts and to the
tooltips: a case and a theme and level named ``constructor`` (valid keys and ids), a
theme label holding String.replace's patterns (``$&``, ``$'``, ``$```, ``$1``), a case
title that starts a spreadsheet formula, and glossary terms spelled like HTML's entities,
attributes and tags (``lt``, ``amp``, ``#39``, ``class``, ...). Two cases, not 41: it is
built once per session (conftest.py ``code_named_site``)."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import ROOT, casebook_build, copy_project

LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
SEED = ROOT / "cases" / "wanzhou-grassroots-federation-reform.yaml"
CODE_ID = "constructor"   # a case id, a theme key and a level key at once
PLAIN_ID = "plain-neighbour-case"
FORMULA = '=HYPERLINK("https://evil.example/","click")'
# What String.replace reads in a replacement: the match, what follows, what precedes, a group.
DOLLARS = "Builders $& $' $` $1 $$ {count}"
THEME_LABEL = {lang: f"{DOLLARS} {lang}" for lang in LANGS}
LEVEL_LABEL = {"en": "Constructor level", "zh": "构造级", "vi": "Cấp dựng"}
# Glossary terms spelled like what an HTML page is made of: {entry key: spelling}.
HTML_TERMS = {"lt": "lt", "gt": "gt", "amp": "amp", "quot": "quot", "nbsp": "nbsp", "num-39": "#39",
              "x27": "x27", "class": "class", "href": "href", "span": "span", "strong": "strong"}
# Text with every entity the serialiser writes, and each term also once as a plain word.
NARRATIVE = ("Quotas of 3 < 5 & 7 > 2, \"quoted\" and 'single' words; Hội&nbsp;Phụ&nbsp;nữ.\n\n"
             "A <span>span</span> and **strong** text, [a link](https://example.org/?lt=1&amp=2#x27).\n\n"
             "Plain words: lt gt amp quot nbsp #39 x27 class href span strong.\n")


def _write(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _record(case_id: str, title: dict[str, str], level: str, themes: list[str]) -> dict:
    record = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    record.update(id=case_id, level=level, themes=themes)
    for lang, text in record["text"].items():
        text["title"] = title[lang]
        text["background"] = NARRATIVE if lang != "vi" else "Tiếng Việt. " + NARRATIVE
    return record


def build_code_named_site(tmp: Path) -> Path:
    project = copy_project(tmp / "project", with_cases=False)
    vocabulary = project / "cases" / "vocabulary"
    for name, label in (("themes.yaml", THEME_LABEL), ("levels.yaml", LEVEL_LABEL)):
        data = yaml.safe_load((vocabulary / name).read_text(encoding="utf-8"))
        data[CODE_ID] = dict(label)
        _write(vocabulary / name, data)
    glossary = yaml.safe_load((vocabulary / "glossary.yaml").read_text(encoding="utf-8"))
    for key, spelling in HTML_TERMS.items():
        glossary[key] = {"term": {lang: spelling for lang in LANGS},
                         "definition": {lang: f"The term {key} ({lang})." for lang in LANGS},
                         "source": "general"}
    _write(vocabulary / "glossary.yaml", glossary)
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    code_title = {lang: FORMULA for lang in LANGS}
    plain_title = {lang: text["title"] for lang, text in seed["text"].items()}
    _write(project / "cases" / f"{CODE_ID}.yaml", _record(CODE_ID, code_title, CODE_ID, [CODE_ID, seed["themes"][0]]))
    _write(project / "cases" / f"{PLAIN_ID}.yaml", _record(PLAIN_ID, plain_title, seed["level"], seed["themes"]))
    result = casebook_build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"
