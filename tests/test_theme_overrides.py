"""The casebook changes Material only through its documented doors: blocks of main.html and
partials copied into hooks/casebook/engine/theme/ (theme.custom_dir). Each copy is held
against the installed Material's own, less the one change its comment states, so a new
Material that changes a block we copied fails here, naming it, before a site is built."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
OURS = ROOT / "hooks" / "casebook" / "engine" / "theme"
THEIRS = Path(material.__file__).parent / "templates"


def block(template: str, name: str) -> str:
    found = re.search(r"{%\s*block " + name + r"\s*%}(.*?){%\s*endblock\s*%}", template, re.S)
    assert found, f"no block {name}"
    return found.group(1)


def lines(text: str) -> list[str]:
    """The template's lines without indentation, comments and blank lines (the page's
    indentation is dropped anyway: casebook/site/whitespace.py)."""
    text = re.sub(r"{#.*?#}", "", text, flags=re.S)
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_the_theme_folder_is_materials_custom_dir():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert (ROOT / config["theme"]["custom_dir"]).resolve() == OURS


def test_site_meta_is_materials_without_the_translations_alternate_links():
    theirs = block((THEIRS / "base.html").read_text(encoding="utf-8"), "site_meta")
    without = re.sub(r"{% if config\.extra\.alternate is iterable %}.*?{% endif %}", "", theirs, count=1, flags=re.S)
    assert without != theirs, "Material's site_meta no longer lists the alternate links"
    assert lines(block((OURS / "main.html").read_text(encoding="utf-8"), "site_meta")) == lines(without)


def test_config_is_materials_with_our_search_worker():
    theirs = block((THEIRS / "base.html").read_text(encoding="utf-8"), "config")
    ours_worker = re.sub(r'"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"', '"assets/casebook-search.js"',
                         theirs, count=1)
    assert ours_worker != theirs, "Material's config block no longer names its search worker"
    assert lines(block((OURS / "main.html").read_text(encoding="utf-8"), "config")) == lines(ours_worker)
    assert (ROOT / "docs" / "assets" / "casebook-search.js").is_file()


@pytest.mark.parametrize("partial, change", [
    ("partials/languages/vi.html",
     ('"search.result.initializer": "Initializing search"', '"search.result.initializer": "Đang khởi tạo tìm kiếm"')),
    ("partials/search.html",
     ('<div class="md-search" data-md-component="search" role="dialog">',
      '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search.placeholder\') }}">')),
])
def test_each_copied_partial_is_materials_with_its_one_change(partial, change):
    theirs = (THEIRS / partial).read_text(encoding="utf-8")
    assert change[0] in theirs, f"Material's {partial} changed"
    assert lines((OURS / partial).read_text(encoding="utf-8")) == lines(theirs.replace(change[0], change[1], 1))


def test_no_override_goes_unlisted():
    """A new override is listed here, and held against Material's file above where it is a
    copy (404.html and source.html are our own pages and link, not copies)."""
    held = {"main.html", "404.html", "partials/search.html", "partials/languages/vi.html", "partials/source.html"}
    assert {p.relative_to(OURS).as_posix() for p in OURS.rglob("*.html")} == held


def test_every_block_main_html_fills_is_one_of_materials():
    theirs = set(re.findall(r"{%\s*block (\w+)", (THEIRS / "base.html").read_text(encoding="utf-8")))
    ours = set(re.findall(r"{%\s*block (\w+)", (OURS / "main.html").read_text(encoding="utf-8")))
    assert ours <= theirs and {"site_meta", "config", "extrahead"} <= ours


def test_the_sitemap_is_the_i18n_plugins_with_an_x_default():
    import mkdocs_static_i18n

    theirs = (Path(mkdocs_static_i18n.__file__).parent / "custom_i18n_sitemap" / "sitemap.xml").read_text(encoding="utf-8")
    link = '<xhtml:link rel="alternate" hreflang="{{ i18n_locale }}" href="{{ i18n_href }}"/>\n    {%- endfor %}'
    frequency = "<changefreq>daily</changefreq>"
    assert link in theirs and frequency in theirs, "mkdocs-static-i18n's sitemap.xml changed: copy it again"
    with_default = theirs.replace(frequency, frequency + "\n{%- set default_href = namespace(value=none) %}").replace(
        link, link.replace("\n", "\n{%- if i18n_locale == casebook_default_language %}"
                                  "{% set default_href.value = i18n_href %}{% endif %}\n", 1)
        + '\n{%- if default_href.value %}\n<xhtml:link rel="alternate" hreflang="x-default" href="{{ default_href.value }}"/>'
          "\n{%- endif %}")
    assert lines((OURS / "sitemap.xml").read_text(encoding="utf-8")) == lines(with_default)
