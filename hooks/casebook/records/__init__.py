"""Reading and validating the records (imports nothing from MkDocs)."""
