"""Money: the ledger's use cases and Star prices; the provider (Telegram Stars) behind a port."""
