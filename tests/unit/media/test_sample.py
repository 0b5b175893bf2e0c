"""The sandbox's sample video: the options' frame shape and length, made from the photo."""

import io
from pathlib import Path

import pytest
from PIL import Image

from bot.media import video
from bot.media.sample import make_sample

RED = (200, 40, 40)


def photo(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), RED).save(out, "JPEG", quality=95)
    return out.getvalue()


def centre(path: Path) -> tuple[int, int, int]:
    thumb = Image.open(io.BytesIO(video.thumbnail(path))).convert("RGB")
    return thumb.getpixel((thumb.width // 2, thumb.height // 2))


@pytest.mark.parametrize(
    ("frame", "image", "size", "seconds"),
    [
        ((1920, 1080), photo(800, 800), (640, 360), 8),
        ((720, 1280), photo(800, 800), (360, 640), 4),
        # auto: the photo's own shape
        (None, photo(900, 1200), (480, 640), 6),
        (None, photo(1200, 900), (640, 480), 4),
    ],
)
def test_the_sample_has_the_frame_and_length_asked(tmp_path, frame, image, size, seconds):
    path = tmp_path / "s.mp4"
    make_sample(image, seconds, frame, path)
    info = video.probe(path)
    assert (info.width, info.height, info.duration) == (*size, seconds)
    assert all(abs(a - b) < 24 for a, b in zip(centre(path), RED, strict=True))
    assert video.last_frame(path) is not None  # Continue can start from it


def test_a_photo_that_cannot_be_read_makes_a_plain_sample(tmp_path):
    path = tmp_path / "s.mp4"
    make_sample(b"\xff\xd8 not really a jpeg", 4, (1280, 720), path)
    info = video.probe(path)
    assert (info.width, info.height, info.duration) == (640, 360, 4)
    assert not all(abs(a - b) < 24 for a, b in zip(centre(path), RED, strict=True))
