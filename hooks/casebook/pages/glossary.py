"""Render the glossary page in one language: every term, in alphabetical order, with its
definition and its names in the other two languages."""

from __future__ import annotations


from .. import LANGUAGES
from ..records.glossary import Glossary
from .i18n import t
from .markup import esc, front_matter

def _word(lang: str, key: str) -> str:
    return t(lang, key)


def render_glossary(glossary: Glossary, lang: str) -> str:
    title = _word(lang, "glossary_title")
    meta = {"title": title, "casebook": {"kind": "glossary", "lang": lang}}
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
