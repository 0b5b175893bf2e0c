"""The models this bot knows, by ShortAPI model id, and the one new drafts use by default."""

from bot.veo.model import Options, VideoModel
from bot.veo.veo31_extend import VEO31_EXTEND
from bot.veo.veo31_frames import VEO31_FRAMES
from bot.veo.veo31_image import VEO31_IMAGE
from bot.veo.veo31_reference import VEO31_REFERENCE
from bot.veo.veo31_text import VEO31_TEXT

# Every declared model: a stored draft or job names its model by id, and is read by its
# declaration. A later model is one more declaration here.
MODELS: dict[str, VideoModel] = {
    model.id: model
    for model in (
        VEO31_IMAGE,
        VEO31_TEXT,
        VEO31_FRAMES,
        VEO31_REFERENCE,
        VEO31_EXTEND,
    )
}
DEFAULT_MODEL = VEO31_IMAGE.id
# The model of a video from a text message alone.
TEXT_MODEL = VEO31_TEXT.id
# The model of a video from an album of photos (its subject follows them).
REFERENCE_MODEL = VEO31_REFERENCE.id
# The model of a delivered video made longer ("Extend" under it).
EXTEND_MODEL = VEO31_EXTEND.id

# The seed model's id and typed options, by their earlier names.
MODEL_ID = VEO31_IMAGE.id
VideoOptions: type[Options] = VEO31_IMAGE.options


def model_of(model_id: str) -> VideoModel:
    """The declaration of a known model; KeyError for one this bot does not know."""
    return MODELS[model_id]


def read_options(model_id: str, args: dict[str, object]) -> Options:
    """A stored model id and args document, validated against the model's declaration."""
    return model_of(model_id).read(args)


def first_frame_only(model: VideoModel) -> VideoModel | None:
    """The model whose `last_frame` this one is: the same video without a last frame."""
    return next((m for m in MODELS.values() if m.last_frame == model.id), None)
