// The webpack 5 portal: a page's usual configuration, with its stylesheet written to main.css
// (mini-css-extract-plugin), since a strict Content Security Policy refuses the <style> element
// style-loader would add. The widget's wasm files (each a `new URL(…, import.meta.url)`) and
// catalogues (each an `import()`) need no rule: webpack copies them as they are named.
import MiniCssExtractPlugin from 'mini-css-extract-plugin';
import path from 'node:path';

export default {
  mode: 'production',
  entry: './main.js',
  output: { path: path.resolve(import.meta.dirname, 'dist'), filename: 'main.js', clean: true },
  module: { rules: [{ test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] }] },
  plugins: [new MiniCssExtractPlugin({ filename: 'main.css' })],
  stats: 'errors-warnings',
};
