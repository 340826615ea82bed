#!/usr/bin/env bash
# The benchmark in one command: installs what is missing, makes a release build, and runs
# bench/run.mjs (the widget against a hand-written JavaScript baseline in headless Chromium).
# Arguments go to bench/run.mjs, e.g. --runs 20.
set -euo pipefail
source "$(dirname "$0")/../scripts/setup.sh"

setup_all
build_widget
step "The parser alone, for the parsing comparison (bench/parse)"
(cd "$REPO_ROOT" && cargo build --release --target wasm32-unknown-unknown -p missing-kbs-parse-bench &&
  wasm-bindgen --target web --out-dir bench/page/parse-pkg target/wasm32-unknown-unknown/release/missing_kbs_parse_bench.wasm) ||
  die "building bench/parse failed"
# The network section's journey runs the standalone page against the mock, optimised as the
# answers of a real API would come: a debug build takes its own time to write the large ones.
step "The mock Defender API, optimised, for the network section's journey"
(cd "$REPO_ROOT" && cargo build --release -p missing-kbs-mock-api) || die "building the mock API failed"
step "Benchmark: the widget against the hand-written baseline (takes a few minutes)"
(cd "$REPO_ROOT" && node bench/run.mjs "$@") || die "the benchmark failed"
