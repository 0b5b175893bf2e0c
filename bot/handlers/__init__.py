"""Thin PTB handlers, one feature per module; they reach the use cases through `services()`.

The gate (access.py) lets only new messages from a person and button presses through, so a
handler's asserts (a user, a message) hold for every update it is given.
"""

from dataclasses import dataclass

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.core.drafts import DraftService
from bot.core.followups import AfterVideo
from bot.core.reports import Reports
from bot.jobs import JobRunner
from bot.payments.service import PaymentService
from bot.telegram.notifier import TelegramNotifier
from bot.texts.languages import Languages


@dataclass(frozen=True, slots=True)
class Services:
    """What handlers may use; built once in bot/app.py."""

    drafts: DraftService
    reports: Reports
    runner: JobRunner
    notifier: TelegramNotifier
    payments: PaymentService
    after: AfterVideo
    languages: Languages


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
