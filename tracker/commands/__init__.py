"""Subcommands of the ``tracker`` command line, one module per area."""
