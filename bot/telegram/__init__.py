"""Adapters to python-telegram-bot: calls, the job notifier, files, payments, updates,
polling, the leader, callback data, keyboards."""
