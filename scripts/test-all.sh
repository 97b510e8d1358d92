#!/usr/bin/env bash
# Every test of the repository, in the order that fails fastest: types, API
# and SQL reports, lint, unit and database tests, the reliability suite, then
# the browser journeys against the demo portal.
set -euo pipefail
cd "$(dirname "$0")/.."

yarn tsc
# API, SQL schema reports: fails when report.api.md, report-alpha.api.md or
# report.sql.md differ from the code (yarn build:api-reports rewrites them);
# reads the declarations that yarn tsc just wrote to dist-types.
yarn api-reports:check
yarn backstage-cli repo lint
# The published packages: metadata in order, and each tarball as npm would
# publish it (no workspace: range, README and CHANGELOG inside, npm publish
# --dry-run clean); the full install into a fresh app is yarn test:install.
yarn backstage-cli repo fix --publish --check
yarn pack:plugins
CI=true yarn backstage-cli repo test
CI=true yarn test:reliability

E2E_DB=sqlite yarn test:e2e
if [ -n "${E2E_POSTGRES_URL:-}" ]; then
  E2E_DB=postgres yarn test:e2e
else
  echo "Browser journeys on PostgreSQL not run: set E2E_POSTGRES_URL=postgresql://user:pass@host:port to run them."
fi
