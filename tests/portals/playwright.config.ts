// The portal tests: each fixture portal of tests/portals/ (Vite, webpack 5, Rollup), built from
// the widget's npm package by tests/portals/build.mjs, served from its dist/ by a mock API of its
// own under the mock's strict Content Security Policy, and driven in Debian's Chromium
// (portals.spec.ts); and Vite's development server on the Vite portal. Shares the end-to-end
// tests' browser settings.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import e2e from '../e2e/playwright.config';

const repoRoot = path.resolve(__dirname, '../..');
/** Each folder of tests/portals/ with a package.json is a portal (as tests/portals/build.mjs reads them). */
const PORTALS = readdirSync(__dirname).filter((name) => existsSync(path.join(__dirname, name, 'package.json')));
const firstPort = Number(process.env.PORTALS_PORT ?? 8820);
const portOf = (index: number) => firstPort + index;
/** Vite's development server, on the Vite portal (its page only: it has no strict policy, as it adds <style> elements). */
const devPort = portOf(PORTALS.length);
const viteApi = `http://127.0.0.1:${portOf(PORTALS.indexOf('vite'))}`;

export default defineConfig({
  testDir: '.',
  testMatch: 'portals.spec.ts',
  outputDir: path.join(repoRoot, 'test-results', 'portals'),
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { ...e2e.use, baseURL: undefined },
  projects: [
    ...PORTALS.map((portal, index) => ({ name: portal, use: { baseURL: `http://127.0.0.1:${portOf(index)}` } })),
    { name: 'vite-dev', use: { baseURL: `http://127.0.0.1:${devPort}` } },
  ],
  webServer: [
    ...PORTALS.map((portal, index) => ({
      command: `target/debug/missing-kbs-mock-api --port ${portOf(index)} --dist tests/portals/${portal}/dist`,
      cwd: repoRoot,
      url: `http://127.0.0.1:${portOf(index)}/index.html`,
    })),
    {
      // Its proxy hands /api/ to the Vite portal's mock API (tests/portals/vite/vite.config.js).
      command: `npx vite --port ${devPort} --strictPort --host 127.0.0.1 --logLevel warn`,
      cwd: path.join(__dirname, 'vite'),
      env: { PORTAL_API: viteApi },
      url: `http://127.0.0.1:${devPort}/`,
    },
  ].map((server) => ({ ...server, reuseExistingServer: false, stdout: 'ignore' as const, stderr: 'pipe' as const })),
});
