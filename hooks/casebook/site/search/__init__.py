"""The casebook's own search index: built once, read a few small parts per query.

terms.py turns text into index terms (the browser's worker, docs/assets/casebook-search.js,
does the same to a query); documents.py says what of each page is searched and shown;
parts.py writes the manifest and the parts.
"""
