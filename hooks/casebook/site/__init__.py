"""Site: what is done to the HTML MkDocs built and to the built site.

Sanitising contributor HTML, glossary tooltips, the training pack's parts, the search
indexes, the offline copy's files. Plain functions over HTML and files: the engine calls
them from the build's events.
"""
