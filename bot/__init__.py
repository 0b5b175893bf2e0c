"""Telegram bot that turns a photo and a caption into a Google Veo 3.1 video via ShortAPI."""
