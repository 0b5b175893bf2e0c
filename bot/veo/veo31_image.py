"""google/veo-3.1/image-to-video, declared: a video that starts from one image.

The args, their values and defaults are the ShortAPI schema's (the seed document); the rates are
its Pricing paragraph's. Words are the catalogs' message ids; a value that reads the same in
every language (720p, 16:9, 8s) carries its label as text.
"""

from decimal import Decimal
from enum import StrEnum

from bot.veo.model import Arg, Choice, Frame, Input, PerSecond, Rate, Timing, VideoModel


class Mode(StrEnum):
    """Generation mode: fast is cheaper, quality is better."""

    FAST = "fast"
    QUALITY = "quality"


class Resolution(StrEnum):
    """Output resolution; the API spells 4K in lower case."""

    P720 = "720p"
    P1080 = "1080p"
    K4 = "4k"


class AspectRatio(StrEnum):
    """Frame aspect ratio (width:height)."""

    AUTO = "auto"
    WIDE = "16:9"
    TALL = "9:16"


DURATIONS: tuple[int, ...] = (4, 6, 8)
_HD = (Resolution.P720.value, Resolution.P1080.value)  # 720p and 1080p cost the same
_4K = (Resolution.K4.value,)

# USD per second by mode, 4K or not, and audio; in the order of the /help price table.
_RATES = {
    (Mode.FAST, _HD, False): "0.08",
    (Mode.FAST, _HD, True): "0.12",
    (Mode.FAST, _4K, False): "0.24",
    (Mode.FAST, _4K, True): "0.28",
    (Mode.QUALITY, _HD, False): "0.16",
    (Mode.QUALITY, _HD, True): "0.32",
    (Mode.QUALITY, _4K, False): "0.32",
    (Mode.QUALITY, _4K, True): "0.48",
}

# Seconds from the create call to a finished video, by mode, resolution and duration. These are
# estimates, not measurements: the seed's notes on Veo 3.1 say only "from about 11 seconds to
# several minutes", so these sit in that range (fast quicker, 4K and longer clips slower), used
# only until this bot has jobs of its own with the same options. A video is called late only
# well past them (bot/core/progress.py overtime), so a guess on the short side does no harm.
_GUESSES: dict[tuple[Mode, Resolution], tuple[float, float, float]] = {
    (Mode.FAST, Resolution.P720): (50, 60, 75),
    (Mode.FAST, Resolution.P1080): (65, 80, 95),
    (Mode.FAST, Resolution.K4): (150, 180, 210),
    (Mode.QUALITY, Resolution.P720): (110, 140, 170),
    (Mode.QUALITY, Resolution.P1080): (140, 170, 200),
    (Mode.QUALITY, Resolution.K4): (270, 320, 360),
}

# The model that makes the same video ending on a last frame the user gives (veo31_frames.py).
FRAMES_ID = "google/veo-3.1/first-last-frame-to-video"

VEO31_IMAGE = VideoModel(
    id="google/veo-3.1/image-to-video",
    inputs=(Input("image"),),
    last_frame=FRAMES_ID,
    args=(
        Arg(
            "mode",
            "m",
            (Choice("fast", word="mode-fast"), Choice("quality", word="mode-quality")),
            default="fast",
        ),
        Arg(
            "duration",
            "t",
            tuple(Choice(d, text=f"{d}s") for d in DURATIONS),
            default=8,
            as_text=True,  # the schema types duration as a string ("4", "6", "8")
        ),
        Arg(
            "resolution",
            "r",
            (Choice("720p", text="720p"), Choice("1080p", text="1080p"), Choice("4k", text="4K")),
            default="720p",
        ),
        Arg(
            "aspect_ratio",
            "a",
            (
                Choice("auto", word="aspect-auto"),
                Choice("16:9", text="16:9"),
                Choice("9:16", text="9:16"),
            ),
            default="16:9",
        ),
        Arg(
            "audio",
            "s",
            (
                Choice(False, word="options-audio-off", button="button-audio-off"),
                Choice(True, word="options-audio-on", button="button-audio-on"),
            ),
            default=False,
            wire="generate_audio",  # a real boolean on the wire
            toggle=True,
        ),
    ),
    price=PerSecond(
        seconds="duration",
        rates=tuple(
            Rate(Decimal(usd), {"mode": (mode.value,), "resolution": group, "audio": (audio,)})
            for (mode, group, audio), usd in _RATES.items()
        ),
        row_names={"resolution": "resolutions"},
    ),
    timing=Timing(
        # The aspect ratio does not change the work.
        by=("mode", "resolution", "duration", "audio"),
        guess_by=("mode", "resolution", "duration"),
        guesses={
            (mode.value, resolution.value, duration): seconds
            for (mode, resolution), row in _GUESSES.items()
            for duration, seconds in zip(DURATIONS, row, strict=True)
        },
    ),
    # Veo makes 16:9 or 9:16 frames of 1280x720, 1920x1080 or 3840x2160 (and the turned ones);
    # with auto it picks one of the two from the image by a strategy of its own.
    frame=Frame(
        seconds="duration",
        resolution="resolution",
        short_side={"720p": 720, "1080p": 1080, "4k": 2160},
        aspect="aspect_ratio",
        ratios={"16:9": (16, 9), "9:16": (9, 16)},
    ),
)
