"""Thin PTB handlers, one feature per module; they reach the use cases through `services()`.

The gate (access.py) lets only new messages from a person and button presses through, so a
handler's asserts (a user, a message) hold for every update it is given.
"""

from collections.abc import Awaitable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.core.albums import Albums
from bot.core.card_inputs import CardInputs
from bot.core.drafts import DraftService
from bot.core.followups import AfterVideo
from bot.core.operators import Operators
from bot.core.reports import Reports
from bot.jobs import JobRunner
from bot.jobs.generate import Generate, Started
from bot.jobs.kept import BigVideos
from bot.payments.service import PaymentService
from bot.telegram.notifier import TelegramNotifier
from bot.texts.languages import Languages


@dataclass(frozen=True, slots=True)
class Services:
    """What handlers may use; built once in bot/app.py."""

    drafts: DraftService
    inputs: CardInputs
    albums: Albums
    generate: Generate
    reports: Reports
    runner: JobRunner
    notifier: TelegramNotifier
    payments: PaymentService
    after: AfterVideo
    languages: Languages
    operators: Operators
    # How a 4K video (over Telegram's 50 MB) reaches the user here: its options card says so.
    big_videos: BigVideos = BigVideos.LINK


SERVICES_KEY = "services"


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The services stored in bot_data by the wiring point."""
    return context.bot_data[SERVICES_KEY]


async def words(update: Update, context: ContextTypes.DEFAULT_TYPE) -> texts.Texts:
    """The texts in the language of the update's sender."""
    user = update.effective_user
    if user is None:
        return texts.of(texts.FALLBACK)
    return await services(context).languages.words(user.id, user.language_code)


async def show_started(
    context: ContextTypes.DEFAULT_TYPE, started: Started, answer: Awaitable[object]
) -> None:
    """Answer a Generate (a press or a payment) and show the job's status message; its paid
    call then runs outside the update, so the bot keeps answering others meanwhile."""
    try:
        await answer
        await services(context).notifier.show_status(started.job)
    finally:
        # The job row (status submitting) is committed: it must be submitted even if
        # answering failed.
        context.application.create_task(started.submission, name=f"submit-{started.job.id}")
