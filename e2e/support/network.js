// @ts-check
// Watching the app's API traffic: which `/api/` paths it asks for, and when.
const { expect } = require('@playwright/test');

/**
 * Records every `/api/` request of `page` (and its answer). Use `mark()` to start a window and
 * `since(mark)` to read what happened in it.
 * @param {import('@playwright/test').Page} page
 */
function recordApi(page) {
  /** @type {{ url: URL, method: string, response?: import('@playwright/test').Response, failed?: string }[]} */
  const requests = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) requests.push({ url, method: request.method() });
  });
  page.on('response', (response) => {
    const entry = [...requests].reverse().find((r) => !r.response && r.url.href === response.url());
    if (entry) entry.response = response;
  });
  page.on('requestfailed', (request) => {
    const entry = [...requests].reverse().find((r) => !r.response && !r.failed && r.url.href === request.url());
    if (entry) entry.failed = request.failure()?.errorText || 'failed';
  });
  return {
    requests,
    mark: () => requests.length,
    since: (mark) => requests.slice(mark),
    /** Requests to exactly `path` (e.g. `/api/category/list`). */
    to: (path, from = 0) => requests.slice(from).filter((r) => r.url.pathname === path),
    /** `METHOD /api/path?query` lines, for messages and logs. */
    describe: (list = requests) => list.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`),
  };
}

/**
 * Instruments the page before any script runs: every `fetch` is logged with its start time
 * (`performance.now()`), so a test can count requests made before something painted.
 * @param {import('@playwright/test').Page} page
 */
async function installFetchLog(page) {
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__fetchLog = [];
    const original = window.fetch;
    window.fetch = function fetch(input, init) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const entry = { url: new URL(url, document.baseURI).href, t: performance.now(), done: /** @type {number | null} */ (null) };
      w.__fetchLog.push(entry);
      const settle = () => {
        entry.done = performance.now();
      };
      const promise = original.call(this, input, init);
      promise.then(settle, settle);
      return promise;
    };
  });
}

/**
 * Runs `action` (e.g. `page.goBack()`) and measures, inside the page, the `/api/` fetches
 * started from just before it until the first animation frame in which `selector` matches
 * an element (that frame is the first paint of it). Returns the API fetches started in
 * between, each with whether its answer had arrived before that paint (`answered`): a paint
 * that waited for the network has an answered fetch; a background revalidation started
 * alongside a paint from memory has not. Needs `installFetchLog(page)` before the page loaded.
 * @param {import('@playwright/test').Page} page
 * @param {string} selector
 * @param {() => Promise<unknown>} action
 */
async function apiFetchesUntilPainted(page, selector, action) {
  await page.evaluate((sel) => {
    const w = /** @type {any} */ (window);
    if (!Array.isArray(w.__fetchLog)) throw new Error('installFetchLog(page) was not called before the page loaded');
    if (document.querySelector(sel)) throw new Error(`${sel} is already on the page before the action`);
    w.__paint = { start: performance.now(), painted: null };
    const tick = () => {
      if (document.querySelector(sel)) w.__paint.painted = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, selector);
  await action();
  await page.waitForFunction(() => /** @type {any} */ (window).__paint.painted !== null, null, { timeout: 15_000 });
  return page.evaluate(() => {
    const w = /** @type {any} */ (window);
    const { start, painted } = w.__paint;
    return w.__fetchLog
      .filter((f) => f.t >= start && f.t <= painted && new URL(f.url).pathname.startsWith('/api/'))
      .map((f) => ({ url: f.url, answered: f.done !== null && f.done <= painted }));
  });
}

/** Waits until `predicate` over the recorded requests holds (polling). */
async function expectRequests(recorder, predicate, message) {
  await expect.poll(() => predicate(recorder.requests), { message }).toBe(true);
}

module.exports = { recordApi, installFetchLog, apiFetchesUntilPainted, expectRequests };
