"""Reform Casebook: case records in YAML, validated into a model, rendered into pages.

Data flows one way:

    cases/*.yaml --yamlsource--> plain data + line map
                 --model/validate--> Casebook (validated, immutable)
                 --render_*--> Markdown pages --pages--> docs/ (generated, gitignored)

The MkDocs hooks in ``hooks/casebook_hooks.py`` only translate build events into calls of
these plain functions, which the tests call directly.
"""

LANGUAGES = ("en", "zh", "vi")
DEFAULT_LANGUAGE = "en"


def lang_prefix(lang: str) -> str:
    """Where a language's pages live in the site: the default at the top, others in <lang>/."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
