"""The bot's database file made unwritable under the running bot."""

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def unwritable(database: Path) -> Iterator[None]:
    """Make the database file and its WAL immutable (chattr +i) while in the block.

    A bot that opened the file keeps its descriptors, so chmod would change nothing for it; an
    immutable file refuses writes through open descriptors too, even root's (the write gets
    EPERM, SQLite says "disk I/O error"), as a file system remounted read-only would.
    """
    files = [str(database), f"{database}-wal"]
    made = subprocess.run(["chattr", "+i", *files], capture_output=True, text=True)
    if made.returncode != 0:
        subprocess.run(["chattr", "-i", *files], capture_output=True)
        pytest.skip(f"cannot make files immutable here: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *files], check=True)
