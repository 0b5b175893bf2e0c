"""The model's input options as the ShortAPI schema defines them."""

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

MODEL_ID = "google/veo-3.1/image-to-video"
DURATIONS: tuple[int, ...] = (4, 6, 8)


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


class VideoOptions(BaseModel):
    """One choice of every option; the defaults are the API's own."""

    model_config = ConfigDict(frozen=True)

    mode: Mode = Mode.FAST
    duration: Literal[4, 6, 8] = 8
    resolution: Resolution = Resolution.P720
    aspect_ratio: AspectRatio = AspectRatio.WIDE
    audio: bool = False

    def to_args(self, *, prompt: str, image: str) -> dict[str, object]:
        """The `args` object of a create call."""
        return {
            "mode": self.mode.value,
            "prompt": prompt,
            "image": image,
            # The schema types duration as a string ("4", "6", "8"), audio as a real boolean.
            "duration": str(self.duration),
            "aspect_ratio": self.aspect_ratio.value,
            "resolution": self.resolution.value,
            "generate_audio": self.audio,
        }
