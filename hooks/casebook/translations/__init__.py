"""Translation work: PO files for translators, which English each translation was made
from, progress and terminology checks.

Reads records through the loader and writes them back with ruamel.yaml's round trip;
imports nothing from MkDocs or from the page renderers (pages import from here).
"""
