#!/usr/bin/env bash
# Install the browser assets from the npm registry (pinned in web/package-lock.json) and copy
# the files the page and /docs need into strikelog/api/static/vendor/ (generated, not committed).
# Idempotent: re-running reinstalls from the lock file and refreshes the copies.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/web"
vendor="$root/strikelog/api/static/vendor"

if ! command -v npm >/dev/null 2>&1; then
    echo "build-web: npm not found; install Node.js/npm (Debian: apt-get install -y npm)" >&2
    exit 1
fi

cd "$web"
# --ignore-scripts: nothing needs a postinstall step, and swagger-ui-dist pulls a telemetry hook.
SCARF_ANALYTICS=false npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

nm="$web/node_modules"
mkdir -p "$root/strikelog/api/static"
tmp="$(mktemp -d "$root/strikelog/api/static/.vendor.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/leaflet" "$tmp/markercluster" "$tmp/topojson" "$tmp/world-atlas" \
         "$tmp/uplot" "$tmp/swagger-ui"
cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/LICENSE" "$tmp/leaflet/"
cp -r "$nm/leaflet/dist/images" "$tmp/leaflet/images"
cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.css" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" \
   "$nm/leaflet.markercluster/MIT-LICENCE.txt" "$tmp/markercluster/"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$nm/topojson-client/LICENSE" "$tmp/topojson/"
cp "$nm/world-atlas/countries-50m.json" "$nm/world-atlas/countries-110m.json" \
   "$nm/world-atlas/LICENSE" "$tmp/world-atlas/"
cp "$nm/uplot/dist/uPlot.iife.min.js" "$nm/uplot/dist/uPlot.min.css" "$nm/uplot/LICENSE" "$tmp/uplot/"
cp "$nm/swagger-ui-dist/swagger-ui-bundle.js" "$nm/swagger-ui-dist/swagger-ui.css" \
   "$nm/swagger-ui-dist/favicon-32x32.png" "$nm/swagger-ui-dist/LICENSE" "$tmp/swagger-ui/"

# The versions actually installed, so the app can show what it serves.
node -e '
const fs = require("fs");
const names = ["leaflet", "leaflet.markercluster", "topojson-client", "world-atlas", "uplot", "swagger-ui-dist"];
const out = {};
for (const n of names) out[n] = JSON.parse(fs.readFileSync(`node_modules/${n}/package.json`)).version;
fs.writeFileSync(process.argv[1], JSON.stringify(out, null, 2) + "\n");
' "$tmp/versions.json"

rm -rf "$vendor"
mv "$tmp" "$vendor"
trap - EXIT
echo "build-web: assets in ${vendor#"$root"/}"
