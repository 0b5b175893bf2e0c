"""google/veo-3.1/first-last-frame-to-video, declared: a video from a first photo to a last one.

ShortAPI's model page (../shared/seed/veo-3.1-family.md) gives it image-to-video's args, values
and rates, plus `image_tail`, the last frame (required). A card of image-to-video becomes one of
this model when its user gives it a last frame ("Last frame"), and goes back when they drop it.
"""

from bot.veo.model import Input, PerSecond, Timing, VideoModel
from bot.veo.veo31_image import FRAMES_ID, VEO31_IMAGE

VEO31_FRAMES = VideoModel(
    id=FRAMES_ID,
    inputs=(Input("image"), Input("image_tail", key="tail")),
    args=VEO31_IMAGE.args,
    price=PerSecond(
        seconds="duration",
        rates=VEO31_IMAGE.price.rates,
        row_names=VEO31_IMAGE.price.row_names,
    ),
    # Its own history of times (its key starts with its id); the same guesses until there is.
    timing=Timing(
        by=VEO31_IMAGE.timing.by,
        guess_by=VEO31_IMAGE.timing.guess_by,
        guesses=VEO31_IMAGE.timing.guesses,
    ),
    frame=VEO31_IMAGE.frame,
    title="title-frames",
    kind="kind-frames",
)
