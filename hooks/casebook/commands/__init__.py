"""Commands: the ``casebook`` command line and what its sub-commands run
(bench, bundle, handout, lighthouse). The top of the house: may import every room.
"""
