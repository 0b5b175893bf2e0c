"""Video bytes generated in code (no media files in the repo): a real, decodable MP4 made
with PyAV (what the fake ShortAPI serves by default), and deterministic stand-in bytes of any
size (the big-file tests: nothing decodes them, and no encoder should make 60 MB)."""

from __future__ import annotations

import functools
import io
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


# The colours of the real MP4's frames: the first half of the frames, then the second half.
# Far apart in every channel, so a frame's colour survives JPEG and yuv420p within a tolerance.
FIRST_COLOUR = (220, 40, 40)
LAST_COLOUR = (30, 70, 220)
Colour = tuple[int, int, int]


@functools.cache
def real_mp4(
    width: int = 320,
    height: int = 180,
    seconds: int = 1,
    fps: int = 8,
    first: Colour = FIRST_COLOUR,
    last: Colour = LAST_COLOUR,
) -> bytes:
    """An H.264 (or MPEG-4 Part 2) yuv420p MP4: the first half of its frames in `first`, the
    rest in `last`; the same bytes for the same arguments (cached)."""
    import av
    from PIL import Image

    codec = "libx264" if "libx264" in av.codecs_available else "mpeg4"
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream(codec, rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        # A keyframe a second, as in a video made for streaming: seeking near the end works.
        stream.codec_context.gop_size = fps
        total = seconds * fps
        for index in range(total):
            colour = first if index < total // 2 else last
            frame = av.VideoFrame.from_image(Image.new("RGB", (width, height), colour))
            container.mux(stream.encode(frame))
        container.mux(stream.encode())  # flush the encoder's delayed frames
    return out.getvalue()


def padded_mp4(size: int) -> bytes:
    """`real_mp4()` grown to `size` bytes by a trailing `free` box, which every reader skips:
    a big file that decodes as well as the small one."""
    video = real_mp4()
    pad = size - len(video)
    if pad < 8:
        raise ValueError(f"a padded MP4 is at least {len(video) + 8} bytes")
    return video + pad.to_bytes(4, "big") + b"free" + bytes(pad - 8)
