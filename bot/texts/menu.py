"""The command menu and /language, in one language."""

from bot.texts.words import Say, Words


class MenuWords(Words):
    """The words of the command menu and of /language."""

    language_choose = Say("language-choose")
    language_auto = Say("language-auto")
    language_chosen = Say("language-chosen")
    language_auto_chosen = Say("language-auto-chosen")

    def command_description(self, command: str) -> str:
        """What a command of the menu does (`help` -> "How to use the bot, and prices")."""
        return self.message(f"command-{command}")
