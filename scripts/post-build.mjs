// Trunk's one post-build hook. Trunk starts the hooks of a stage all at once, so the steps
// that depend on each other run here, in order: the wasm first, then each page's JavaScript
// bundled into one module, then the minifier over the JavaScript (the glue among it), then the
// compressed copies of the final files.
//
// Trunk runs it with TRUNK_PROFILE and TRUNK_STAGING_DIR set; see [[hooks]] in Trunk.toml.

await import('./split-wasm.mjs');
await import('./bundle-js.mjs');
await import('./minify-js.mjs');
await import('./precompress.mjs');
