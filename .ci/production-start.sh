#!/usr/bin/env bash
# A production install starts: the tree is built, copied without node_modules, installed with
# `npm ci --omit=dev` (no TypeScript, Vite or tsx), and `npm start` must serve the app, the API,
# the health report and an export (its worker thread) without building anything.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build
work=$(mktemp -d)
server=''
finish() {
  if [ -n "$server" ]; then kill -TERM -- "-$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap finish EXIT

tar -c --exclude=node_modules --exclude=./.git --exclude=./data --exclude=./test-results . |
  tar -x -C "$work"
cd "$work"
# prebuild-install would wait minutes for a download this network refuses: compile directly.
npm_config_build_from_source=true npm ci --omit=dev --no-audit --no-fund
for tool in typescript vite tsx vitest; do
  if [ -e "node_modules/$tool" ]; then echo "production install has $tool" >&2; exit 1; fi
done

port=18980
PORT=$port HOST=127.0.0.1 DATA_DIR="$work/data" ADMIN_PASSWORD=ci-admin-password-01 \
  PUBLIC_URL=https://jt.example.cn setsid npm start >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/api/ping" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/api/ping" >/dev/null
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">'
curl -fsS "http://127.0.0.1:$port/api/health" | grep -q '"writable":true'
# An export runs in a worker thread, which must load the compiled worker (not TypeScript).
curl -fsS -c "$work/cookies" -H 'content-type: application/json' -H 'X-Jiuting-Client: 1' \
  -d '{"username":"admin","password":"ci-admin-password-01"}' \
  "http://127.0.0.1:$port/api/auth/login" >/dev/null
curl -fsS -b "$work/cookies" "http://127.0.0.1:$port/api/exports/summary.csv" | grep -q '居民区编号'
curl -fsS -b "$work/cookies" -o "$work/assessment.xlsx" "http://127.0.0.1:$port/api/exports/assessment.xlsx"
head -c 2 "$work/assessment.xlsx" | grep -q 'PK'
if grep -q '构建' "$work/server.log"; then
  echo "npm start built something in a production install" >&2
  cat "$work/server.log" >&2
  exit 1
fi
echo "production install: npm start serves the app, the API, /api/health and the exports"
