#!/usr/bin/env bash
# yarn test:install: the install of README.md, carried out in a fresh
# create-app app (scripts/test-install/index.ts says what it does). Provides
# Node 22 (or uses Node 22/24 at hand) and puts the committed Yarn release on
# PATH as `yarn`, for create-app and the README's commands.
set -euo pipefail
source "$(dirname "$0")/provide-node.sh"
bin="$(mktemp -d)"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$CNMM_YARN" >"$bin/yarn"
chmod +x "$bin/yarn"
export PATH="$bin:$PATH"
cd "$CNMM_ROOT"
# This repository's own dependencies: the driver, Playwright, the build.
echo "=== 0. yarn install --immutable (this repository)"
yarn install --immutable | tail -n 3
# The driver stops what it started (commands, the backend, Chromium) when it
# ends or is signalled; a signal to this script is passed on to it.
node --require @backstage/cli-node/config/nodeTransform.cjs scripts/test-install/index.ts "$@" &
driver=$!
trap 'kill -TERM "$driver" 2>/dev/null || true' INT TERM
trap 'rm -rf "$bin"' EXIT
status=0
wait "$driver" || status=$?
# A signal interrupts the first wait; the second waits for the driver's stop.
wait "$driver" 2>/dev/null || true
exit "$status"
