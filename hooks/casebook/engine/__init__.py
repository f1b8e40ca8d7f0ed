"""Engine: everything that touches MkDocs, Material or mkdocs-static-i18n.

The hook handlers' logic (one object per build pass), the per-language passes, the
parallel build and ``casebook serve``. Every reach into a plugin's internals is one small
function in ``internals``, checked by a test against the supported versions: moving to
another engine means rewriting this room only.
"""
