"""Product rules with no Telegram, HTTP or SQL in them: drafts, options, user errors,
estimates, follow-ups, hosting, reports."""
