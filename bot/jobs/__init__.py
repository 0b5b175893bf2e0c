"""Jobs: the paid create call, polling, delivery. No telegram: see ports.py for that side."""

from bot.jobs.policy import PollPolicy
from bot.jobs.ports import (
    DeliveryError,
    Failure,
    ImageFetchError,
    ImageSource,
    JobNotifier,
    RemoteImage,
)
from bot.jobs.runner import JobRunner
from bot.media.images import sniff_image

__all__ = [
    "DeliveryError",
    "Failure",
    "ImageFetchError",
    "ImageSource",
    "JobNotifier",
    "JobRunner",
    "PollPolicy",
    "RemoteImage",
    "sniff_image",
]
