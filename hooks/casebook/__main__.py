"""``python -m casebook``: the same as the ``casebook`` command."""

from .commands.cli import main

raise SystemExit(main())
