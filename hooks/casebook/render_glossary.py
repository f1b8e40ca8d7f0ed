"""Render the glossary page in one language: every term, in alphabetical order, with its
definition and its names in the other two languages."""

from __future__ import annotations

import html

from . import LANGUAGES
from .glossary import Glossary
from .render_case import esc, front_matter

# The page's own words (to move into ui.yaml, where the other pages' words live).
GLOSSARY_WORDS = {
    "en": {
        "glossary_title": "Glossary",
        "glossary_intro": "Terms that recur in the cases, with their names in English, Chinese and "
                          "Vietnamese. On case pages, pointing at one of these terms shows its definition.",
        "glossary_also": "Also written",
        "glossary_list": "Terms",
    },
    "zh": {
        "glossary_title": "术语表",
        "glossary_intro": "案例中反复出现的术语，附有英文、中文和越南文名称。在案例页面上，将指针移到这些术语上即可看到释义。",
        "glossary_also": "其他写法",
        "glossary_list": "术语",
    },
    "vi": {
        "glossary_title": "Thuật ngữ",
        "glossary_intro": "Các thuật ngữ thường gặp trong các trường hợp, kèm tên gọi bằng tiếng Anh, tiếng "
                          "Trung và tiếng Việt. Trên trang của từng trường hợp, trỏ vào một thuật ngữ sẽ thấy "
                          "phần giải thích.",
        "glossary_also": "Cách viết khác",
        "glossary_list": "Danh sách thuật ngữ",
    },
}


def _word(lang: str, key: str) -> str:
    return GLOSSARY_WORDS[lang][key]


def render_glossary(glossary: Glossary, lang: str) -> str:
    title = _word(lang, "glossary_title")
    # Escaped: themes print front matter into HTML without escaping (as in render_case).
    meta = {"title": html.escape(title), "casebook": {"kind": "glossary", "lang": lang}}
    others = [other for other in LANGUAGES if other != lang]
    separator = "、" if lang == "zh" else ", "
    items = []
    for entry in glossary.sorted(lang):
        names = " · ".join(f'<span lang="{other}">{esc(entry.term[other])}</span>' for other in others)
        also = [spelling for spelling in entry.also.get(lang, ()) if spelling != entry.term[lang]]
        also_html = ""
        if also:
            colon = "：" if lang == "zh" else ": "
            also_html = (f'\n<p class="cb-glossary__also">{esc(_word(lang, "glossary_also"))}{colon}'
                         + separator.join(esc(spelling) for spelling in also) + "</p>")
        items.append(f'<dt id="{esc(entry.key)}">{esc(entry.term[lang])} '
                     f'<small class="cb-glossary__other">{names}</small></dt>\n'
                     f'<dd>\n<p>{esc(entry.definition[lang])}</p>{also_html}\n</dd>')
    body = "\n".join(items)
    return "\n".join([
        front_matter(meta),
        f"# {esc(title)}\n",
        f"{esc(_word(lang, 'glossary_intro'))}\n",
        f'<dl class="cb-glossary" aria-label="{esc(_word(lang, "glossary_list"))}">\n{body}\n</dl>\n',
    ])
