"""What a picture the bot made holds: a JPEG decoded, and its colour checked."""

import io

from PIL import Image

# yuv420p and JPEG move a flat colour by a few levels per channel, no more.
TOLERANCE = 12


def decoded(data: bytes | None) -> Image.Image:
    """The JPEG in `data` (it must be one), as RGB."""
    assert data is not None
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return image.convert("RGB")


def assert_colour(image: Image.Image, colour: tuple[int, int, int]) -> None:
    """The image's centre and two corners are that colour, within TOLERANCE."""
    w, h = image.size
    for point in ((w // 2, h // 2), (1, 1), (w - 2, h - 2)):
        found = image.getpixel(point)
        assert all(abs(a - b) <= TOLERANCE for a, b in zip(found, colour, strict=True)), (
            point,
            found,
            colour,
        )
