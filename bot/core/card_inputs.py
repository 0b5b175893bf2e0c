"""The card's buttons for what a video is made from besides its photo and prompt: Last frame
asks for a second photo (the video then ends on it, with the model that takes one) or drops
it; Avoid asks what to keep out of the video or clears it. The user's next message in the
chat gives what was asked for (storage/drafts.py: only the newest question of a chat waits).

No telegram here: the handlers pass plain values in and render what comes back.
"""

from bot.core.drafts import DraftService, IncomingImage, check_image, clean_prompt
from bot.core.errors import RequestClosed, UnknownRequest
from bot.core.inputs import AVOID, LAST_FRAME
from bot.core.options import carried, document, options_of
from bot.veo import model_of
from bot.veo.models import first_frame_only
from storage import Database, Draft


class CardInputs:
    """Last frame and Avoid on a draft's card."""

    def __init__(self, db: Database, drafts: DraftService) -> None:
        self._db = db
        self._drafts = drafts

    async def last_frame(self, draft_id: int, user_id: int) -> tuple[Draft, bool]:
        """The card's Last frame button: with a last frame, it goes (the draft's model back to
        the one without); without, the draft waits for the user's next photo as its last
        frame. The draft, and whether it now waits."""
        draft = await self._drafts.own_open(draft_id, user_id)
        model = options_of(draft).video_model
        if draft.inputs.get(LAST_FRAME):
            without = first_frame_only(model)
            if without is None:
                raise UnknownRequest()
            inputs = {k: v for k, v in draft.inputs.items() if k != LAST_FRAME}
            change = document(carried(options_of(draft), without)) | {"inputs": inputs}
            return await self._stored(await self._db.drafts.set_options(draft_id, change)), False
        if not model.last_frame:
            raise UnknownRequest()  # a button this draft's card never showed
        return await self._stored(await self._db.drafts.wait_for(draft_id, LAST_FRAME)), True

    async def give_last_frame(
        self, *, user_id: int, chat_id: int, image: IncomingImage
    ) -> Draft | None:
        """Make a photo the last frame of the card waiting for one in this chat: its model
        becomes the one that ends on it. The draft, or None when no card waits for a photo."""
        draft = await self._db.drafts.waiting(user_id, chat_id, LAST_FRAME)
        if draft is None:
            return None
        check_image(image)  # any image type the photo may be: the job fetches the file id
        model = options_of(draft).video_model
        with_tail = model_of(model.last_frame) if model.last_frame else model
        inputs = draft.inputs | {LAST_FRAME: image.file_id}
        change = document(carried(options_of(draft), with_tail)) | {
            "inputs": inputs,
            "waiting_for": None,
        }
        return await self._db.drafts.set_options(draft.id, change, waiting=LAST_FRAME)

    async def avoid(self, draft_id: int, user_id: int) -> tuple[Draft, bool]:
        """The card's Avoid button: what the video should avoid goes when there is some, else
        the draft waits for the user's next text as it. The draft, and whether it now waits."""
        draft = await self._drafts.own_open(draft_id, user_id)
        if options_of(draft).video_model.input(AVOID) is None:
            raise UnknownRequest()  # a button this draft's card never showed
        if draft.inputs.get(AVOID):
            inputs = {k: v for k, v in draft.inputs.items() if k != AVOID}
            stored = await self._db.drafts.set_options(draft_id, {"inputs": inputs})
            return await self._stored(stored), False
        return await self._stored(await self._db.drafts.wait_for(draft_id, AVOID)), True

    async def give_avoid(self, *, user_id: int, chat_id: int, text: str) -> Draft | None:
        """Make a text message what the card waiting for it should avoid. The draft, or None
        when no card waits for such words."""
        draft = await self._db.drafts.waiting(user_id, chat_id, AVOID)
        if draft is None:
            return None
        words = clean_prompt(text)
        change = {"inputs": draft.inputs | {AVOID: words}, "waiting_for": None}
        return await self._db.drafts.set_options(draft.id, change, waiting=AVOID)

    async def _stored(self, draft: Draft | None) -> Draft:
        if draft is None:
            raise RequestClosed()  # closed (or no longer waiting) meanwhile
        return draft
