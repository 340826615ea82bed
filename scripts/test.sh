#!/usr/bin/env bash
# Runs every test: the JavaScript's types and formatting, native tests of the core and the mock API, the load's
# state machine in headless Chromium, a release build
# of the widget with its download size, the end-to-end tests in headless
# Chromium against the mock API, the npm package in a portal of each bundler
# (Vite, webpack, Rollup), built and driven in headless Chromium, and the cross-engine smoke suite
# in Firefox and WebKit. Installs what is missing first.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
started=$SECONDS

setup_all

step "Formatting and lints (rustfmt, clippy with warnings as errors)"
(cd "$REPO_ROOT" && cargo fmt --all -- --check && cargo clippy -p missing-kbs-core -p missing-kbs-mock-api --all-targets -- -D warnings &&
  cargo clippy --target wasm32-unknown-unknown -p missing-kbs -p missing-kbs-parse-bench -- -D warnings) || die "clippy found problems"

step "JavaScript: types (tsc over web/*.js, missing-kbs.js against missing-kbs.d.ts, and the tests) and formatting (prettier)"
(cd "$REPO_ROOT" && npx tsc -p tsconfig.json && npx prettier --check web tests/e2e tests/engines tests/portals bench scripts npm) ||
  die "the JavaScript has type errors or is not formatted (npx prettier --write web tests/e2e tests/engines tests/portals bench scripts npm)"

step "Native tests: the core and the mock API"
(cd "$REPO_ROOT" && cargo test -p missing-kbs-core -p missing-kbs-mock-api) || die "native tests failed"

step "The load's state machine: wasm-bindgen tests in headless Chromium (src/load/tests.rs)"
# wasm-bindgen-cli's runner drives Debian's Chromium through its ChromeDriver; webdriver.json
# gives it the flags a container's root user needs.
(cd "$REPO_ROOT" && CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER="$(command -v chromedriver)" cargo test --target wasm32-unknown-unknown -p missing-kbs --lib) ||
  die "the load's tests failed"

build_widget
step "Download size of the widget (wasm + JS + CSS + the largest language catalogue), against its budget"
(cd "$REPO_ROOT" && node scripts/size-report.mjs --max-gzip "$WIDGET_GZIP_BUDGET" --max-later-gzip "$LATER_GZIP_BUDGET") || die "the widget is over its download budget"
pack_widget
build_mock_api

step "End-to-end tests (Playwright, headless Chromium, mock API)"
(cd "$REPO_ROOT" && npx playwright test --config tests/e2e/playwright.config.ts) || die "end-to-end tests failed"

step "The npm package in a portal of each bundler (Vite, webpack 5, Rollup): installed, built, and driven in headless Chromium"
portals_started=$SECONDS
(cd "$REPO_ROOT" && node tests/portals/build.mjs && npx playwright test --config tests/portals/playwright.config.ts) ||
  die "a portal built with a bundler does not work (tests/portals/)"
echo "the portals took $((SECONDS - portals_started)) s"

step "Cross-engine smoke suite: Gecko (Firefox ESR), then WebKit (WebKitGTK's MiniBrowser), same build and mock"
(cd "$REPO_ROOT" && node tests/engines/run.mjs) || die "the cross-engine suite failed (test-results/engines/ has a screenshot of each case)"

step "All tests passed in $((SECONDS - started)) s"
# The cross-engine suite's counts, engine by engine (tests/engines/run.mjs writes them).
node -e '
  for (const { engine, passed, failed } of require(process.argv[1])) {
    console.log(`${engine}: ${passed.length} passed, ${failed.length} failed`);
  }
' "$REPO_ROOT/test-results/engines/results.json"
# The plain closing line CI reads: the end-to-end counts from Playwright's JSON report.
node -e '
  const { stats } = require(process.argv[1]);
  const line = `${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`;
  console.log(stats.skipped ? `e2e: ${line}, ${stats.skipped} skipped` : `e2e: ${line}`);
' "$REPO_ROOT/test-results/e2e-results.json"
