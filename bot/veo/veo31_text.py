"""google/veo-3.1/text-to-video, declared: a video from a prompt alone.

The args and values are ShortAPI's model page's (../shared/seed/veo-3.1-family.md): those of
image-to-video without the image and without `auto` (there is no picture to take a shape
from), plus `expand_prompt`, the service enriching the prompt itself ("Enhance prompt"). Its
rates and the work per option are image-to-video's, so are its price table and its guesses.
"""

from bot.veo.model import Arg, Choice, Input, PerSecond, Timing, VideoModel
from bot.veo.veo31_image import VEO31_IMAGE

_IMAGE_ARGS = {arg.name: arg for arg in VEO31_IMAGE.args}

VEO31_TEXT = VideoModel(
    id="google/veo-3.1/text-to-video",
    # "Avoid": what the user wants kept out of the video, in their own words.
    inputs=(Input("negative_prompt", kind="text", key="avoid", required=False),),
    args=(
        _IMAGE_ARGS["mode"],
        _IMAGE_ARGS["duration"],
        _IMAGE_ARGS["resolution"],
        Arg(
            "aspect_ratio",
            "a",
            (Choice("16:9", text="16:9"), Choice("9:16", text="9:16")),
            default="16:9",
        ),
        _IMAGE_ARGS["audio"],
        Arg(
            "enhance",
            "e",
            (
                Choice(False, word="options-enhance-off", button="button-enhance-off"),
                Choice(True, word="options-enhance-on", button="button-enhance-on"),
            ),
            default=False,
            wire="expand_prompt",
            toggle=True,
        ),
    ),
    price=PerSecond(
        seconds="duration",
        rates=VEO31_IMAGE.price.rates,
        row_names=VEO31_IMAGE.price.row_names,
    ),
    timing=Timing(
        by=("mode", "resolution", "duration", "audio"),
        guess_by=VEO31_IMAGE.timing.guess_by,
        guesses=VEO31_IMAGE.timing.guesses,
    ),
    # The same args name the frame and length: image-to-video's rule of them.
    frame=VEO31_IMAGE.frame,
    title="title-text",
    kind="kind-text",
)
