#!/usr/bin/env bash
# Every test of the repository, in the order that fails fastest: types, lint,
# unit and database tests, the reliability suite, then the browser journeys
# against the demo portal.
set -euo pipefail
cd "$(dirname "$0")/.."

yarn tsc
yarn backstage-cli repo lint
CI=true yarn backstage-cli repo test
CI=true yarn test:reliability

E2E_DB=sqlite yarn test:e2e
if [ -n "${E2E_POSTGRES_URL:-}" ]; then
  E2E_DB=postgres yarn test:e2e
else
  echo "Browser journeys on PostgreSQL not run: set E2E_POSTGRES_URL=postgresql://user:pass@host:port to run them."
fi
