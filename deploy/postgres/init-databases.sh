#!/bin/sh
# Run once by the official postgres image on an empty data directory (mounted into
# /docker-entrypoint-initdb.d): creates one database per subgraph, health_<name>, for every name in
# $HEALTH_DATABASES (space-separated, e.g. "auth user"). `scripts/migrate.ts deploy` would also create a
# missing database; this makes the cluster complete before any application container starts.
set -eu
for name in ${HEALTH_DATABASES:-}; do
  echo "init-databases: health_${name}"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres <<SQL
SELECT 'CREATE DATABASE "health_${name}"'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'health_${name}')\gexec
SQL
done
