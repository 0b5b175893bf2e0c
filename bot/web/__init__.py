"""The aiohttp server: webhook, health, metrics, and the guard in front of them."""
