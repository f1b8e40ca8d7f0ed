"""Where our search meets Material for MkDocs' internals (supported: Material 9.8).

Material's search dialog talks to a worker whose URL it reads from ``config.search`` in
the ``__config`` script of base.html; it fetches ``search/search_index.json`` (from
file://: the script ``search/search_index.js`` defining ``__index``) relative to the
page's base, hands it to the worker in its SETUP message, and reads the ``config`` of
it again to highlight ``?h=`` words on the target page. Our worker
(docs/assets/casebook-search.js) speaks the same messages over our own index.

Each internal is used behind one function here; tests/test_search_worker.py checks each
against the installed Material and fails naming the version this was written for.
"""

from __future__ import annotations

import re

SUPPORTED = "Material for MkDocs 9.8"
WORKER = "assets/casebook-search.js"

# base.html: "search": "assets/javascripts/workers/search.<hash>.min.js" | url
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_MATERIAL_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')


class MaterialChanged(RuntimeError):
    def __init__(self, what: str):
        super().__init__(f"{what}: the casebook's search was written for {SUPPORTED} "
                         "(hooks/casebook/engine/search_worker.py); check its internals again")


def use_our_worker(page_html: str) -> str:
    """The page with Material's search worker replaced by ours (same relative prefix)."""
    config = _CONFIG_SCRIPT.search(page_html)
    if config is None:
        raise MaterialChanged("no <script id=\"__config\"> in the page")
    replaced, count = _MATERIAL_WORKER.subn(rf'\g<1>\g<2>{WORKER}"', config.group(2))
    if count != 1:
        raise MaterialChanged("no search worker URL in the __config script")
    return page_html[:config.start(2)] + replaced + page_html[config.end(2):]


def plugin_index(search_plugin) -> tuple[dict, list[dict]]:
    """The search plugin's config and entries, as it has just written them."""
    try:
        index = search_plugin.search_index
        return {key: index.config[key] for key in ("lang", "separator", "pipeline")}, index.entries
    except (AttributeError, KeyError) as err:
        raise MaterialChanged(f"the search plugin has no search_index.config/.entries ({err})") from None


def theme_translation(env, lang: str, key: str) -> str:
    """A string of Material's language partials (e.g. search.config.separator), for
    ``lang`` or else English."""
    for code in (lang, "en"):
        value = env.get_template(f"partials/languages/{code}.html").module.t(key)
        if value and value.strip():
            return value.strip()
    raise MaterialChanged(f"no {key!r} in partials/languages/{lang}.html")
