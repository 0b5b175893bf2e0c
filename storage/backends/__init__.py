"""The two stores behind one small API: SQLite (aiosqlite) and PostgreSQL (asyncpg)."""
