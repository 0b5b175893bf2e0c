"""A model declares the frame and length of its videos: what a video sent by URL is described
by, as the bot reads none of its bytes."""

import pytest

from bot.veo import Shape
from bot.veo.veo31_image import VEO31_IMAGE
from tests.unit.veo.test_model import STRICT

SIDES = {"720p": (1280, 720), "1080p": (1920, 1080), "4k": (3840, 2160)}


@pytest.mark.parametrize("options", list(VEO31_IMAGE.every()), ids=str)
def test_veo_declares_the_frame_of_its_resolution_and_aspect_and_its_seconds(options):
    args = options.args
    long, short = SIDES[args["resolution"]]
    expected = {
        "16:9": Shape(args["duration"], long, short),
        "9:16": Shape(args["duration"], short, long),
        # Veo picks 16:9 or 9:16 from the image by a strategy of its own: no frame is declared.
        "auto": Shape(args["duration"]),
    }[args["aspect_ratio"]]
    assert VEO31_IMAGE.shape_of(options) == expected


def test_a_model_without_a_declared_frame_declares_no_shape():
    assert STRICT.shape_of(STRICT.defaults()) is None
