"""google/veo-3.1/extend-video, declared: an earlier Veo video made seven seconds longer.

ShortAPI's model page (../shared/seed/veo-3.1-family.md): mode, prompt, `negative_prompt`,
`video` (required: a URL of the video to extend), duration 7 only, aspect ratio auto/16:9/9:16,
resolution 720p only, audio; image-to-video's 720p rates. What others report of Veo itself
(second-hand, kept here rather than in a handler): it extends only a video Veo made at 720p, by
7 seconds a time, about twenty times (about 148 seconds in all), and the video it returns is
the whole clip, the source's seconds and the new ones.
"""

from collections.abc import Mapping
from decimal import Decimal

from bot.veo.model import Arg, Choice, Frame, Input, PerSecond, Rate, Timing, Value, VideoModel
from bot.veo.veo31_image import VEO31_IMAGE

EXTEND_ID = "google/veo-3.1/extend-video"
# The inputs document of an extension: under VIDEO the id of the job whose video it extends
# (the create call's `video` is that video's URL, found at submit); under SOURCE_SECONDS that
# video's length, so that the extension's own length (the whole clip) is known without the chain.
VIDEO = "video"
SOURCE_SECONDS = "source_seconds"
# What Veo extends: a video of one of these resolutions, to at most MAX_SECONDS in all.
SOURCE_RESOLUTIONS: tuple[Value, ...] = ("720p",)
MAX_SECONDS = 148
_STEP = 7  # the seconds one extension adds: its only duration

_IMAGE_ARGS = {arg.name: arg for arg in VEO31_IMAGE.args}
assert VEO31_IMAGE.frame is not None

# USD per second by mode and audio (720p only: never the 4K rates).
_RATES = {
    ("fast", False): "0.08",
    ("fast", True): "0.12",
    ("quality", False): "0.16",
    ("quality", True): "0.32",
}

VEO31_EXTEND = VideoModel(
    id=EXTEND_ID,
    inputs=(
        Input("video", kind="video", key=VIDEO),
        Input("negative_prompt", kind="text", key="avoid", required=False),
    ),
    args=(
        _IMAGE_ARGS["mode"],
        # One length and one resolution: the options line shows them, no button offers a choice.
        Arg("duration", "t", (Choice(_STEP, text=f"{_STEP}s"),), default=_STEP, as_text=True),
        Arg("resolution", "r", (Choice("720p", text="720p"),), default="720p"),
        # auto keeps the source's frame; a new extension starts from the source's own value.
        Arg("aspect_ratio", "a", _IMAGE_ARGS["aspect_ratio"].choices, default="auto"),
        _IMAGE_ARGS["audio"],
    ),
    price=PerSecond(
        seconds="duration",
        rates=tuple(
            Rate(
                Decimal(usd),
                {"mode": (mode,), "resolution": SOURCE_RESOLUTIONS, "audio": (audio,)},
            )
            for (mode, audio), usd in _RATES.items()
        ),
        row_names={"resolution": "resolutions"},
    ),
    # Veo makes the new 7 s of 720p: image-to-video's guesses for its shortest 720p clips until
    # there is history (its key starts with its own id).
    timing=Timing(
        by=("mode", "audio"),
        guess_by=("mode",),
        guesses={
            (mode,): VEO31_IMAGE.timing.guesses[(mode, "720p", 8)] for mode in ("fast", "quality")
        },
    ),
    # The frame of its new seconds; their length is the whole clip's (seconds_with()).
    frame=Frame(
        seconds="duration",
        resolution="resolution",
        short_side={"720p": 720},
        aspect="aspect_ratio",
        ratios=VEO31_IMAGE.frame.ratios,
    ),
    title="title-extend",
    kind="kind-extend",
)


def seconds_with(inputs: Mapping[str, object], added: int) -> int:
    """The whole clip's length: its source's (in the inputs document) and the `added` seconds."""
    source = inputs.get(SOURCE_SECONDS)
    return added + (int(source) if isinstance(source, int | str) and str(source).isdigit() else 0)


def extendable(args: Mapping[str, Value], seconds: int) -> bool:
    """Whether Veo can extend a video it made with these args, `seconds` long: 720p only,
    and not past its ceiling in all."""
    return args.get("resolution") in SOURCE_RESOLUTIONS and seconds + _STEP <= MAX_SECONDS
