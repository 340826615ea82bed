// The Rollup portal: node-resolve finds the package, rollup-plugin-import-css writes its
// stylesheet to main.css, and @web/rollup-plugin-import-meta-assets copies each file the widget
// names as `new URL(…, import.meta.url)` (its wasm files), which Rollup alone leaves as they
// are. Rollup splits the catalogues, each an `import()`, into chunks of their own.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';
import css from 'rollup-plugin-import-css';

export default {
  input: 'main.js',
  output: { dir: 'dist', format: 'es', entryFileNames: 'main.js' },
  plugins: [nodeResolve({ browser: true }), css({ output: 'main.css' }), importMetaAssets()],
};
