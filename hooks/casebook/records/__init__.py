"""Reading and validating records: nothing here imports MkDocs."""
