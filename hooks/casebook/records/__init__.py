"""Records: reading ``cases/*.yaml`` and the vocabularies, and validating them into the model.

yamlsource (safe parse, line numbers) -> model (pydantic; every rule) -> load (the Casebook).
Imports nothing from MkDocs, nor from the rooms downstream (pages, site, engine, commands).
"""
