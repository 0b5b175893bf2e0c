"""What a draft or job is made from besides its prompt and args, as its model declares it
(bot/veo/model.py Input): which Telegram photos the create call carries, the user's words, the
video an extension continues, and so how long a video is.

No telegram here: the job runner fetches the photos these name.
"""

from dataclasses import dataclass

from bot.core.options import options_of
from bot.veo.veo31_extend import seconds_with
from storage import Draft, Job

# The keys of a draft's and job's inputs document that the card fills (bot/veo/model.py
# Input.key): a last frame's file id, what to avoid, an album's file ids.
LAST_FRAME = "tail"
AVOID = "avoid"
REFERENCES = "images"


@dataclass(frozen=True, slots=True)
class Photos:
    """The Telegram file ids of one image input of the create call, in order: one for an
    `image`, the album's for `images` (then the create call carries a list)."""

    wire: str
    file_ids: tuple[str, ...]
    many: bool = False
    photo: bool = False  # the draft's own photo (the create call's `image`)


def photos_of(item: Draft | Job) -> list[Photos]:
    """The photos the create call of this draft or job carries, input by input (the photo
    first when the model takes one); those it lacks are left out."""
    found = []
    inputs = item.inputs
    for one in options_of(item).video_model.inputs:
        if one.photo and item.file_id:
            found.append(Photos(one.wire, (item.file_id,), photo=True))
        elif one.kind == "image" and isinstance(inputs.get(one.key), str) and inputs[one.key]:
            found.append(Photos(one.wire, (inputs[one.key],)))
        elif one.kind == "images" and isinstance(inputs.get(one.key), list):
            file_ids = tuple(str(f) for f in inputs[one.key] if f)
            if file_ids:
                found.append(Photos(one.wire, file_ids, many=True))
    return found


def words_of(item: Draft | Job) -> dict[str, str]:
    """The user's words the create call carries (what to avoid), by wire name."""
    inputs = item.inputs
    return {
        one.wire: str(inputs[one.key])
        for one in options_of(item).video_model.inputs
        if one.kind == "text" and inputs.get(one.key)
    }


def source_of(item: Draft | Job) -> int | None:
    """The id of the job whose video this draft or job extends (its model's video input), or
    None for a video of its own."""
    for one in options_of(item).video_model.inputs:
        if one.kind == "video":
            found = item.inputs.get(one.key)
            return found if isinstance(found, int) and not isinstance(found, bool) else None
    return None


def seconds_of(item: Draft | Job) -> int | None:
    """How long the video is, as its model declares it: for an extension, the whole clip (its
    source's length and the seconds it adds); None for a model that declares no length."""
    options = options_of(item)
    shape = options.video_model.shape_of(options)
    if shape is None:
        return None
    if source_of(item) is None:
        return shape.seconds
    return seconds_with(item.inputs, shape.seconds)


def videos_of(item: Draft | Job, url: str) -> dict[str, str]:
    """What the create call carries for the video this job extends, found at `url`: by the
    wire name its model declares for it."""
    return {one.wire: url for one in options_of(item).video_model.inputs if one.kind == "video"}
