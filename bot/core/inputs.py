"""What a draft or job is made from besides its prompt and args, as its model declares it
(bot/veo/model.py Input): which Telegram photos the create call carries, and the user's words.

No telegram here: the job runner fetches the photos these name.
"""

from dataclasses import dataclass

from bot.core.options import options_of
from storage import Draft, Job


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
