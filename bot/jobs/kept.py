"""Videos too big for Telegram's upload limit, kept by the bot and served at its own public
address (bot/web/videos.py) for as long as "Continue" frames are kept (KEEP_FOR).

A kept video is one file, `<token>.mp4`, in one directory: the token (192 random bits) is
the only way to it, and the file's modification time is when it was kept. No row in the
database: with several replicas the directory is shared (a volume), so any replica serves
what another kept. A file is complete before its link is sent: written under a temporary
name, synced, then renamed.
"""

import contextlib
import enum
import logging
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from bot.core.followups import KEEP_FOR
from bot.veo import Options

log = logging.getLogger(__name__)

# 24 random bytes: 32 URL-safe characters, far past guessing.
TOKEN_BYTES = 24
NAME = re.compile(r"[A-Za-z0-9_-]{32}\.mp4")
_PART = ".part-"
# A temporary file left by a crash is removed once it is this old (no copy takes an hour).
_PART_MAX_AGE = 3600.0
# The short side, in pixels, from which a video may be over Telegram's 50 MB (an 8 s 4K
# video is about 50 MB; an 8 s 1080p one is well below).
BIG_SHORT_SIDE = 2160


class BigVideos(enum.Enum):
    """How a video over Telegram's 50 MB upload limit reaches the user in this deployment."""

    VIDEO = "video"  # a self-hosted Bot API server takes uploads up to 2000 MB
    KEPT = "kept"  # a link to the bot's own address, kept KEEP_FOR
    LINK = "link"  # the provider's own link, which works for about two days


def big_video(options: Options) -> bool:
    """Whether a video of these options may be too big for Telegram's upload limit (4K)."""
    frame = options.video_model.frame
    if frame is None:
        return False
    return frame.short_side.get(options.args.get(frame.resolution, ""), 0) >= BIG_SHORT_SIDE


@dataclass(frozen=True, slots=True)
class Kept:
    """A video kept: its public URL, and until when it is served (a Unix time)."""

    url: str
    until: float


def shown(name: str) -> str:
    """A kept file's name as a log line may show it: never the whole token."""
    return f"{name[:4]}…"


class KeptVideos:
    """The directory of kept videos; `keep` and `sweep` do blocking file work (run them in a
    thread), `find` only a stat."""

    def __init__(
        self, directory: Path, base_url: str, max_bytes: int, keep_for: float = KEEP_FOR
    ) -> None:
        self.directory = directory
        self.max_bytes = max_bytes  # the largest video the bot downloads to keep
        self.keep_for = keep_for
        self._base_url = base_url.rstrip("/")

    def keep(self, source: Path, now: float | None = None) -> Kept:
        """Move (or copy, across file systems) a downloaded video in; its link. `source` is
        gone afterwards or left to its owner; OSError (the disk is full) leaves nothing here."""
        now = time.time() if now is None else now
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{secrets.token_urlsafe(TOKEN_BYTES)}.mp4"
        part = self.directory / f"{_PART}{name}"
        try:
            _sync(source)
            try:
                os.replace(source, part)
            except OSError:  # another file system (a shared volume): copy, then sync
                shutil.copyfile(source, part)
                _sync(part)
            os.utime(part, (now, now))
            os.replace(part, self.directory / name)
            _sync_directory(self.directory)
        except OSError:
            part.unlink(missing_ok=True)
            raise
        self.sweep(now)
        return Kept(f"{self._base_url}/v/{name}", now + self.keep_for)

    def find(self, name: str, now: float | None = None) -> Path | None:
        """The file of a kept video by its name, if it is one and still within its time."""
        if not NAME.fullmatch(name):
            return None
        path = self.directory / name
        try:
            kept_at = path.stat().st_mtime
        except OSError:
            return None
        if (time.time() if now is None else now) - kept_at >= self.keep_for:
            path.unlink(missing_ok=True)
            return None
        return path

    def sweep(self, now: float | None = None) -> int:
        """Remove the videos past their time (and temporary files a crash left); how many."""
        now = time.time() if now is None else now
        removed = 0
        try:
            entries = list(os.scandir(self.directory))
        except OSError:
            return 0
        for entry in entries:
            with contextlib.suppress(OSError):
                age = now - entry.stat().st_mtime
                kept = NAME.fullmatch(entry.name) is not None
                if (kept and age >= self.keep_for) or (
                    entry.name.startswith(_PART) and age >= _PART_MAX_AGE
                ):
                    os.unlink(entry.path)
                    removed += 1
        if removed:
            log.info("removed %d kept video(s) past their time", removed)
        return removed


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_directory(directory: Path) -> None:
    # The rename itself is durable only once the directory is synced.
    with contextlib.suppress(OSError):  # some file systems refuse fsync on a directory
        _sync(directory)
