#!/usr/bin/env bash
# Installs and starts the demo portal (:3000, backend :7007) on a machine with
# only Node 20 and npm; see scripts/provide-node.sh.
set -euo pipefail
source "$(dirname "$0")/provide-node.sh"
cd "$CNMM_ROOT"
yarn install
exec node "$CNMM_YARN" start
