#!/usr/bin/env bash
# Builds everything and starts the demo: the widget against the built-in mock
# Defender API, on one URL that it prints. Stop it with Ctrl+C.
# PORT picks the port (default 8787).
set -euo pipefail
source "$(dirname "$0")/setup.sh"

setup_build
build_widget
build_mock_api

step "Starting the demo"
cd "$REPO_ROOT"
exec target/debug/missing-kbs-mock-api --port "${PORT:-8787}" --dist dist --examples examples --hostile tests/hostile/cases.json
