// @ts-check
// The suite's `test`: Playwright's, plus
// * `controls` / `ossControls`: the two demo servers' test controls. Both servers are reset
//   before (and after) every test, so no fault or closed API leaks from one test to the next;
// * `consoleErrors`: every console error and uncaught page error of the test's page;
// * `oss`: the open-source server's base URL.
const base = require('@playwright/test');
const { TestControls } = require('./controls');
const { storefrontUrl, ossUrl } = require('./env');

async function controlsFor(playwright, url, use) {
  const request = await playwright.request.newContext({ baseURL: url });
  const controls = new TestControls(request, url);
  await controls.reset();
  try {
    await use(controls);
  } finally {
    await controls.reset().catch(() => {});
    await request.dispose();
  }
}

const test = base.test.extend({
  controls: [async ({ playwright }, use) => controlsFor(playwright, storefrontUrl(), use), { auto: true }],
  ossControls: [async ({ playwright }, use) => controlsFor(playwright, ossUrl(), use), { auto: true }],
  // eslint-disable-next-line no-empty-pattern
  oss: async ({}, use) => use(ossUrl()),
  consoleErrors: async ({ page }, use) => {
    /** @type {string[]} */
    const errors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location();
        errors.push(`console.error: ${message.text()}${where && where.url ? ` (${where.url})` : ''}`);
      }
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await use(errors);
  },
});

module.exports = { test, expect: base.expect };
