#!/usr/bin/env bash
# Installs and runs every test (yarn test:all) on a machine with only Node 20
# and npm; see scripts/provide-node.sh. .ci/run calls this after providing
# PostgreSQL and Chromium.
set -euo pipefail
source "$(dirname "$0")/provide-node.sh"
cd "$CNMM_ROOT"
yarn install --immutable
CI=true yarn test:all
