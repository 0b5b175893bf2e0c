"""Use cases for drafts: a photo becomes an option set, options change, Generate makes a job.

No telegram here: handlers pass plain values in and render what comes back.
"""

import time
from dataclasses import dataclass
from decimal import Decimal

from bot.core.errors import (
    BotDailyLimit,
    EmptyPrompt,
    ImageTooLarge,
    NoPendingPhoto,
    NotYourRequest,
    PromptTooLong,
    RequestClosed,
    SpendLimitReached,
    StarsShort,
    TooManyActiveJobs,
    UnknownRequest,
    UnsupportedFile,
    UserError,
)
from bot.core.estimates import ExpectedTimes
from bot.core.inputs import AVOID, REFERENCES
from bot.core.options import carried, changed, document, options_of
from bot.core.pricing import Cost, StarPricing
from bot.core.progress import Expected
from bot.core.prompts import shows_something
from bot.veo import DEFAULT_MODEL, TEXT_MODEL, Options, VideoModel, model_of, price_of
from bot.veo.models import EXTEND_MODEL, REFERENCE_MODEL, first_frame_only
from bot.veo.veo31_extend import SOURCE_SECONDS, VIDEO
from storage import (
    Database,
    Draft,
    DraftStatus,
    Job,
    Lease,
    LimitReached,
    NotEnoughStars,
    Purchase,
    SpendLimits,
)

MAX_PROMPT_CHARS = 2000
# The Bot API's getFile refuses files over 20 MB, so the bot could never fetch a larger one.
MAX_IMAGE_BYTES = 20 * 1024 * 1024
IMAGE_MIME_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})


@dataclass(frozen=True, slots=True)
class Budget:
    """The operator's limits; zero means no limit."""

    user_daily: Decimal = Decimal(0)
    daily: Decimal = Decimal(0)
    max_active_per_user: int = 0

    def limits(self, now: float, paid: bool = False) -> SpendLimits:
        """The limits for a job created at `now`, counted in UTC days; a user who pays for each
        video (`paid`) has no USD budget of their own."""
        return SpendLimits(
            user_daily=None if paid else self.user_daily or None,
            daily=self.daily or None,
            max_active=self.max_active_per_user or None,
            day_start=utc_day_start(now),
        )


def utc_day_start(now: float) -> float:
    """The Unix time of 00:00 UTC on the day of `now`."""
    return now - now % 86400


@dataclass(frozen=True, slots=True)
class IncomingImage:
    """The image part of a user's message, as Telegram described it."""

    file_id: str
    mime_type: str | None
    file_size: int | None


@dataclass(frozen=True, slots=True)
class TelegramUser:
    """Who sent an update."""

    id: int
    first_name: str
    username: str | None
    language_code: str | None = None


def clean_prompt(text: str | None) -> str:
    """The prompt as it will be sent, or a UserError saying what is wrong with it.

    It needs a character that shows: a caption of zero-width spaces or Hangul fillers looks
    empty to its sender and would make a paid video of nothing. What shows is kept exactly as
    written, with the joiners of its emoji and the marks of its script.
    """
    prompt = (text or "").strip()
    if not shows_something(prompt):
        raise EmptyPrompt()
    if len(prompt) > MAX_PROMPT_CHARS:
        raise PromptTooLong()
    return prompt


def check_image(image: IncomingImage) -> str:
    """The image's MIME type, or a UserError saying why the bot cannot take it."""
    mime = (image.mime_type or "").lower()
    if mime not in IMAGE_MIME_TYPES:
        raise UnsupportedFile()
    if image.file_size is not None and image.file_size > MAX_IMAGE_BYTES:
        raise ImageTooLarge()
    return mime


@dataclass(frozen=True, slots=True)
class PaidVideo:
    """A payment for one video: whether it was credited now (False: counted before), the job
    it made, or why none was made."""

    credited: bool
    job: Job | None
    refusal: UserError | None


class DraftService:
    """Drafts from photo to Generate."""

    def __init__(
        self,
        db: Database,
        budget: Budget | None = None,
        pricing: StarPricing | None = None,
        model: str = DEFAULT_MODEL,
    ) -> None:
        self._db = db
        # The ShortAPI model of new drafts (bot/veo declares it); a stored draft keeps its own.
        self.model = model_of(model)
        self._budget = budget or Budget()
        self.pricing = pricing or StarPricing()
        self._expected = ExpectedTimes(db)

    async def start(
        self,
        *,
        user: TelegramUser,
        chat_id: int,
        source_message_id: int,
        image: IncomingImage,
        caption: str | None,
    ) -> Draft:
        """Check a received image and its caption; a draft that is open or awaits its prompt."""
        mime = check_image(image)
        prompt = clean_prompt(caption) if caption is not None else None
        await self._db.users.touch(user.id, user.first_name, user.username, user.language_code)
        return await self._db.drafts.create(
            user_id=user.id,
            chat_id=chat_id,
            source_message_id=source_message_id,
            file_id=image.file_id,
            mime_type=mime,
            prompt=prompt,
            options=document(await self.defaults(user.id)),
        )

    async def from_text(
        self, *, user: TelegramUser, chat_id: int, source_message_id: int, text: str
    ) -> Draft:
        """A text message with no photo waiting for it: an open draft of a video from that
        text alone (TEXT_MODEL), no image."""
        prompt = clean_prompt(text)
        await self._db.users.touch(user.id, user.first_name, user.username, user.language_code)
        return await self._db.drafts.create(
            user_id=user.id,
            chat_id=chat_id,
            source_message_id=source_message_id,
            file_id="",  # no image: the model takes none
            mime_type="",
            prompt=prompt,
            options=document(await self.defaults(user.id, model_of(TEXT_MODEL))),
        )

    async def from_album(
        self,
        *,
        user_id: int,
        chat_id: int,
        source_message_id: int,
        images: list[IncomingImage],
        caption: str | None,
    ) -> Draft:
        """An album of photos (in its order; its sender's user row exists): a draft of a video
        whose subject follows them (REFERENCE_MODEL), or of one photo's video when only one
        came; open when the album had a caption, else waiting for its prompt."""
        for image in images:
            check_image(image)
        prompt = clean_prompt(caption) if caption is not None else None
        model = model_of(REFERENCE_MODEL) if len(images) > 1 else self.model
        inputs = {REFERENCES: [image.file_id for image in images]} if len(images) > 1 else {}
        return await self._db.drafts.create(
            user_id=user_id,
            chat_id=chat_id,
            source_message_id=source_message_id,
            file_id=images[0].file_id,  # what the card and the video's cover show
            mime_type=(images[0].mime_type or "").lower(),
            prompt=prompt,
            options=document(await self.defaults(user_id, model)),
            inputs=inputs,
        )

    async def defaults(self, user_id: int, model: VideoModel | None = None) -> Options:
        """The options of the user's last Generate with `model` (by default the model of new
        drafts from a photo), or the model's own defaults."""
        model = model or self.model
        # Most users keep to one kind of video: one row answers, and only a user who switched
        # kinds has a few more read (a new photo's card is on every user's busiest path).
        last = await self._db.jobs.recent_for_user(user_id, 1)
        if last and last[0].model != model.id:
            last = await self._db.jobs.recent_for_user(user_id, 10)
        for job in last:
            if job.model == model.id:
                return options_of(job)
        return model.defaults()

    async def ask_prompt(self, draft_id: int, user_id: int) -> Draft:
        """The card's Prompt button: the draft waits for a new prompt, options kept."""
        await self.own_open(draft_id, user_id)
        draft = await self._db.drafts.ask_prompt(draft_id)
        if draft is None:
            raise RequestClosed()
        return draft

    async def from_job(
        self,
        job: Job,
        *,
        chat_id: int,
        source_message_id: int,
        prompt: str | None,
        file_id: str | None = None,
    ) -> Draft:
        """A new draft with a job's photo (or another image), options and inputs: open when it
        has a prompt, else waiting for one. Another image for a job made from text alone takes
        the model of new drafts from a photo, one for a job between two frames the model
        without a last frame, with as much of the job's options as it has."""
        options, inputs = options_of(job), dict(job.inputs)
        if file_id:
            # Another photo starts a video of its own: from a photo alone (no last frame),
            # keeping what of the job's options and inputs that model has.
            model = options.video_model if options.video_model.takes_image else self.model
            model = first_frame_only(model) or model
            options = carried(options, model)
            inputs = {key: value for key, value in inputs.items() if model.input(key)}
        return await self._db.drafts.create(
            user_id=job.user_id,
            chat_id=chat_id,
            source_message_id=source_message_id,
            file_id=file_id or job.file_id,
            mime_type="image/jpeg" if file_id else job.mime_type,
            prompt=prompt,
            options=document(options),
            inputs=inputs,
        )

    async def extending(
        self, job: Job, *, chat_id: int, source_message_id: int, seconds: int
    ) -> Draft:
        """A new draft of the job's video (`seconds` long) made longer, waiting for the prompt
        of its next seconds: with as much of the job's options as the extension has (its
        aspect ratio the source's), and what the job avoided."""
        model = model_of(EXTEND_MODEL)
        inputs: dict[str, object] = {VIDEO: job.id, SOURCE_SECONDS: seconds}
        if job.inputs.get(AVOID) and model.input(AVOID):
            inputs[AVOID] = job.inputs[AVOID]
        return await self._db.drafts.create(
            user_id=job.user_id,
            chat_id=chat_id,
            source_message_id=source_message_id,
            file_id="",  # no image: the video is its input
            mime_type="",
            prompt=None,
            options=document(carried(options_of(job), model)),
            inputs=inputs,
        )

    async def give_prompt(self, *, user_id: int, chat_id: int, text: str) -> Draft:
        """Make a text message the prompt of the photo waiting for one."""
        draft = await self._db.drafts.awaiting_prompt(user_id, chat_id)
        if draft is None:
            raise NoPendingPhoto()
        prompt = clean_prompt(text)
        if not await self._db.drafts.give_prompt(draft.id, prompt):
            raise NoPendingPhoto()
        return await self._get(draft.id)

    async def attach_message(self, draft_id: int, message_id: int) -> None:
        """Remember the options message that shows this draft."""
        await self._db.drafts.set_message(draft_id, message_id)

    async def change_option(self, draft_id: int, user_id: int, **change: str) -> Draft | None:
        """Apply one press on an option ({callback code: value text}); the new draft, or None
        when nothing changed."""
        draft = await self.own_open(draft_id, user_id)
        current = options_of(draft)
        try:
            updated = changed(current, change)
        except ValueError:
            raise UnknownRequest() from None  # not an option of this draft's model
        if updated == current:
            return None
        stored = await self._db.drafts.set_options(draft_id, document(updated))
        if stored is None:
            raise RequestClosed()
        return stored

    async def cancel(self, draft_id: int, user_id: int) -> Draft:
        """Close one of the user's drafts."""
        await self.own_open(draft_id, user_id)
        if not await self._db.drafts.cancel(draft_id):
            raise RequestClosed()
        return await self._get(draft_id)

    async def cancel_all(self, user_id: int, chat_id: int) -> list[Draft]:
        """Close every unfinished draft of this user in this chat; the ones closed."""
        closed = []
        for draft in await self._db.drafts.unfinished(user_id, chat_id):
            if await self._db.drafts.cancel(draft.id):
                closed.append(draft)
        return closed

    async def generate(self, draft_id: int, user_id: int, lease: Lease | None = None) -> Job:
        """Close the draft and write its job row (status submitting, held by `lease`): at most
        one per draft.

        With payments on, its price in Stars is taken from the balance in the same
        transaction, or StarsShort says how many are missing.
        """
        draft = await self.own_open(draft_id, user_id)
        price, stars = self._charge(price_of(options_of(draft)))
        try:
            job = await self._db.jobs.create_from_draft(
                draft_id, user_id, price, self._limits(), lease=lease, stars=stars
            )
        except LimitReached as exc:
            raise self._limit_error(exc, price) from None
        except NotEnoughStars as exc:
            raise StarsShort(draft_id, stars, exc.balance, draft.prompt or "") from None
        if job is None:
            raise RequestClosed()
        return job

    async def generate_paid(
        self, purchase: Purchase, draft_id: int, lease: Lease | None = None
    ) -> PaidVideo:
        """Credit a payment made for this draft and make its job (held by `lease`), in one
        transaction; the Stars stay on the balance when the draft is closed or the job
        refused."""
        draft = await self._db.drafts.get(draft_id)
        price, stars = Decimal(0), 0
        if draft is not None and draft.user_id == purchase.user_id:
            price, stars = self._charge(price_of(options_of(draft)))
        else:
            draft_id = 0  # no such draft of this user's: the Stars are credited, nothing made
        outcome = await self._db.jobs.create_paid(
            purchase, draft_id, price, self._limits(), lease, stars=stars
        )
        refusal: UserError | None = None
        if outcome.job is None:
            exc = outcome.refused
            if isinstance(exc, LimitReached):
                refusal = self._limit_error(exc, price)
            elif isinstance(exc, NotEnoughStars):
                refusal = StarsShort(draft_id, stars, exc.balance)
            else:
                refusal = RequestClosed()
        return PaidVideo(outcome.credited, outcome.job, refusal)

    def _charge(self, price: Decimal) -> tuple[Decimal, int]:
        """What a job at this price spends of the day's budgets and takes from a balance:
        nothing for a simulated video (the sandbox), whatever the draft's invoice was for."""
        if self.pricing.sandbox:
            return Decimal(0), 0
        return price, self.pricing.stars(price) if self.pricing.enabled else 0

    def cost(self, draft: Draft) -> Cost:
        """What Generate would cost with the draft's current options, as the user sees it."""
        return self.pricing.of(options_of(draft))

    def _limits(self) -> SpendLimits:
        return self._budget.limits(time.time(), paid=self.pricing.enabled)

    def _limit_error(self, exc: LimitReached, price: Decimal) -> UserError:
        if exc.kind == "active":
            return TooManyActiveJobs(int(exc.limit))
        limit, left = Decimal(exc.limit), Decimal(exc.left)
        if exc.kind == "daily" and (self.pricing.enabled or not self.pricing.shown):
            return BotDailyLimit(price, limit, left, paid=self.pricing.enabled)
        return SpendLimitReached(exc.kind, price, limit, left, priced=self.pricing.shown)

    async def spent_today(self, user_id: int) -> tuple[Decimal, Decimal | None] | None:
        """What the user's jobs may have cost today (UTC), and their daily budget if any;
        None with payments on, where a user pays for each video and has no USD budget."""
        if self.pricing.enabled:
            return None
        spent = await self._db.jobs.spent_since(utc_day_start(time.time()), user_id)
        return spent, self._budget.user_daily or None

    async def recent_jobs(self, user_id: int, limit: int = 10) -> list[Job]:
        """The user's newest jobs."""
        return await self._db.jobs.recent_for_user(user_id, limit)

    async def _get(self, draft_id: int) -> Draft:
        draft = await self._db.drafts.get(draft_id)
        if draft is None:
            raise UnknownRequest()
        return draft

    async def own_open(self, draft_id: int, user_id: int) -> Draft:
        draft = await self._get(draft_id)
        if draft.user_id != user_id:
            raise NotYourRequest()
        if draft.status is not DraftStatus.OPEN:
            raise RequestClosed()
        return draft

    async def expected(self, draft: Draft) -> Expected:
        """How long a video with the draft's options usually takes here (for the card)."""
        return await self._expected.of(options_of(draft))
