#!/bin/bash
# Entry point of the streaming replica (official postgres image). On the first start its data
# directory is empty: copy the primary with pg_basebackup -R, which also writes standby.signal and
# primary_conninfo, and creates the replication slot "replica" on the primary, so the primary keeps
# the WAL the replica has not received yet. Later starts run the standby as it is.
set -euo pipefail
: "${PRIMARY_HOST:?the host name of the primary}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready --quiet --host="$PRIMARY_HOST" --username=replicator; do
    echo "waiting for the primary at $PRIMARY_HOST"
    sleep 1
  done
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 0700 "$PGDATA"
  PGPASSWORD="$REPLICATION_PASSWORD" gosu postgres pg_basebackup --host="$PRIMARY_HOST" \
    --username=replicator --pgdata="$PGDATA" --write-recovery-conf --wal-method=stream \
    --create-slot --slot=replica --checkpoint=fast --progress
fi
exec docker-entrypoint.sh "$@"
