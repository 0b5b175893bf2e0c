"""The command menu and /language, in one language."""

from bot.texts.words import Say, Words


class MenuWords(Words):
    """The words of the command menu and of /language."""

    language_choose = Say("language-choose")
    language_auto = Say("language-auto")
    language_chosen = Say("language-chosen")
    language_auto_chosen = Say("language-auto-chosen")

    def command_description(self, command: str, *, priced: bool = True) -> str:
        """What a command of the menu does (`help` -> "How it works, and prices"; without
        the prices when users see none: `priced` False)."""
        if command == "help" and not priced:
            return self.message("command-help-unpriced")
        return self.message(f"command-{command}")
