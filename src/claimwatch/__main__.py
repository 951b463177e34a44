"""``python -m claimwatch``: the command line."""

from claimwatch.cli import run

run()
