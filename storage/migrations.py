"""Ordered schema migrations, the same on both stores.

Written in SQLite's words; storage/postgres.py turns the column types into PostgreSQL's
(INTEGER ids into BIGINT, REAL into DOUBLE PRECISION, BLOB into BYTEA). A migration whose SQL
truly differs is a mapping from the store's name ("sqlite", "postgresql") to its script.
SQLite keeps the count applied in PRAGMA user_version, PostgreSQL in the schema_version table.
"""

from collections.abc import Mapping

# Migration 10, for one table: the options of its rows as the model id and args document.
_ARGS_DOCUMENT = """
    ALTER TABLE {table} ADD COLUMN model TEXT NOT NULL DEFAULT '';
    ALTER TABLE {table} ADD COLUMN args TEXT NOT NULL DEFAULT '{{}}';
    ALTER TABLE {table} ADD COLUMN estimate_key TEXT NOT NULL DEFAULT '';
    UPDATE {table} SET
        model = 'google/veo-3.1/image-to-video',
        args = '{{"aspect_ratio":"' || aspect_ratio
            || '","audio":' || CASE WHEN audio <> 0 THEN 'true' ELSE 'false' END
            || ',"duration":' || duration || ',"mode":"' || mode
            || '","resolution":"' || resolution || '"}}',
        estimate_key = 'google/veo-3.1/image-to-video|mode=' || mode
            || '|resolution=' || resolution || '|duration=' || duration
            || '|audio=' || CASE WHEN audio <> 0 THEN '1' ELSE '0' END;
    ALTER TABLE {table} DROP COLUMN mode;
    ALTER TABLE {table} DROP COLUMN duration;
    ALTER TABLE {table} DROP COLUMN resolution;
    ALTER TABLE {table} DROP COLUMN aspect_ratio;
    ALTER TABLE {table} DROP COLUMN audio;
"""

MIGRATIONS: tuple[str | Mapping[str, str], ...] = (
    # 1: users, drafts (the option sets behind the buttons) and jobs.
    """
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        first_name TEXT NOT NULL DEFAULT '',
        username TEXT,
        created_at REAL NOT NULL,
        last_seen_at REAL NOT NULL
    );
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL REFERENCES users(id),
        chat_id INTEGER NOT NULL,
        source_message_id INTEGER NOT NULL,
        message_id INTEGER,
        file_id TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        prompt TEXT,
        mode TEXT NOT NULL,
        duration INTEGER NOT NULL,
        resolution TEXT NOT NULL,
        aspect_ratio TEXT NOT NULL,
        audio INTEGER NOT NULL,
        status TEXT NOT NULL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE INDEX drafts_by_user_chat ON drafts(user_id, chat_id, status);
    CREATE TABLE jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id INTEGER NOT NULL UNIQUE REFERENCES drafts(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        chat_id INTEGER NOT NULL,
        message_id INTEGER NOT NULL,
        file_id TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        prompt TEXT NOT NULL,
        mode TEXT NOT NULL,
        duration INTEGER NOT NULL,
        resolution TEXT NOT NULL,
        aspect_ratio TEXT NOT NULL,
        audio INTEGER NOT NULL,
        price TEXT NOT NULL,
        amount TEXT,
        provider_job_id TEXT UNIQUE,
        status TEXT NOT NULL,
        error TEXT,
        result_url TEXT,
        telegram_file_id TEXT,
        poll_failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at REAL,
        created_at REAL NOT NULL,
        submitted_at REAL,
        finished_at REAL,
        delivered_at REAL,
        updated_at REAL NOT NULL
    );
    CREATE INDEX jobs_due ON jobs(status, next_poll_at);
    CREATE INDEX jobs_by_user ON jobs(user_id, created_at);
    """,
    # 2: how many status queries a job has had (the growing poll interval), and an index for
    # the all-users daily budget.
    """
    ALTER TABLE jobs ADD COLUMN polls INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX jobs_by_created ON jobs(created_at);
    """,
    # 3: hosting the photo under an unguessable URL, and a per-job secret for ShortAPI callbacks.
    """
    ALTER TABLE jobs ADD COLUMN media_token TEXT;
    ALTER TABLE jobs ADD COLUMN media_mime TEXT;
    ALTER TABLE jobs ADD COLUMN callback_secret TEXT;
    CREATE UNIQUE INDEX jobs_by_media_token ON jobs(media_token);
    CREATE UNIQUE INDEX jobs_by_callback_secret ON jobs(callback_secret);
    """,
    # 4: when the user was told that an outage delays a job (they are told once).
    """
    ALTER TABLE jobs ADD COLUMN delay_told_at REAL;
    """,
    # 5: several replicas. A job's lease (who works on it, until when); hosted photos in the
    # database, so that any replica can serve them; updates already handled, so that one
    # re-delivered at a polling takeover or a restart is not handled twice.
    """
    ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
    ALTER TABLE jobs ADD COLUMN lease_until REAL;
    CREATE TABLE media_files (
        token TEXT PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES jobs(id),
        data BLOB NOT NULL
    );
    CREATE TABLE handled_updates (
        update_id INTEGER PRIMARY KEY,
        handled_at REAL NOT NULL
    );
    CREATE INDEX handled_updates_by_time ON handled_updates(handled_at);
    """,
    # 6: Telegram Stars. The ledger is append-only: a user's balance is the sum of their rows,
    # and (kind, reference) is unique, so a repeated event (a payment's update delivered
    # twice, a failed job ended twice) inserts nothing. A job keeps the Stars it was paid with.
    """
    CREATE TABLE ledger (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        stars INTEGER NOT NULL,
        reference TEXT NOT NULL,
        note TEXT,
        created_at REAL NOT NULL,
        UNIQUE (kind, reference)
    );
    CREATE INDEX ledger_by_user ON ledger(user_id, id);
    CREATE INDEX ledger_by_time ON ledger(created_at);
    ALTER TABLE jobs ADD COLUMN stars INTEGER NOT NULL DEFAULT 0;
    """,
    # 7: the last frame of each video delivered as a file (a JPEG), which "Continue" starts
    # from; kept for a while (bot/jobs/delivery.py forgets old ones, by created_at).
    """
    CREATE TABLE job_frames (
        job_id INTEGER PRIMARY KEY REFERENCES jobs(id),
        data BLOB NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE INDEX job_frames_by_time ON job_frames(created_at);
    """,
    # 8: the language each user is spoken to in: the one chosen with /language (NULL: follow
    # Telegram), and the language_code their Telegram app sent last, for the messages the
    # bot sends outside of an update (a finished video, a failure).
    """
    ALTER TABLE users ADD COLUMN language TEXT;
    ALTER TABLE users ADD COLUMN language_code TEXT;
    """,
    # 9: the inbox. Every update Telegram hands the bot is stored here before Telegram is told
    # it arrived (the next getUpdates' offset, the webhook's 200), and leaves once handled (then
    # it is in handled_updates): one cut off by a crash or a database fault is handled again,
    # by this replica or, once its lease has run out, by another.
    """
    CREATE TABLE inbox (
        update_id INTEGER PRIMARY KEY,
        data TEXT NOT NULL,
        received_at REAL NOT NULL,
        lease_owner TEXT,
        lease_until REAL
    );
    CREATE INDEX inbox_by_lease ON inbox(lease_until);
    """,
    # 10: a model is data. A draft and a job keep their ShortAPI model's id and its args as one
    # document (JSON text, validated by the model's declaration in bot/veo), and the key of the
    # history of jobs that take as long (computed by the declaration). Every row so far was made
    # by the one model there was, google/veo-3.1/image-to-video: its document and key are built
    # here from the option columns exactly as the declaration writes them (keys sorted, no
    # spaces; the key's booleans as 1/0), and the option columns go.
    _ARGS_DOCUMENT.format(table="drafts")
    + _ARGS_DOCUMENT.format(table="jobs")
    + "CREATE INDEX jobs_by_estimate ON jobs(estimate_key, id);",
    # 11: each user's own numbers for their videos (1, 2, 3… in the order they were made),
    # which is what they read ("request #3"); the id stays the key everything else uses.
    # The rows so far are numbered in the order they were created, per user. New rows take
    # theirs in storage/submissions.py, under a per-user lock.
    """
    ALTER TABLE jobs ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
    UPDATE jobs SET number = numbered.n FROM (
        SELECT id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY created_at, id) AS n
        FROM jobs
    ) AS numbered WHERE numbered.id = jobs.id;
    CREATE UNIQUE INDEX jobs_by_user_number ON jobs(user_id, number);
    """,
    # 12: what a video is made from besides its photo, prompt and args (the model's declared
    # inputs, bot/veo/model.py): a last frame, an album's photos, the video to extend, what to
    # avoid; a JSON document as the args are (storage knows none of its keys). A draft may
    # wait for one of them from the user's next message (`waiting_for`: its key).
    """
    ALTER TABLE drafts ADD COLUMN inputs TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE drafts ADD COLUMN waiting_for TEXT;
    ALTER TABLE jobs ADD COLUMN inputs TEXT NOT NULL DEFAULT '{}';
    """,
    # 13: albums being collected. Telegram sends an album as one message per photo sharing a
    # media_group_id, in any order and possibly in separate batches: each photo is kept here
    # as it arrives (so a restart loses none), and once no photo has come for a moment the
    # album is settled, once, into one card (`settled`: by whichever replica gets there first).
    """
    CREATE TABLE albums (
        media_group_id TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL,
        chat_id INTEGER NOT NULL,
        last_at REAL NOT NULL,
        settled INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX albums_due ON albums(settled, last_at);
    CREATE TABLE album_photos (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        media_group_id TEXT NOT NULL REFERENCES albums(media_group_id),
        message_id INTEGER NOT NULL,
        file_id TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        caption TEXT,
        UNIQUE (media_group_id, message_id)
    );
    """,
)


def script_for(number: int, store: str) -> str:
    """Migration `number` (from 1) as written for this store."""
    entry = MIGRATIONS[number - 1]
    return entry if isinstance(entry, str) else entry[store]
