#!/usr/bin/env bash
# Prints the raw and gzip size of what a browser downloads for the widget (dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
total_raw=0
total_gzip=0
printf '%-28s %10s %10s\n' file raw gzip
for file in dist/*.wasm dist/*.js dist/*.css; do
  raw=$(stat -c %s "$file")
  gzip=$(gzip -9 -c "$file" | wc -c)
  total_raw=$((total_raw + raw))
  total_gzip=$((total_gzip + gzip))
  printf '%-28s %10d %10d\n' "${file#dist/}" "$raw" "$gzip"
done
printf '%-28s %10d %10d\n' total "$total_raw" "$total_gzip"
