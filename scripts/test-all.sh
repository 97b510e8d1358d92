#!/usr/bin/env bash
# Every test of the repository, in the order that fails fastest: types, API
# and SQL reports, lint, unit and database tests, the reliability suite, the
# browser journeys against the demo portal, then the install check.
set -euo pipefail
cd "$(dirname "$0")/.."

yarn tsc
# API, SQL schema reports: fails when report.api.md, report-alpha.api.md or
# report.sql.md differ from the code (yarn build:api-reports rewrites them);
# reads the declarations that yarn tsc just wrote to dist-types.
yarn api-reports:check
yarn backstage-cli repo lint
# The published packages' metadata (plugin ids and packages); the tarballs
# themselves are checked by yarn test:install, below.
yarn backstage-cli repo fix --publish --check
CI=true yarn backstage-cli repo test
CI=true yarn test:reliability

E2E_DB=sqlite yarn test:e2e
if [ -n "${E2E_POSTGRES_URL:-}" ]; then
  E2E_DB=postgres yarn test:e2e
else
  echo "Browser journeys on PostgreSQL not run: set E2E_POSTGRES_URL=postgresql://user:pass@host:port to run them."
fi

# The README's install carried out in a fresh create-app app: packs the three
# packages (checking each tarball), installs them as the README says, builds,
# starts the app's backend and checks the API and the Maturity tab (docs/install.md).
yarn test:install
