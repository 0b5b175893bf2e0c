"""Reading a delivered video file with PyAV: its size and duration, its first and last frames.

Pure and blocking (decoding is CPU work): callers run these in a thread (asyncio.to_thread).
Every function answers None for a file PyAV cannot read (random bytes, a truncated download,
no video stream): the API could send anything, and the video is delivered either way.
PyAV (and, through `frame.to_image()`, Pillow) is imported on first use: a bot process that
has not delivered a video yet does not pay for loading FFmpeg.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from av.container import InputContainer
    from av.video.frame import VideoFrame
    from av.video.stream import VideoStream
    from PIL.Image import Image

log = logging.getLogger(__name__)

# Telegram's limits for a video's thumbnail: JPEG, under 200 kB, at most 320 px a side.
THUMB_SIDE = 320
THUMB_BYTES = 200 * 1000
# How far before the end the last frame is looked for: a seek lands on the keyframe before
# this point, so only the end's group of pictures is decoded, not a large file whole.
TAIL_SECONDS = 2.0
# Bounds on the work one call may do on a broken or hostile file: packets read and seconds
# spent. A real 8 s Veo video has a few hundred packets, 4K at 60 fps under 500.
MAX_PACKETS = 2000
MAX_SECONDS = 20.0


@dataclass(frozen=True)
class VideoInfo:
    """What sendVideo is told about the file: its size in pixels, its length in seconds."""

    width: int
    height: int
    duration: int  # whole seconds, rounded; 0 when the file does not say


class _TooLong(Exception):
    """Reading the file went past its bounds."""


def probe(path: Path) -> VideoInfo | None:
    """The video's width, height and duration; None if it is not a video PyAV can read."""
    import av

    try:
        with av.open(str(path)) as container:
            stream = _video_stream(container)
            if stream is None:
                return None
            width, height = stream.codec_context.width, stream.codec_context.height
            if width <= 0 or height <= 0:
                return None
            return VideoInfo(width, height, _duration(container, stream))
    except av.FFmpegError as exc:
        log.info("%s is not a readable video: %s", path.name, exc)
        return None


def thumbnail(path: Path) -> bytes | None:
    """The first frame as a JPEG within Telegram's thumbnail limits; None if unreadable."""
    return _read(path, _first_frame, _thumbnail_jpeg)


def last_frame(video: Path | bytes) -> bytes | None:
    """The last frame as a JPEG at the video's own resolution; None if unreadable. The video
    is a file, or its bytes (fetched back from Telegram, which has the only copy)."""
    return _read(video, _last_frame, lambda frame: _jpeg(frame.to_image(), 92))


Pick = Callable[["InputContainer", "VideoStream", float], "VideoFrame | None"]


def _read(
    video: Path | bytes, pick: Pick, render: Callable[[VideoFrame], bytes | None]
) -> bytes | None:
    """Open the file, pick a frame and render it (while the file is open), turning PyAV's
    errors and a blown bound into None."""
    import av

    deadline = time.monotonic() + MAX_SECONDS
    name = video.name if isinstance(video, Path) else f"a video of {len(video)} bytes"
    try:
        with av.open(str(video) if isinstance(video, Path) else io.BytesIO(video)) as container:
            stream = _video_stream(container)
            if stream is None:
                return None
            frame = pick(container, stream, deadline)
            return render(frame) if frame is not None else None
    except av.FFmpegError as exc:
        log.info("no frame from %s: %s", name, exc)
    except _TooLong as exc:
        log.warning("no frame from %s: %s", name, exc)
    return None


def _thumbnail_jpeg(frame: VideoFrame) -> bytes | None:
    scale = min(1.0, THUMB_SIDE / max(frame.width, frame.height))
    # Even sizes, at least 2: what every pixel format of the scaler accepts.
    width = max(2, round(frame.width * scale) // 2 * 2)
    height = max(2, round(frame.height * scale) // 2 * 2)
    image = frame.reformat(width=width, height=height, format="rgb24").to_image()
    for quality in (85, 70, 50, 30):
        data = _jpeg(image, quality)
        if len(data) < THUMB_BYTES:
            return data
    return None  # not seen at 320 px; but a thumbnail over the limit is never sent


def _video_stream(container: InputContainer) -> VideoStream | None:
    return container.streams.video[0] if container.streams.video else None


def _duration(container: InputContainer, stream: VideoStream) -> int:
    seconds = _seconds(container, stream)
    # A video shorter than a second still lasts: Telegram shows 0:00 for 0 and 0:01 for 1.
    return max(1, round(seconds)) if seconds > 0 else 0


def _seconds(container: InputContainer, stream: VideoStream) -> float:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000  # AV_TIME_BASE: microseconds
    return 0.0


def _first_frame(
    container: InputContainer, stream: VideoStream, deadline: float
) -> VideoFrame | None:
    for frame in _frames(container, stream, deadline):
        return frame
    return None


def _last_frame(
    container: InputContainer, stream: VideoStream, deadline: float
) -> VideoFrame | None:
    seconds = _seconds(container, stream)
    if seconds > TAIL_SECONDS and stream.time_base is not None:
        start = stream.start_time or 0
        target = start + int((seconds - TAIL_SECONDS) / stream.time_base)
        # backward: to the keyframe at or before the target, from which decoding can start.
        container.seek(target, stream=stream, backward=True)
    last = None
    for frame in _frames(container, stream, deadline):
        last = frame
    return last


def _frames(
    container: InputContainer, stream: VideoStream, deadline: float
) -> Iterator[VideoFrame]:
    """The stream's decoded frames, within the bounds on packets and time."""
    for count, packet in enumerate(container.demux(stream), 1):
        if count > MAX_PACKETS or time.monotonic() > deadline:
            raise _TooLong(f"gave up after {count - 1} packets")
        # The last packet (size 0, no data) flushes the decoder's delayed frames.
        yield from packet.decode()


def _jpeg(image: Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()
