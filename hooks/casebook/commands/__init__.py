"""The casebook command and its commands."""
