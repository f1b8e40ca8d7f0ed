"""MkDocs hooks: hand each build event to the casebook's engine.

The logic, and what a build pass knows, lives in ``casebook.engine.hooks``; this file
only says which events the casebook listens to and in what order among the plugins.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))  # hooks are loaded by path, not as a package

from casebook.engine.hooks import CasebookHooks  # noqa: E402

_hooks = CasebookHooks()  # MkDocs loads this file once per process


def on_startup(command, dirty):
    _hooks.on_startup(command, dirty)


@event_priority(100)  # before any plugin: fail before anything is built
def on_config(config):
    return _hooks.on_config(config)


def on_pre_build(config):
    _hooks.on_pre_build(config)


@event_priority(-150)  # after mkdocs-static-i18n (-100) has put each file in its folder
def on_files(files, config):
    return _hooks.on_files(files, config)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has translated the nav
def on_nav(nav, config, files):
    _hooks.on_nav(nav, files, config)
    return nav


def on_page_markdown(markdown, page, config, files):
    return _hooks.on_page_markdown(markdown, page, config)


@event_priority(100)  # before search indexes the page
def on_page_content(html, page, config, files):
    return _hooks.on_page_content(html, page, config)


# after mkdocs-static-i18n (50) has set the language switcher for this page, before the
# search plugin (0) reads page.content
@event_priority(25)
def on_page_context(context, page, config, nav):
    return _hooks.on_page_context(context, page, config)


def on_template_context(context, template_name, config):
    return _hooks.on_template_context(context, template_name, config)


def on_post_template(output, template_name, config):
    return _hooks.on_post_template(output, template_name, config)


def on_post_page(output, page, config):
    return _hooks.on_post_page(output, page)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built and merged every language
def on_post_build(config):
    _hooks.on_post_build(config)


def on_build_error(error):
    _hooks.on_build_error(error)


def on_shutdown():
    _hooks.on_shutdown()


def on_serve(server, config, builder):
    return _hooks.on_serve(server, config)
