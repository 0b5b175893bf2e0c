"""Deterministic stand-in video bytes, generated in code (no media files in the repo)."""

from __future__ import annotations

import random
from collections.abc import Iterator

DEFAULT_VIDEO_SIZE = 200 * 1024
# An ISO-BMFF "ftyp" box, so that anything sniffing the bytes sees an MP4.
_FTYP = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
_BLOCK = random.Random(20240611).randbytes(64 * 1024)


def video_chunks(size: int = DEFAULT_VIDEO_SIZE, chunk: int = 256 * 1024) -> Iterator[bytes]:
    """The bytes of `video_bytes(size)` in pieces, without holding them all."""
    if size < len(_FTYP) + 8:
        yield _FTYP[:size]
        return
    mdat = (size - len(_FTYP)).to_bytes(4, "big") if size - len(_FTYP) < 2**32 else b"\0\0\0\1"
    head = _FTYP + mdat + b"mdat"
    yield head
    left = size - len(head)
    pos = 0
    while left > 0:
        take = min(chunk, left)
        piece = bytearray()
        while len(piece) < take:
            start = pos % len(_BLOCK)
            part = _BLOCK[start : start + take - len(piece)]
            piece += part
            pos += len(part)
        left -= take
        yield bytes(piece)


def video_bytes(size: int = DEFAULT_VIDEO_SIZE) -> bytes:
    """`size` deterministic bytes that start like an MP4 file."""
    return b"".join(video_chunks(size))
