"""ShortAPI client for Veo 3.1 image-to-video: models, pricing, errors. Imports no telegram."""

from bot.veo.client import CreatedJob, InlineImage, JobState, ShortAPIClient
from bot.veo.errors import (
    APICodeError,
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    ShortAPIError,
)
from bot.veo.models import (
    DURATIONS,
    MODEL_ID,
    AspectRatio,
    Mode,
    Resolution,
    VideoOptions,
)
from bot.veo.pricing import price_of, rate_per_second

__all__ = [
    "DURATIONS",
    "MODEL_ID",
    "APICodeError",
    "APIConnectionError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "AspectRatio",
    "CreatedJob",
    "InlineImage",
    "JobState",
    "Mode",
    "Resolution",
    "ShortAPIClient",
    "ShortAPIError",
    "VideoOptions",
    "price_of",
    "rate_per_second",
]
