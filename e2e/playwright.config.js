// @ts-check
// Playwright configuration for the storefront's end-to-end suite.
//
// This file never starts a server. `cargo xtask test --layer e2e` builds dist/, starts two
// demo servers with `--test-controls` and passes their addresses:
//   STOREFRONT_URL      the "documented" edition (use.baseURL below)
//   STOREFRONT_OSS_URL  the "open-source" edition (read by support/env.js)
// To run by hand, start both servers yourself (see e2e/README.md) and export the two URLs.
//
// Browsers are never downloaded (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1): tests use Debian's
// chromium at /usr/bin/chromium, or CHROMIUM_PATH if set.
const { defineConfig, devices } = require('@playwright/test');
const { storefrontUrl } = require('./support/env');

const baseURL = storefrontUrl();

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox', // needed when running as root
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

// A phone is the default; tests tagged @desktop run only in the desktop project.
const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  userAgent: devices['Pixel 7'].userAgent,
};

module.exports = defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  retries: 0,
  // Fault injection is global server state: one worker, tests strictly in sequence.
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    serviceWorkers: 'block',
    launchOptions,
  },
  projects: [
    {
      name: 'phone',
      grepInvert: /@desktop/,
      use: { ...phone },
    },
    {
      name: 'desktop',
      grep: /@desktop/,
      use: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
    },
  ],
});
