"""google/veo-3.1/reference-to-video, declared: a video whose subject follows up to three photos.

ShortAPI's model page (../shared/seed/veo-3.1-family.md): the prompt, `images` (a list of 1 to
3 image URLs), duration 8 only, aspect ratio 16:9 or 9:16, resolution 720p/1080p/4K, audio; no
mode (every video is made at the quality rates). Google's own API takes reference images only
for 8-second videos, which is all ShortAPI offers. An album of two or three photos with a
caption opens its card.
"""

from decimal import Decimal

from bot.veo.model import Arg, Choice, Input, PerSecond, Rate, Timing, VideoModel
from bot.veo.veo31_image import VEO31_IMAGE
from bot.veo.veo31_text import VEO31_TEXT

_IMAGE_ARGS = {arg.name: arg for arg in VEO31_IMAGE.args}
_HD = ("720p", "1080p")
_4K = ("4k",)

# USD per second: the quality rates of image-to-video, in the order of its price table.
_RATES = {
    (_HD, False): "0.16",
    (_HD, True): "0.32",
    (_4K, False): "0.32",
    (_4K, True): "0.48",
}

VEO31_REFERENCE = VideoModel(
    id="google/veo-3.1/reference-to-video",
    inputs=(Input("images", kind="images", key="images"),),
    args=(
        # One length only: the card shows it in its options line and offers no choice.
        Arg("duration", "t", (Choice(8, text="8s"),), default=8, as_text=True),
        _IMAGE_ARGS["resolution"],
        VEO31_TEXT.arg("aspect_ratio"),  # 16:9 or 9:16, as a video from text
        _IMAGE_ARGS["audio"],
    ),
    price=PerSecond(
        seconds="duration",
        rates=tuple(
            Rate(Decimal(usd), {"resolution": group, "audio": (audio,)})
            for (group, audio), usd in _RATES.items()
        ),
        row_words="help-price-row-reference",
        row_names={"resolution": "resolutions"},
    ),
    # Made at quality: the quality guesses of image-to-video for 8 s, until there is history.
    timing=Timing(
        by=("resolution", "audio"),
        guess_by=("resolution",),
        guesses={
            (resolution,): VEO31_IMAGE.timing.guesses[("quality", resolution, 8)]
            for resolution in ("720p", "1080p", "4k")
        },
    ),
    # The same args name the frame and length: image-to-video's rule of them.
    frame=VEO31_IMAGE.frame,
    title="title-reference",
    kind="kind-reference",
)
