// The build's stages, in order: this is the one place that lists them (Trunk.toml, index.html
// and the other scripts point here). build_widget in scripts/setup.sh, which scripts/build.sh,
// scripts/demo.sh, scripts/test.sh and bench/run.sh call, runs the first two:
//
//   1. cargo builds the widget's wasm, once: with the pinned nightly that builds the standard
//      library for size, and the flags that the stages below need (with_wasm_toolchain), online,
//      so that the standard library's own dependencies can be fetched;
//   2. trunk build --release copies what index.html lists (the CSS, minified, the pages'
//      JavaScript, the catalogues, MSAL.js, config.json) to its staging folder, then runs this
//      file, its one post-build hook. Trunk starts a stage's hooks all at once, so the stages
//      that depend on each other run here, one after the other:
//   3. split-wasm.mjs cuts the wasm with wasm-split-cli at the functions marked `#[wasm_split]`:
//      a main module, one module per split, one per group of splits for the code they share, and
//      __wasm_split.js, which fetches a split when the main module first calls into it
//      (ARCHITECTURE.md, "Code that loads later"). It reads the linker's relocations, which
//      `-Clink-arg=--emit-relocs` keeps;
//   4. split-wasm.mjs has wasm-bindgen write the main module's glue into pkg/;
//   5. in a release build, split-wasm.mjs then drops the stream classes of wasm-streams, which
//      nothing uses, from the main module and its glue (drop-stream-classes.mjs), optimises
//      every module with wasm-opt, shortens the main module's import and export names in it, its
//      glue and __wasm_split.js (minify-wasm-names.mjs), and strips every module's target
//      features section, which wasm-opt reads, so last;
//   6. bundle-js.mjs names each wasm part by its content (content-names.mjs) and bundles each
//      page's JavaScript (the loader, the glue with its snippets and __wasm_split.js, given each
//      part's digest) into one module, which names each wasm file by a literal URL;
//   7. in a release build, minify-js.mjs minifies the JavaScript, the glue among it, and names
//      each catalogue by its content, as the bundles import it;
//   8. check-asset-urls.mjs fails the build unless the bundles name every file they fetch (the
//      wasm, its parts, the catalogues) by a literal URL, which a portal's bundler can follow;
//   9. in a release build, precompress.mjs writes a .br and a .gz copy beside every file that
//      compresses.
//
// Trunk then moves its staging folder to dist/; scripts/build.sh and scripts/test.sh print
// its download size (size-report.mjs; docs/size.md keeps the figures) and pack it as an npm
// package (pack.mjs).
//
// Trunk runs this with TRUNK_PROFILE and TRUNK_STAGING_DIR set, and build_widget adds
// MISSING_KBS_WASM, the wasm of stage 1. A plain `trunk build` or `trunk serve` has no stage 1,
// and Trunk's own Rust pipeline is skipped (index.html) since it cannot split the wasm: it
// stops here, with one line that says what to run.

if (!process.env.TRUNK_STAGING_DIR || !process.env.MISSING_KBS_WASM) {
  console.error(
    'error: run bash scripts/build.sh (or scripts/demo.sh), not trunk alone: Trunk cannot build the wasm this widget needs (a pinned nightly, split into parts; scripts/post-build.mjs lists the stages)',
  );
  process.exit(1);
}

await import('./split-wasm.mjs');
await import('./bundle-js.mjs');
await import('./minify-js.mjs');
await import('./check-asset-urls.mjs');
await import('./precompress.mjs');
