#!/usr/bin/env bash
# End-to-end test of the web page: starts `hoso serve` on a free 127.0.0.1 port and drives the
# page in Debian's chromium (headless) with playwright-core (tests/web/e2e.mjs).
#   check_web.sh <hoso> <source dir> <out dir>
# Exits 77 (ctest: skipped) only when the browser, Node.js or playwright-core is not installed
# (.ci/install-deps installs all three).
set -euo pipefail
hoso=$1 src=$2 out=$3
web="$src/tests/web"
chromium=${HOSO_CHROMIUM:-/usr/bin/chromium}

skip() { echo "SKIP: $*" >&2; exit 77; }
[ -x "$chromium" ] || skip "no browser at $chromium (Debian package chromium; bash .ci/install-deps)"
command -v node >/dev/null || skip "no node (Debian packages nodejs npm; bash .ci/install-deps)"
[ -f "$web/node_modules/playwright-core/package.json" ] || skip "playwright-core not installed (npm ci in tests/web; bash .ci/install-deps)"

rm -rf "$out" && mkdir -p "$out"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$hoso" serve --port "$port" > "$out/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

url="http://127.0.0.1:$port/"
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$url" 2>/dev/null; then
    break
  fi
  kill -0 "$server" 2>/dev/null || { cat "$out/serve.log" >&2; echo "FAIL: hoso serve exited" >&2; exit 1; }
  sleep 0.1
done

HOSO_URL="$url" HOSO_BIN="$hoso" HOSO_OUT="$out" HOSO_CHROMIUM="$chromium" \
  node "$web/e2e.mjs"
kill -0 "$server" 2>/dev/null || { cat "$out/serve.log" >&2; echo "FAIL: hoso serve died during the test" >&2; exit 1; }
echo "web: passed (screenshots in $out)"
