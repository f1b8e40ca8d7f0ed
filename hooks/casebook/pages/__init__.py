"""Pages: the Markdown (and data files) of every generated page, in every language.

One module per kind of page; ``all_pages`` lists them all for a casebook. Reads the
validated Casebook from ``records``; imports nothing from MkDocs.
"""
