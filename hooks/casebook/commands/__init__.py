"""The ``casebook`` command's subcommands (cli.py parses the arguments)."""
