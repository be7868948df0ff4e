"""The one error of the backups package: its message is written for the person at the terminal."""

from __future__ import annotations


class BackupError(Exception):
    """A backup, restore or drill that cannot go on; str(error) says why and what to do."""
