// `vite build` needs nothing here. Vite's development server does: it pre-bundles dependencies
// into node_modules/.vite/deps/, away from the files the widget names beside itself (its wasm
// and its catalogues), so the widget is served from its own package instead. In the portal tests
// (tests/portals/playwright.config.ts), the proxy hands the API's paths to the mock API, as a
// portal's proxy of Defender's API would.
import { defineConfig } from 'vite';

export default defineConfig({
  optimizeDeps: { exclude: ['missing-kbs'] },
  server: { proxy: process.env.PORTAL_API ? { '/api': process.env.PORTAL_API } : {} },
});
