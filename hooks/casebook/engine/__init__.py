"""Everything that touches MkDocs, Material or mkdocs-static-i18n internals."""
