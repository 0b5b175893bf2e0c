"""The typed video options of a stored draft or job."""

from bot.veo import AspectRatio, Mode, Resolution, VideoOptions
from storage import Draft, Job


def options_of(item: Draft | Job) -> VideoOptions:
    """The typed options stored on a draft or job."""
    return VideoOptions(
        mode=Mode(item.mode),
        duration=item.duration,  # type: ignore[arg-type]
        resolution=Resolution(item.resolution),
        aspect_ratio=AspectRatio(item.aspect_ratio),
        audio=item.audio,
    )
