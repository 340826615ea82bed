#!/usr/bin/env bash
# Installs the build tools if they are missing, writes the release build to dist/, and packs it
# as an npm package in target/npm/.
set -euo pipefail
source "$(dirname "$0")/setup.sh"

setup_build
build_widget
(cd "$REPO_ROOT" && node scripts/size-report.mjs)
pack_widget
step "dist/ is ready: see DEPLOYING.md to serve it, EMBEDDING.md to embed it (or install target/npm/*.tgz)"
