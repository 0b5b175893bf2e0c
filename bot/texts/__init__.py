"""Every user-facing string, behind one door: `from bot import texts`, then `texts.name`.

bot/texts/words.py holds the bot's own words, bot/texts/stars.py those of Telegram Stars, and
bot/texts/admin.py what the operators see.
"""

from bot.texts.admin import *  # noqa: F403
from bot.texts.stars import *  # noqa: F403
from bot.texts.words import *  # noqa: F403
