#!/usr/bin/env bash
# Prints the raw and gzip size of what a browser downloads for the widget itself
# (its wasm, its JavaScript and its CSS; MSAL.js and the standalone page excluded).
set -euo pipefail
cd "$(dirname "$0")/../dist"
files=(pkg/missing-kbs_bg.wasm pkg/missing-kbs.js missing-kbs.js missing-kbs.css)
total_raw=0
total_gzip=0
printf '%-28s %10s %10s\n' file raw gzip
for file in "${files[@]}"; do
  [ -f "$file" ] || { echo "error: dist/$file is missing" >&2; exit 1; }
  raw=$(stat -c %s "$file")
  gzip=$(gzip -9 -c "$file" | wc -c)
  total_raw=$((total_raw + raw))
  total_gzip=$((total_gzip + gzip))
  printf '%-28s %10d %10d\n' "$file" "$raw" "$gzip"
done
printf '%-28s %10d %10d\n' total "$total_raw" "$total_gzip"
