# Sourced by run.sh and shell.sh: the settings endpoints.yml reads from the environment, with the
# embedded defaults (a SQLite tracker store in var/, Rasa's in-memory lock store). Set them to run
# several servers on PostgreSQL and Redis (docs/deploy.md), e.g.
#   TRACKER_DB_DIALECT=postgresql TRACKER_DB_URL=postgresql://postgres@127.0.0.1:5432/test \
#   LOCK_STORE_TYPE=redis LOCK_STORE_HOST=127.0.0.1 make run
export TRACKER_DB_DIALECT=${TRACKER_DB_DIALECT:-sqlite}
export TRACKER_DB_URL=${TRACKER_DB_URL:-sqlite:///var/trackers.sqlite}
export LOCK_STORE_TYPE=${LOCK_STORE_TYPE:-in_memory}
export LOCK_STORE_HOST=${LOCK_STORE_HOST:-127.0.0.1}
export LOCK_STORE_PORT=${LOCK_STORE_PORT:-6379}
export LOCK_STORE_DB=${LOCK_STORE_DB:-1}
export LOCK_STORE_PASSWORD=${LOCK_STORE_PASSWORD:-}
export LOCK_STORE_PREFIX=${LOCK_STORE_PREFIX:-coach}
