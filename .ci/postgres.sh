#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests, run as the `postgres` user on loopback.
#   source .ci/postgres.sh   -> installs Debian's postgresql when missing, starts a cluster in a
#                               temporary folder, exports CLAIMWATCH_TEST_POSTGRES_URL and stops
#                               the cluster (and removes the folder) when the calling shell exits.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_dir=$(mktemp -d /tmp/claimwatch-pg.XXXXXX)
chown postgres "$pg_dir"
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
su postgres -s /bin/sh -c "'$pg_bin/initdb' -D '$pg_dir/data' -A trust -U postgres >/dev/null"
su postgres -s /bin/sh -c "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/log' -w start \
    -o \"-k '$pg_dir' -p $pg_port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off\"" >/dev/null

stop_test_postgres() {
    su postgres -s /bin/sh -c "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
}
trap stop_test_postgres EXIT
export CLAIMWATCH_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$pg_port/postgres"
echo "test PostgreSQL: $CLAIMWATCH_TEST_POSTGRES_URL"
