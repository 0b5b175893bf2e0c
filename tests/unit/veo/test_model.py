"""A model's declaration: its options document, the presses that change it, its rules, the
create call's args and the key its history is kept by."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from bot.core.options import changed, document
from bot.veo import MODELS, Mode, Resolution, VideoOptions
from bot.veo.model import Input, PerSecond, Rate, Rule, Timing, VideoModel
from bot.veo.veo31_image import VEO31_IMAGE

# The seed's args, with a rule Google's own API is said to have: 4K only at 8 seconds.
STRICT = VideoModel(
    id="acme/strict",
    inputs=(Input("image"),),
    args=VEO31_IMAGE.args,
    price=PerSecond("duration", (Rate(Decimal("0.10"), {}),)),
    timing=Timing(by=(), guess_by=(), guesses={(): 60.0}),
    rules=(Rule(when={"resolution": ("4k",)}, then={"duration": (8,)}),),
)


def test_the_seed_model_is_known_by_its_id_and_its_defaults_are_the_apis():
    assert MODELS["google/veo-3.1/image-to-video"] is VEO31_IMAGE
    assert VideoOptions().args == {
        "mode": "fast",
        "duration": 8,
        "resolution": "720p",
        "aspect_ratio": "16:9",
        "audio": False,
    }


def test_a_value_the_declaration_does_not_allow_is_refused():
    with pytest.raises(ValidationError):
        VEO31_IMAGE.read({"mode": "turbo"})
    with pytest.raises(ValidationError):
        VEO31_IMAGE.read({"duration": 5})


@pytest.mark.parametrize(
    ("press", "after"),
    [
        ({"m": "quality"}, {"mode": "quality"}),
        ({"t": "4"}, {"duration": 4}),
        ({"r": "4k"}, {"resolution": "4k"}),
        ({"a": "auto"}, {"aspect_ratio": "auto"}),
        ({"s": ""}, {"audio": True}),
    ],
)
def test_a_press_names_its_arg_by_code_and_its_value_as_text(press, after):
    assert changed(VideoOptions(), press).args == VideoOptions().args | after


@pytest.mark.parametrize("press", [{"z": "x"}, {"m": "turbo"}, {"t": "5"}, {"m": ""}])
def test_a_press_the_model_has_no_option_for_is_refused(press):
    with pytest.raises(ValueError):
        changed(VideoOptions(), press)


def test_a_toggle_flips_back():
    on = changed(VideoOptions(), {"s": ""})
    assert changed(on, {"s": ""}) == VideoOptions()


def test_a_rule_keeps_a_combination_out():
    four = STRICT.read({"duration": 4})
    with pytest.raises(ValidationError):
        STRICT.read({"duration": 4, "resolution": "4k"})
    assert changed(four, {"r": "4k"}) == four  # the press changes nothing
    assert changed(four, {"t": "8"}).args["duration"] == 8
    combinations = list(STRICT.every())
    assert len(combinations) == 2 * 3 * 3 * 3 * 2 - 2 * 2 * 3 * 2
    assert all(o.args["duration"] == 8 for o in combinations if o.args["resolution"] == "4k")


def test_the_document_a_draft_stores():
    options = VideoOptions(mode=Mode.QUALITY, resolution=Resolution.K4, audio=True)
    assert document(options) == {
        "model": "google/veo-3.1/image-to-video",
        "args": options.args,
        # The aspect ratio does not change the work: it is not in the history's key.
        "estimate_key": "google/veo-3.1/image-to-video|mode=quality|resolution=4k|duration=8"
        "|audio=1",
    }


def test_the_create_calls_args_are_typed_as_the_schema_says():
    args = VideoOptions(duration=4).to_args(prompt="p", inputs={"image": "https://x.test/a.jpg"})
    assert args["duration"] == "4" and args["generate_audio"] is False
    assert "audio" not in args and args["image"] == "https://x.test/a.jpg"
