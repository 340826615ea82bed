# Installs what building and testing missing-kbs needs, skipping what is already
# there at the right version. Sourced by scripts/demo.sh and scripts/test.sh.
# Every tool comes from a package registry (Rust crates, npm packages, Debian
# packages) or, for the Rust toolchains, from rustup; nothing is downloaded from
# anywhere else, so Trunk runs offline (see Trunk.toml).

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must be the version of the wasm-bindgen crate, which Cargo.toml pins: read
# from there, the one place it is written (scripts/split-wasm.mjs names it too, in its errors).
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([^"]*\)" }$/\1/p' "$REPO_ROOT/Cargo.toml")
# wasm-split-cli cuts the wasm into the part a first card needs and the parts that load later
# (stage 3, scripts/post-build.mjs); it must read what wasm_split_helpers 0.2 (in Cargo.lock) writes.
WASM_SPLIT_VERSION=0.2.4
# The widget's wasm is built with this pinned nightly, which builds the standard library
# for size with panics that abort at once (-Cpanic=immediate-abort): much smaller than
# stable's prebuilt one (docs/size.md). Native tests, clippy and rustfmt use the stable toolchain of
# rust-toolchain.toml. A panic is then a trap, which web/missing-kbs.js catches.
WASM_TOOLCHAIN=nightly-2026-05-20
# The most the widget's download (wasm + JS + CSS + the largest language catalogue, gzip -9) may weigh:
# 128 KB, within 8 KB of what it weighs (126,663 B), so that no more can be lost unnoticed; lower it
# as the download shrinks. scripts/test.sh fails above it (docs/size.md keeps the measurements).
WIDGET_GZIP_BUDGET=131072
# The most what loads later (the wasm parts split off for the finder with its device search, the KB
# details, a device's facts, the list's tools with the software ID form, the view of a failure, and
# the standalone page's texts and config.json reader, with the largest catalogue of their texts,
# i18n/<tag>.later.js) may weigh together, gzip -9: 120 KB, within 8 KB of what it weighs (121,364 B;
# docs/size.md). No widget fetches all of it: each part comes when its view is first shown.
LATER_GZIP_BUDGET=122880
# The browsers of the cross-engine suite (tests/engines), from Debian packages: Gecko from Firefox
# ESR, WebKit from WebKitGTK (its MiniBrowser and WebKitWebDriver). The series the suite is written
# against; apt-get installs the newest of each, and a machine with an older one gets it upgraded.
FIREFOX_ESR_SERIES=153
WEBKITGTK_SERIES=2.50

step() { printf '\n==> %s\n' "$*"; }
die() {
  printf '\nerror: %s\n' "$*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "installing system packages needs root or sudo: run as root, or install them yourself: $*"
  fi
}

APT_UPDATED=
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get is not available; install these packages yourself: $*"
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -q || die "apt-get update failed"
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" || die "apt-get install $* failed"
}

ensure_rust() {
  step "Rust toolchain and the wasm32-unknown-unknown target"
  export PATH="$HOME/.cargo/bin:$PATH"
  command -v cargo >/dev/null 2>&1 || die "cargo is not installed; install Rust with rustup (https://rustup.rs) first"
  if command -v rustup >/dev/null 2>&1; then
    (cd "$REPO_ROOT" && rustup target list --installed | grep -qx wasm32-unknown-unknown) ||
      (cd "$REPO_ROOT" && rustup target add wasm32-unknown-unknown) || die "rustup could not add the wasm32-unknown-unknown target"
  fi
  cargo --version
}

# ensure_cargo_tool BINARY "EXPECTED --version OUTPUT" cargo-install-args...
ensure_cargo_tool() {
  local binary=$1 expected=$2
  shift 2
  if [ "$("$binary" --version 2>/dev/null)" = "$expected" ]; then
    echo "$expected: already installed"
    return
  fi
  echo "installing $expected (this compiles from source and takes several minutes)"
  cargo install "$@" || die "cargo install $* failed"
  [ "$("$binary" --version 2>/dev/null)" = "$expected" ] || die "$binary --version does not print '$expected' after installing it"
}

ensure_wasm_toolchain() {
  step "Rust $WASM_TOOLCHAIN with the standard library's source, for the widget's size build"
  if rustup component list --toolchain "$WASM_TOOLCHAIN" --installed 2>/dev/null | grep -q '^rust-src'; then
    echo "$WASM_TOOLCHAIN with rust-src: already installed"
  else
    rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal --component rust-src ||
      die "rustup could not install $WASM_TOOLCHAIN with rust-src"
  fi
}

ensure_build_tools() {
  [ -n "$WASM_BINDGEN_VERSION" ] || die "Cargo.toml pins no wasm-bindgen version (wasm-bindgen = { version = \"=X.Y.Z\" })"
  step "Trunk $TRUNK_VERSION, wasm-bindgen-cli $WASM_BINDGEN_VERSION and wasm-split-cli $WASM_SPLIT_VERSION"
  ensure_cargo_tool trunk "trunk $TRUNK_VERSION" trunk --version "$TRUNK_VERSION" --locked
  ensure_cargo_tool wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  # wasm-split-cli has no --version; cargo's list of installed crates says which one is there.
  if cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    echo "wasm-split-cli $WASM_SPLIT_VERSION: already installed"
  else
    echo "installing wasm-split-cli $WASM_SPLIT_VERSION (this compiles from source and takes a few minutes)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked ||
      die "cargo install wasm_split_cli_support failed"
  fi
}

ensure_node_packages() {
  step "Node.js and the npm packages (wasm-opt from binaryen, esbuild, terser, Playwright)"
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  node --version
  local stamp="$REPO_ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$REPO_ROOT/package-lock.json" -nt "$stamp" ]; then
    # Playwright must never fetch its own browser build: the tests use Debian's Chromium.
    # Nor puppeteer-core, which drives Debian's Firefox ESR (tests/engines).
    (cd "$REPO_ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund) || die "npm ci failed"
  else
    echo "node_modules is up to date with package-lock.json"
  fi
  export PATH="$REPO_ROOT/node_modules/.bin:$PATH"
  [ "$(wasm-opt --version 2>/dev/null)" = "wasm-opt version 132 (version_132)" ] || die "wasm-opt 132 from the npm package binaryen is not on PATH"
}

ensure_system_packages() {
  step "Chromium, ChromeDriver, Firefox ESR, WebKitGTK's MiniBrowser and WebDriver, Xvfb, nginx with brotli_static, the CA store, openssl and CJK fonts (Debian packages)"
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  # nginx runs the deployment example (deploy/nginx) in the end-to-end tests.
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
  # Sends dist/'s precompressed .br copies (brotli_static in deploy/nginx).
  [ -e /etc/nginx/modules-enabled/50-mod-http-brotli-static.conf ] || missing+=(libnginx-mod-http-brotli-static)
  # The system store the nginx proxy verifies Defender's certificate against, and the openssl
  # command with which the deployment tests make certificates of their own.
  [ -s /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # Japanese and Chinese glyphs for the screenshots and the accessibility scans in those languages.
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  # The cross-engine suite (tests/engines): Gecko, and WebKit's MiniBrowser with its WebDriver,
  # which has no headless mode and runs on Xvfb's display.
  firefox_esr_is_current || missing+=(firefox-esr)
  webkitgtk_is_current libwebkit2gtk-4.1-0 || missing+=(libwebkit2gtk-4.1-0)
  webkitgtk_is_current webkit2gtk-driver || missing+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
  firefox_esr_is_current || die "firefox-esr is not of the $FIREFOX_ESR_SERIES ESR series after installing it: $(firefox-esr --version 2>&1)"
  webkitgtk_is_current libwebkit2gtk-4.1-0 && webkitgtk_is_current webkit2gtk-driver ||
    die "libwebkit2gtk-4.1-0 and webkit2gtk-driver are not of WebKitGTK $WEBKITGTK_SERIES after installing them"
  CHROMIUM_PATH=$(command -v chromium) || die "chromium is not on PATH after installing it"
  export CHROMIUM_PATH
  "$CHROMIUM_PATH" --version 2>/dev/null || true
}

firefox_esr_is_current() {
  [[ "$(firefox-esr --version 2>/dev/null)" == "Mozilla Firefox $FIREFOX_ESR_SERIES."* ]]
}

# webkitgtk_is_current PACKAGE: the Debian package is installed, of the WebKitGTK series the suite uses.
webkitgtk_is_current() {
  [[ "$(dpkg-query -W -f='${db:Status-Status} ${Version}' "$1" 2>/dev/null)" == "installed $WEBKITGTK_SERIES."* ]]
}

# What building the widget needs (the demo and scripts/build.sh stop here).
setup_build() {
  ensure_rust
  ensure_wasm_toolchain
  ensure_build_tools
  ensure_node_packages
}

# What building and testing need.
setup_all() {
  setup_build
  ensure_system_packages
}

# Runs a command with the size build's toolchain and flags (see WASM_TOOLCHAIN); each one's
# cost or saving is in docs/size.md. Naming the standard library's features replaces the ones
# cargo would pick: optimize_for_size picks its smaller code paths (sorts, formatting), and with
# backtrace, which captures nothing in this wasm, the first download measured smaller still
# (the reason unexamined).
# -Zmerge-functions=disabled: LLVM would otherwise give functions of identical code one body
# under one of their names, and drop-stream-classes.mjs turns functions into traps by name,
# which must never catch a function that something else shares; it costs a little size.
# -Clink-arg=--emit-relocs keeps the linker's relocations, which wasm-split-cli reads.
with_wasm_toolchain() {
  RUSTUP_TOOLCHAIN=$WASM_TOOLCHAIN CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=backtrace,optimize_for_size \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zmerge-functions=disabled -Clink-arg=--emit-relocs" "$@"
}

# Stages 1 and 2 of the build (scripts/post-build.mjs lists them all).
build_widget() {
  step "Release build of the widget (cargo with $WASM_TOOLCHAIN building std for size, then trunk build --release)"
  # Cargo would take either over with_wasm_toolchain's flags, which would then not apply.
  [ -z "${RUSTFLAGS:-}${CARGO_ENCODED_RUSTFLAGS:-}" ] ||
    die "RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS is set, so cargo would not use the wasm's own flags: unset it"
  # The one cargo build of the wasm, online, so that the standard library's own dependencies
  # are fetched. Trunk then runs offline, and its hook splits this wasm (MISSING_KBS_WASM)
  # rather than asking cargo again.
  (cd "$REPO_ROOT" && with_wasm_toolchain cargo build --release --target wasm32-unknown-unknown -p missing-kbs) ||
    die "cargo build of the widget's wasm failed"
  (cd "$REPO_ROOT" && MISSING_KBS_WASM="$REPO_ROOT/target/wasm32-unknown-unknown/release/missing_kbs.wasm" trunk build --release) ||
    die "trunk build --release failed"
}

# The npm package of the widget in dist/, target/npm/missing-kbs-<version>.tgz (scripts/pack.mjs).
pack_widget() {
  step "The npm package of the widget (npm pack)"
  (cd "$REPO_ROOT" && node scripts/pack.mjs) || die "packing the npm package failed"
}

build_mock_api() {
  step "Building the mock Defender API"
  (cd "$REPO_ROOT" && cargo build -p missing-kbs-mock-api) || die "building the mock API failed"
}
