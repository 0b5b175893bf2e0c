#!/bin/sh
# The image's entrypoint: check that the bot can write where its database goes, then exec the
# command (the bot stays PID 1 and gets docker stop's SIGTERM itself).
#
# Why: a host folder bind-mounted on /data that belongs to root makes SQLite fail with a bare
# "unable to open database file", and a restart loop. This names the folder, its owner and the
# fix instead, and exits 2 like the bot's own configuration errors. It never runs as root.
set -eu

db=${DATABASE_PATH:-data/bot.sqlite3}
folder=$(dirname -- "$db")
# The bot creates a missing folder itself: what must be writable is the nearest one that exists.
probe=$folder
while [ ! -e "$probe" ]; do
    probe=$(dirname -- "$probe")
done

problem=""
if [ ! -d "$probe" ] || [ ! -w "$probe" ] || [ ! -x "$probe" ]; then
    problem=$probe
else
    # A database left by an earlier run as another user is read-only to this one.
    for file in "$db" "$db-wal" "$db-shm" "$db-journal"; do
        if [ -e "$file" ] && [ ! -w "$file" ]; then
            problem=$file
            break
        fi
    done
fi

if [ -n "$problem" ]; then
    me="$(id -u):$(id -g)"
    owner=$(stat -c '%u:%g, mode %a' -- "$problem" 2>/dev/null || echo "unknown")
    echo "configuration error: $problem (owner $owner) is not writable by the bot's user" \
        "$me. Give the folder mounted there to that user, on the host:" \
        "sudo chown -R $me <host folder>" >&2
    exit 2
fi

exec "$@"
