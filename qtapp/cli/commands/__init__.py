"""Subcommands of ``verbatim``: one module each, discovered by :func:`qtapp.cli.build_parser`."""
