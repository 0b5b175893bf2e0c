"""The sandbox's sample video: the user's photo, slowly zoomed, marked SANDBOX, with the
length and frame shape the options ask for. Made at a small size (its long side 640 px) and 12
frames a second: it stands for a video, it is not one, and costs a fraction of a second to make.

Pure and blocking (encoding is CPU work): run it in a thread. PyAV and Pillow are imported on
first use, as in video.py.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

LONG_SIDE = 640
FPS = 12
# A photo of a shape the options leave to the provider (auto) keeps its own, within these.
_MIN_RATIO, _MAX_RATIO = 9 / 21, 21 / 9
ZOOM = 0.12  # how much closer the last frame is than the first
LABEL = "SANDBOX"
_BACKGROUND = (38, 50, 72)


def make_sample(
    photo: bytes | None, seconds: int, frame: tuple[int, int] | None, path: Path
) -> None:
    """Write the sample MP4 (H.264 when PyAV's FFmpeg has it) to `path`: `seconds` long, of
    the `frame`'s shape (width, height), or of the photo's when the options leave it open."""
    import av

    picture = _open(photo)
    width, height = _frame_size(frame, picture)
    codec = "libx264" if "libx264" in av.codecs_available else "mpeg4"
    with av.open(str(path), "w", format="mp4") as container:
        stream = container.add_stream(codec, rate=FPS)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        if codec == "libx264":
            stream.options = {"preset": "veryfast", "crf": "30"}
        count = seconds * FPS
        for index in range(count):
            image = _frame(picture, width, height, index / max(count - 1, 1))
            for packet in stream.encode(av.VideoFrame.from_image(image)):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def _open(photo: bytes | None) -> Image | None:
    from PIL import Image, ImageOps, UnidentifiedImageError

    if photo is None:
        return None
    try:
        with Image.open(io.BytesIO(photo)) as opened:
            # Turned as the phone shows it, and no larger than a frame needs.
            image = ImageOps.exif_transpose(opened).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        log.info("sandbox: the photo could not be read (%s); a plain sample is made", exc)
        return None
    image.thumbnail((LONG_SIDE * 2, LONG_SIDE * 2))
    return image


def _frame_size(frame: tuple[int, int] | None, picture: Image | None) -> tuple[int, int]:
    if frame is not None:
        ratio = frame[0] / frame[1]
    elif picture is not None:
        ratio = min(max(picture.width / picture.height, _MIN_RATIO), _MAX_RATIO)
    else:
        ratio = 16 / 9
    if ratio >= 1:
        width, height = LONG_SIDE, LONG_SIDE / ratio
    else:
        width, height = LONG_SIDE * ratio, LONG_SIDE
    # H.264 in 4:2:0 needs even sides.
    return int(width) // 2 * 2, int(height) // 2 * 2


def _frame(picture: Image | None, width: int, height: int, t: float) -> Image:
    from PIL import Image, ImageDraw, ImageFont

    if picture is None:
        frame = Image.new("RGB", (width, height), _BACKGROUND)
    else:
        # Cover the frame with the photo, cropped about its centre, coming closer over time.
        scale = max(width / picture.width, height / picture.height) * (1 + ZOOM * t)
        crop_w, crop_h = width / scale, height / scale
        left = (picture.width - crop_w) / 2
        top = (picture.height - crop_h) / 2
        frame = picture.resize(
            (width, height),
            Image.Resampling.BILINEAR,
            box=(left, top, left + crop_w, top + crop_h),
        )
    draw = ImageDraw.Draw(frame)
    font = ImageFont.load_default(size=max(14, height // 14))
    margin = max(8, height // 40)
    box = draw.textbbox((0, 0), LABEL, font=font)
    label_w, label_h = box[2] - box[0], box[3] - box[1]
    draw.rectangle((margin, margin, margin * 3 + label_w, margin * 3 + label_h), fill=(0, 0, 0))
    draw.text((margin * 2 - box[0], margin * 2 - box[1]), LABEL, font=font, fill=(255, 214, 0))
    return frame
