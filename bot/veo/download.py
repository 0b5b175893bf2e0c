"""Streams a result video to a temporary file, with a size cap and timeouts."""

import asyncio
import io
import os
import tempfile
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import httpx

DOWNLOAD_PREFIX = "veo-"


class DownloadError(Exception):
    """The result could not be fetched (for now: it may work on a later try)."""


class DownloadTooLarge(DownloadError):
    """The result is bigger than the cap; nothing is kept."""

    def __init__(self, size: int | None, limit: int) -> None:
        super().__init__(f"result is larger than {limit} bytes")
        self.size = size
        self.limit = limit


async def download_to_file(
    http: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    directory: Path | None = None,
    total_timeout: float = 900.0,
) -> Path:
    """Download `url` (http or https only) into a new temporary file; the caller deletes it."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise DownloadError("result URL is not http(s)")
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=DOWNLOAD_PREFIX, suffix=".mp4", dir=directory)
    path = Path(name)
    complete = False
    try:
        # httpx's timeouts bound each read; this bounds a server that trickles for ever.
        async with asyncio.timeout(total_timeout):
            with os.fdopen(fd, "wb") as out:
                await _stream_into(http, url, out, max_bytes)
        complete = True
    except httpx.HTTPError as exc:
        raise DownloadError(f"result download failed: {type(exc).__name__}") from exc
    except TimeoutError as exc:
        raise DownloadError(f"result download took over {total_timeout:.0f}s") from exc
    finally:
        if not complete:
            path.unlink(missing_ok=True)
    return path


async def _stream_into(http: httpx.AsyncClient, url: str, out: BinaryIO, max_bytes: int) -> None:
    async with http.stream("GET", url) as resp:
        if resp.status_code != 200:
            raise DownloadError(f"result download answered HTTP {resp.status_code}")
        declared = resp.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise DownloadTooLarge(int(declared), max_bytes)
        written = 0
        async for chunk in resp.aiter_bytes(1 << 16):
            written += len(chunk)
            if written > max_bytes:
                raise DownloadTooLarge(None, max_bytes)
            out.write(chunk)
    if written == 0:
        raise DownloadError("result download was empty")


async def download_bytes(http: httpx.AsyncClient, url: str, *, max_bytes: int) -> bytes:
    """The whole file at `url` (http or https only) in memory, at most `max_bytes`: a video
    handed on to the API (an extension's), not one sent to a chat."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise DownloadError("result URL is not http(s)")
    out = io.BytesIO()
    try:
        await _stream_into(http, url, out, max_bytes)
    except httpx.HTTPError as exc:
        raise DownloadError(f"result download failed: {type(exc).__name__}") from exc
    return out.getvalue()


async def still_served(http: httpx.AsyncClient, url: str) -> bool:
    """Whether a result URL still serves its file: ShortAPI publishes no retention for them.
    Only its answer's status is read (one byte asked for), not the file."""
    if urlsplit(url).scheme not in ("http", "https"):
        return False
    try:
        async with http.stream("GET", url, headers={"Range": "bytes=0-0"}) as resp:
            return resp.status_code in (200, 206)
    except httpx.HTTPError:
        return False
