"""Every reach into the internals of MkDocs' plugins, one small function each.

MkDocs, Material and mkdocs-static-i18n document their events and options, not these
attributes; a new release may rename them. Each function here is the only place its
internal is used, and ``check()`` (run by tests/test_engine_internals.py against the
installed versions) says which one moved, naming the versions this code supports.
Moving to another engine starts here.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from typing import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

SUPPORTED = {"mkdocs": "1.6", "mkdocs-material": "9.6-9.8", "mkdocs-static-i18n": "1.3"}


class InternalChanged(PluginError):
    """A plugin no longer has an internal these hooks use."""

    def __init__(self, what: str):
        installed = ", ".join(f"{name} {_installed(name)}" for name in SUPPORTED)
        supported = ", ".join(f"{name} {v}" for name, v in SUPPORTED.items())
        super().__init__(f"casebook: {what} (supported: {supported}; installed: {installed}). "
                         "See casebook/engine/internals.py.")


def _installed(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


# mkdocs-static-i18n ----------------------------------------------------------------------

def i18n_plugin(config: MkDocsConfig):
    return config.plugins.get("i18n")


def start_language_pass(config: MkDocsConfig, lang: str) -> None:
    """Put mkdocs-static-i18n in the state of ``lang``'s pass, before its own on_config:
    ``current_language`` is the language built, ``building`` says the pass was started
    by the plugin itself, so it starts no others (casebook/engine/language_pass.py)."""
    i18n = i18n_plugin(config)
    if i18n is None:
        raise PluginError("casebook: building one language needs the i18n plugin (mkdocs-static-i18n)")
    for name in ("current_language", "building"):
        if not hasattr(i18n, name):
            raise InternalChanged(f"mkdocs-static-i18n's plugin has no attribute {name!r}")
    i18n.current_language = lang
    i18n.building = True


def pass_language(config: MkDocsConfig) -> str | None:
    """The language mkdocs-static-i18n's pass under way builds (None without the plugin)."""
    i18n = i18n_plugin(config)
    return getattr(i18n, "current_language", None) if i18n is not None else None


def inside_language_pass(config: MkDocsConfig) -> bool:
    """Whether mkdocs-static-i18n is running one of the passes it starts itself (inside
    the default language's on_post_build)."""
    i18n = i18n_plugin(config)
    return i18n is not None and bool(getattr(i18n, "building", False))


def set_language_alternates(config: MkDocsConfig, kept: list) -> None:
    """Replace the language switcher's entries mkdocs-static-i18n has just set for a page:
    as i18n does, an attribute (which templates read first) and a key."""
    config.extra.alternate = config.extra["alternate"] = kept


def language_alternates(config: MkDocsConfig) -> list:
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


def page_alternates(file) -> list[tuple[str, str]]:
    """A page's translations as mkdocs-static-i18n found them in on_files (language,
    address), and the page it stands for: what its language switcher links."""
    alternates = getattr(file, "alternates", None) or {}
    return sorted((lang, alt.url) for lang, alt in alternates.items()) + [getattr(file, "locale_alternate_of", None)]


def language_site_names(config: MkDocsConfig) -> dict[str, str]:
    """Each language's site_name from mkdocs-static-i18n's options (mkdocs.yml), the
    default language's from MkDocs' own."""
    i18n = i18n_plugin(config)
    languages = getattr(getattr(i18n, "config", None), "languages", None) or []
    return {lang.locale: lang.site_name or config.site_name for lang in languages}


# Material's search plugin ----------------------------------------------------------------

SEARCH_INDEX_KEYS = ("lang", "separator", "pipeline", "fields")


def skip_chinese_segmentation() -> None:
    """Keep Material's search plugin from cutting Chinese text into words with jieba
    wherever jieba happens to be installed (its module-level ``jieba``, set at import):
    our index reads Chinese as characters and pairs of them and removes the plugin's
    word breaks, so the cutting was work for nothing (~4 s of the Chinese build at 1,000
    cases)."""
    from material.plugins.search import plugin

    if not hasattr(plugin, "jieba"):
        raise InternalChanged("material.plugins.search.plugin has no module attribute 'jieba'")
    plugin.jieba = None


def search_entries(config: MkDocsConfig) -> tuple[dict, list[dict]] | None:
    """The search plugin's settings and entries as it has just written them (read, never
    changed: casebook serve keeps them between builds), or None without the plugin."""
    search = config.plugins.get("material/search")
    if search is None:
        return None
    index = getattr(search, "search_index", None)
    if index is None or not hasattr(index, "entries") or not hasattr(index, "config"):
        raise InternalChanged("Material's search plugin has no search_index.entries / .config")
    return {key: index.config[key] for key in SEARCH_INDEX_KEYS}, index.entries


# Material's theme --------------------------------------------------------------------------

def material_translation(config: MkDocsConfig, lang: str, key: str) -> str:
    """Material's own interface string ``key`` in ``lang`` (English when it has none),
    read from its partials/languages/<lang>.html macro ``t``."""
    env = config.theme.get_env()
    for code in (lang, "en"):
        try:
            module = env.get_template(f"partials/languages/{code}.html").module
        except Exception as err:  # noqa: BLE001 - jinja2's TemplateNotFound and friends
            raise InternalChanged(f"Material has no partials/languages/{code}.html ({err})") from None
        value = getattr(module, "t", None)
        if value is None:
            raise InternalChanged(f"Material's partials/languages/{code}.html has no macro 't'")
        text = value(key)
        if text and text.strip():
            return text.strip()
    raise KeyError(key)


# MkDocs' files -----------------------------------------------------------------------------

def skip_copying(files: Iterable) -> None:
    """Let MkDocs list these files (pages link to them) but not copy them into this
    pass's site: ``File.copy_file`` is what the build calls for each static file."""
    for file in files:
        if not hasattr(file, "copy_file"):
            raise InternalChanged("MkDocs' File has no copy_file method")
        file.copy_file = _copied_elsewhere


def _copied_elsewhere(dirty: bool = False) -> None:
    return None


def keep_built(file) -> None:
    """Tell a dirty build that this page's file in the site is current, so MkDocs neither
    converts nor renders it (``File.is_modified`` is what a dirty build asks; the page
    cache, casebook/engine/page_cache.py, has just written the file)."""
    if not hasattr(file, "is_modified"):
        raise InternalChanged("MkDocs' File has no is_modified method")
    file.is_modified = _built


def _built() -> bool:
    return False


# MkDocs' live-reload server ------------------------------------------------------------------

def serve_url(host: str, port: int, mount_path: str) -> str:
    """The address ``mkdocs serve`` gives its pages (mkdocs.livereload's private helper:
    casebook serve builds with the same one, so links match what the server serves)."""
    from mkdocs import livereload

    helper = getattr(livereload, "_serve_url", None)
    if helper is None:
        raise InternalChanged("mkdocs.livereload has no _serve_url")
    return helper(host, port, mount_path)


def check(config: MkDocsConfig) -> list[str]:
    """Every internal above, tried on a loaded config; the messages of those that moved."""
    problems = []
    from mkdocs.structure.files import File

    for probe in (lambda: inside_language_pass(config),
                  lambda: hasattr(i18n_plugin(config), "current_language") or _fail("i18n current_language"),
                  lambda: search_entries(config) is not None or _fail("material/search plugin"),
                  skip_chinese_segmentation,
                  lambda: material_translation(config, "zh", "search.placeholder"),
                  lambda: callable(getattr(File, "copy_file", None)) or _fail("File.copy_file"),
                  lambda: callable(getattr(File, "is_modified", None)) or _fail("File.is_modified"),
                  lambda: serve_url("127.0.0.1", 8000, "/")):
        try:
            probe()
        except (InternalChanged, KeyError) as err:
            problems.append(str(err))
    return problems


def _fail(what: str):
    raise InternalChanged(f"{what} is missing")
