#!/usr/bin/env bash
# Builds the three published packages and packs each as it would be published,
# into dist-packages/ (or the folder given as $1) under npm's file names:
#   cnmm-backstage-plugin-maturity-common-<version>.tgz
#   cnmm-backstage-plugin-maturity-backend-<version>.tgz
#   cnmm-backstage-plugin-maturity-<version>.tgz
# `yarn pack` runs each package's prepack (backstage-cli package prepack: the
# publishConfig entry points, the compiled config schema) and replaces the
# workspace: ranges with the released versions. Each tarball is then checked:
# no workspace: range, not private, README and CHANGELOG inside, and
# `npm publish --dry-run` clean. Nothing is published.
set -euo pipefail
source "$(dirname "$0")/provide-node.sh" >/dev/null
cd "$CNMM_ROOT"

out="$(realpath -m "${1:-dist-packages}")"
rm -rf "$out"
mkdir -p "$out"

# The build bundles the declarations that tsc writes to dist-types.
yarn tsc

for dir in plugins/maturity-common plugins/maturity-backend plugins/maturity; do
  name=$(node -p "require('./$dir/package.json').name")
  version=$(node -p "require('./$dir/package.json').version")
  # npm's naming: scope without '@', '/' as '-'.
  file="$out/$(echo "${name#@}" | tr / -)-$version.tgz"
  echo "--- $name@$version -> $file"
  (cd "$dir" && yarn build && yarn pack --out "$file" >/dev/null)
  tar -xzOf "$file" package/package.json | node -e '
    const pkg = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const problems = [];
    if (pkg.private) problems.push("private");
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
      for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
        if (/^(workspace|link|portal|file):/.test(range)) problems.push(`${field}.${dep}: ${range}`);
      }
    }
    if (problems.length) { console.error(`${pkg.name}: ${problems.join(", ")}`); process.exit(1); }'
  for doc in README.md CHANGELOG.md; do
    tar -tzf "$file" "package/$doc" >/dev/null || {
      echo "$file has no $doc" >&2
      exit 1
    }
  done
  published=$(npm publish --dry-run --access public "$file" 2>&1)
  echo "$published" | grep -E 'npm notice (name|version|filename|package size|total files):' || true
  # Without an npm login a dry run always warns that publishing needs one;
  # any other warning (such as npm correcting package.json) is a problem.
  if echo "$published" | grep -E '^npm (warn|error)' | grep -qv 'requires you to be logged in .*(dry-run)'; then
    echo "$published" >&2
    echo "npm publish --dry-run of $file is not clean" >&2
    exit 1
  fi
done
ls -l "$out"
