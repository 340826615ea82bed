import path from 'node:path';
import { defineConfig } from '@playwright/test';

const repoRoot = path.resolve(__dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 8790);

export default defineConfig({
  testDir: '.',
  outputDir: path.join(repoRoot, 'test-results'),
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: path.join(repoRoot, 'test-results', 'e2e-results.json') }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright must never download a browser of its own.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Host pages that tests fulfil through page.route have no network address, so Chromium's
        // Local Network Access would block their requests to any other loopback origin. The
        // security tests need those requests to happen, as they would from an attacker's origin,
        // to see what reaches a second origin (tests/e2e/recording-origin.ts).
        '--disable-features=LocalNetworkAccessChecks',
      ],
    },
  },
  webServer: {
    command: `target/debug/missing-kbs-mock-api --port ${port} --dist dist --examples examples --hostile tests/hostile/cases.json --slow-ms 1500`,
    cwd: repoRoot,
    url: `http://127.0.0.1:${port}/config.json`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
