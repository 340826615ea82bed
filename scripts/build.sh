#!/usr/bin/env bash
# Installs the build tools if they are missing and writes the release build to dist/.
set -euo pipefail
source "$(dirname "$0")/setup.sh"

setup_build
build_widget
(cd "$REPO_ROOT" && node scripts/size-report.mjs)
step "dist/ is ready: see DEPLOYING.md to serve it, EMBEDDING.md to embed it"
