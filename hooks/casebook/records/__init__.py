"""Reading and validating records (imports nothing from MkDocs)."""
