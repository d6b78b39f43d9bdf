// @ts-check
// The suite's `test`: Playwright's, plus
// * `controls` / `ossControls`: the two demo servers' test controls. Both servers are reset
//   before (and after) every test, so no fault or closed API leaks from one test to the next;
// * `browserErrors` (automatic): every console error, uncaught page error and wasm panic of
//   every page the test opens (its `page`, popups, and pages of contexts it creates with
//   `browser.newContext()`/`browser.newPage()`). After the test the list must be empty, or the
//   test fails with it. A test that provokes errors on purpose allows exactly those, narrowly:
//     test.use({ allowedConsoleErrors: [/status of 500 .*\/api\/archive\/list/] })
//   or, inside the test, `allowConsoleErrors(testInfo, /…/)`. Patterns are matched against
//   the reported line, e.g.
//     `console.error: Failed to load resource: the server responded with a status of 500 (Internal Server Error) (http://…/api/archive/list?…)`.
//   A wasm panic (`panicked at`, `RuntimeError: unreachable`) can never be allowed.
// * `consoleErrors`: the same list, for tests that want to look at it while running;
// * `oss`: the open-source server's base URL;
// * `cspViolations` (automatic): every Content-Security-Policy violation of every page the test
//   opens (the document's `securitypolicyviolation` events, and console lines that name the
//   policy, which also covers violations reported outside the document). The servers send
//   issue 8's strict policy, so after the test the list must be empty. Nothing can allow a
//   violation; a test that provokes one on purpose asserts it and then empties the list
//   (`cspViolations.splice(0)`), and allows its console line with `allowConsoleErrors`.
//   Violations in the lines look like
//     `securitypolicyviolation: enforce script-src-elem blocked inline "window.x = 1" at http://…/:0`.
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

/**
 * The edition probe: on the open-source server the documented-only `/api/cart/list` (or, on
 * a product page, `/api/archive/sku`, which doubles as the probe there) is an HTML 404,
 * which the browser logs. The app probes once per browser and keeps the answer, so the
 * first such line of a test is expected and a second one is a caching bug.
 */
function isEditionProbe(line) {
  const origin = new URL(ossUrl()).origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^console\\.error: Failed to load resource: the server responded with a status of 404 \\(Not Found\\) \\(${origin}/api/(cart/list|archive/sku)(\\?[^)]*)?\\)$`,
  ).test(line);
}

/** What no allowance may excuse: Rust panics and wasm aborts. */
const PANIC = /panicked at|RuntimeError: unreachable|wasm-bindgen: imported JS function that was not marked as `catch` threw an error/;

/** Refuses anything but a narrow regular expression. */
function checkPattern(p) {
  if (!(p instanceof RegExp)) throw new Error(`console-error allowances are regular expressions, got ${p}`);
  if (p.flags.includes('g') || p.flags.includes('y')) throw new Error(`${p}: no g/y flags (they make test() stateful)`);
  if (p.test('') || p.test('console.error: anything at all') || p.test('pageerror: Error: boom')) {
    throw new Error(`${p} is a blanket allowance; name the message`);
  }
}

/** Extra allowances registered from inside a test, by test id. */
const extraAllowances = new Map();

/**
 * Allows console errors matching `patterns` for the rest of this test (never a panic).
 * @param {import('@playwright/test').TestInfo} testInfo
 * @param {...RegExp} patterns
 */
function allowConsoleErrors(testInfo, ...patterns) {
  for (const p of patterns) checkPattern(p);
  const list = extraAllowances.get(testInfo.testId) || [];
  list.push(...patterns);
  extraAllowances.set(testInfo.testId, list);
}

/**
 * Starts collecting errors of `page` into `errors`.
 * @param {import('@playwright/test').Page} page
 * @param {string[]} errors
 * @param {WeakSet<object>} watched
 */
function watchPage(page, errors, watched) {
  if (watched.has(page)) return;
  watched.add(page);
  page.on('console', (message) => {
    const text = message.text();
    // Panics go through console.error, but catch them whatever level prints them.
    if (message.type() === 'error' || PANIC.test(text)) {
      const where = message.location();
      errors.push(`console.${message.type()}: ${text}${where && where.url ? ` (${where.url})` : ''}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.name}: ${error.message}`));
  page.on('crash', () => errors.push(`crash: the page crashed (${page.url()})`));
}

/**
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string[]} errors
 * @param {WeakSet<object>} watched
 */
function watchContext(context, errors, watched) {
  if (watched.has(context)) return;
  watched.add(context);
  for (const page of context.pages()) watchPage(page, errors, watched);
  context.on('page', (page) => watchPage(page, errors, watched));
}

/** Console lines the browser prints for a policy violation ("Refused to …", or in Chromium 156
 * "Executing inline script violates the following Content Security Policy directive …"). */
const CSP_CONSOLE = /Content Security Policy|Content-Security-Policy/;
/** The page function the init script reports violations through. */
const CSP_BINDING = '__storefrontCspViolation';

/**
 * Reports every `securitypolicyviolation` of `context`'s pages into `violations`. The init
 * script runs before any page script and is not itself subject to the page's policy.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string[]} violations
 * @param {WeakSet<object>} watched
 */
async function watchCsp(context, violations, watched) {
  if (watched.has(context)) return;
  watched.add(context);
  const watchPageConsole = (/** @type {import('@playwright/test').Page} */ page) =>
    page.on('console', (message) => {
      if (CSP_CONSOLE.test(message.text())) violations.push(`console.${message.type()}: ${message.text()}`);
    });
  for (const page of context.pages()) watchPageConsole(page);
  context.on('page', watchPageConsole);
  await context.exposeBinding(CSP_BINDING, ({ page }, report) => {
    violations.push(
      `securitypolicyviolation: ${report.disposition} ${report.directive} blocked ${report.blocked || '(inline)'}` +
        `${report.sample ? ` "${report.sample}"` : ''} at ${report.source || page.url()}:${report.line}`,
    );
  });
  await context.addInitScript((binding) => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const send = /** @type {any} */ (window)[binding];
        if (typeof send === 'function') {
          send({
            disposition: e.disposition,
            directive: e.effectiveDirective,
            blocked: e.blockedURI,
            sample: e.sample,
            source: e.sourceFile,
            line: e.lineNumber,
          });
        }
      },
      true,
    );
  }, CSP_BINDING);
}

const test = base.test.extend({
  controls: [async ({ playwright }, use) => controlsFor(playwright, storefrontUrl(), use), { auto: true }],
  ossControls: [async ({ playwright }, use) => controlsFor(playwright, ossUrl(), use), { auto: true }],
  // eslint-disable-next-line no-empty-pattern
  oss: async ({}, use) => use(ossUrl()),

  /** Console errors this test expects (narrow regular expressions; see the top of the file). */
  allowedConsoleErrors: [/** @type {RegExp[]} */ ([]), { option: true }],

  browserErrors: [
    async ({ context, browser, allowedConsoleErrors }, use, testInfo) => {
      /** @type {string[]} */
      const errors = [];
      const watched = new WeakSet();
      watchContext(context, errors, watched);
      // Contexts the test makes itself (a "fresh visitor"): watch them too.
      const originalNewContext = browser.newContext;
      browser.newContext = async function newContext(...args) {
        const created = await originalNewContext.apply(this, args);
        watchContext(created, errors, watched);
        return created;
      };
      try {
        await use(errors);
      } finally {
        browser.newContext = originalNewContext;
      }
      for (const p of allowedConsoleErrors) checkPattern(p);
      const allowed = [...allowedConsoleErrors, ...(extraAllowances.get(testInfo.testId) || [])];
      extraAllowances.delete(testInfo.testId);
      let probes = 0;
      const unexpected = errors.filter((line) => {
        if (PANIC.test(line)) return true;
        if (isEditionProbe(line) && probes++ === 0) return false;
        return !allowed.some((p) => p.test(line));
      });
      if (unexpected.length > 0) {
        throw new Error(
          `The browser reported ${unexpected.length} unexpected error(s) during the test:\n` +
            unexpected.map((line) => `  • ${line}`).join('\n') +
            (allowed.length ? `\n(allowed for this test: ${allowed.map(String).join(', ')})` : ''),
        );
      }
    },
    { auto: true },
  ],
  consoleErrors: async ({ browserErrors }, use) => use(browserErrors),

  cspViolations: [
    async ({ context, browser }, use) => {
      /** @type {string[]} */
      const violations = [];
      const watched = new WeakSet();
      await watchCsp(context, violations, watched);
      const originalNewContext = browser.newContext;
      browser.newContext = async function newContext(...args) {
        const created = await originalNewContext.apply(this, args);
        await watchCsp(created, violations, watched);
        return created;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = originalNewContext;
      }
      if (violations.length > 0) {
        throw new Error(
          `The page broke the Content-Security-Policy ${violations.length} time(s) during the test:\n` +
            violations.map((line) => `  • ${line}`).join('\n'),
        );
      }
    },
    { auto: true },
  ],
});

module.exports = { test, expect: base.expect, allowConsoleErrors };
