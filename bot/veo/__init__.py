"""ShortAPI client and its models (one declaration each), prices, errors. Imports no telegram."""

from bot.veo.client import Answer, CreatedJob, InlineImage, JobState, ShortAPIClient, Transport
from bot.veo.errors import (
    APICodeError,
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    ShortAPIError,
)
from bot.veo.model import Arg, Choice, Options, Shape, VideoModel
from bot.veo.models import (
    DEFAULT_MODEL,
    MODEL_ID,
    MODELS,
    TEXT_MODEL,
    VideoOptions,
    model_of,
    read_options,
)
from bot.veo.pricing import price_of
from bot.veo.veo31_image import DURATIONS, AspectRatio, Mode, Resolution

__all__ = [
    "DEFAULT_MODEL",
    "DURATIONS",
    "MODELS",
    "MODEL_ID",
    "TEXT_MODEL",
    "APICodeError",
    "APIConnectionError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "Answer",
    "Arg",
    "AspectRatio",
    "Choice",
    "CreatedJob",
    "InlineImage",
    "JobState",
    "Mode",
    "Options",
    "Resolution",
    "Shape",
    "ShortAPIClient",
    "ShortAPIError",
    "Transport",
    "VideoModel",
    "VideoOptions",
    "model_of",
    "price_of",
    "read_options",
]
