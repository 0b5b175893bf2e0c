"""/jobs, /cancel and /stats."""

import asyncio
import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.core.errors import NotAdmin
from bot.core.options import options_of
from bot.handlers import services, words
from bot.media.chart import NoFont, money_chart

log = logging.getLogger(__name__)


async def on_jobs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The user's own recent jobs: date, options, price, status."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    drafts = services(context).drafts
    jobs = await drafts.recent_jobs(user.id)
    # With payments on a user pays for each video: what it cost the bot is not theirs to see.
    spent, budget = await drafts.spent_today(user.id) or (None, None)
    t = await words(update, context)
    listed = [(job, options_of(job)) for job in jobs]
    await message.reply_text(t.jobs_list(listed, spent, budget, drafts.pricing.shown))


async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Jobs and spend per day and per user, failures, jobs in flight: for admins only."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    t = await words(update, context)
    try:
        stats = await services(context).reports.stats(user.id)
    except NotAdmin as exc:
        await message.reply_text(t.user_error(exc))
        return
    text = t.stats_text(stats)
    if stats.money is None:
        await message.reply_text(text)
        return
    # Drawing takes a few tens of milliseconds of CPU: off the loop that answers everyone.
    try:
        chart = await asyncio.to_thread(money_chart, stats.money, t.chart_title, t.chart_labels())
    except NoFont as exc:
        # No font on this machine draws the admin's letters: the chart in the fallback
        # language (the report below it stays in theirs).
        log.info("chart drawn in %s: %s", texts.FALLBACK, exc)
        en = texts.of(texts.FALLBACK)
        chart = await asyncio.to_thread(
            money_chart, stats.money, en.chart_title, en.chart_labels()
        )
    await message.reply_photo(chart, caption=texts.shorten(text, texts.CAPTION_LIMIT))
    if texts.utf16_len(text) > texts.CAPTION_LIMIT:
        await message.reply_text(text)


async def on_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Close the user's open options message(s) in this chat."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    svc, t = services(context), await words(update, context)
    closed = await svc.drafts.cancel_all(user.id, message.chat_id)
    if not closed:
        await message.reply_text(t.nothing_to_cancel)
        return
    for draft in closed:
        if draft.message_id is not None:
            await svc.notifier.edit(draft.chat_id, draft.message_id, t.cancelled_message)
    await message.reply_text(t.cancelled_count(len(closed)))
