// @ts-check
// Page speed (issue 8 §2): images that never shift and load in the right order, the first API
// requests started before the wasm has arrived, how many API requests a cold product page and
// a Back navigation make (printed as `REQUEST-COUNT …` lines), and the service worker.
const { test, expect, allowConsoleErrors } = require('../support/fixtures');
const { HomePage } = require('../pages/HomePage');
const { DetailPage } = require('../pages/DetailPage');
const { ListingPage } = require('../pages/ListingPage');
const { SetupPage } = require('../pages/SetupPage');
const { recordApi, installFetchLog, apiFetchesUntilPainted } = require('../support/network');
const seed = require('../support/seed');

const PRODUCT = 'merino-wool-sweater';
const PRODUCT_TITLE = 'main#main article.detail--product h1.page-title';

/** Every `<img>` on the page: how it is sized and loaded. */
function imagesOf(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('img')].map((img) => {
      const style = getComputedStyle(img);
      const rect = img.getBoundingClientRect();
      return {
        src: img.getAttribute('src') || '',
        cls: img.className,
        width: img.getAttribute('width'),
        height: img.getAttribute('height'),
        aspect: style.aspectRatio,
        loading: img.getAttribute('loading') || 'auto',
        decoding: img.getAttribute('decoding') || 'auto',
        fetchpriority: img.getAttribute('fetchpriority') || 'auto',
        top: rect.top + window.scrollY,
      };
    }),
  );
}

/** Sized: width and height attributes (the browser derives the ratio) or a CSS ratio. */
function expectAllSized(images, where) {
  const unsized = images.filter((i) => !(i.width && i.height) && (!i.aspect || i.aspect === 'auto'));
  expect(unsized, `images on ${where} without width/height or aspect-ratio`).toEqual([]);
}

/** Sums layout-shift entries (not caused by input) from the start of the page. */
async function watchLayoutShifts(page) {
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__cls = 0;
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of /** @type {any[]} */ (list.getEntries())) {
        if (entry.hadRecentInput) continue;
        w.__cls += entry.value;
        w.__shifts.push({
          value: entry.value,
          at: entry.startTime,
          nodes: (entry.sources || []).map((s) => (s.node && s.node.className) || (s.node && s.node.nodeName) || '?'),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

async function layoutShift(page) {
  // Late images and fonts shift after the content painted: wait for the load and a moment.
  await page.waitForLoadState('load');
  await page.waitForTimeout(1000);
  return page.evaluate(() => {
    const w = /** @type {any} */ (window);
    return { cls: w.__cls, shifts: w.__shifts };
  });
}

test.describe('images', () => {
  test('product cards show the thumbnail, sized, and cards far below the fold load lazily', async ({ page }) => {
    // The demo's thumbnails are its full images: give every row its own thumbnail URL, as
    // AnqiCMS does (`thumb_…`), so the card can only be right by choosing `thumb`.
    /** @type {Map<string, { thumb: string, logo: string }>} */
    const byTitle = new Map();
    await page.route(/\/api\/archive\/list\?/, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      for (const item of (body && body.data) || []) {
        if (item.thumb) item.thumb = `${item.thumb}${item.thumb.includes('?') ? '&' : '?'}thumb=1`;
        byTitle.set(item.title, { thumb: item.thumb, logo: item.logo });
      }
      await route.fulfill({ response, json: body });
    });
    const listing = new ListingPage(page);
    await listing.goto('/products');
    await listing.expectTotal(seed.seed.products.length);
    const cards = await page.locator('main#main .card-grid .card--product').evaluateAll((nodes) =>
      nodes.map((card) => ({
        title: (card.querySelector('.card__title')?.textContent || '').trim(),
        src: card.querySelector('img')?.getAttribute('src') || '',
        loading: card.querySelector('img')?.getAttribute('loading') || 'auto',
        decoding: card.querySelector('img')?.getAttribute('decoding') || 'auto',
      })),
    );
    expect(cards.length).toBeGreaterThan(4);
    let compared = 0;
    for (const card of cards) {
      const wire = byTitle.get(card.title);
      expect(wire, `the archive/list row of "${card.title}"`).toBeTruthy();
      if (!wire || !wire.thumb) continue;
      expect(card.src, `card "${card.title}"`).toBe(wire.thumb);
      if (wire.logo && wire.logo !== wire.thumb) compared += 1;
    }
    expect(compared).toBeGreaterThan(4);
    // The last card is far below the fold of a phone: lazy and decoded off the main thread.
    const last = cards[cards.length - 1];
    expect(last.loading).toBe('lazy');
    expect(last.decoding).toBe('async');
    expectAllSized(await imagesOf(page), '/products');
  });

  test('home: the first banner is fetched first and not lazy, every image sized, no layout shift', async ({ page }) => {
    await watchLayoutShifts(page);
    const home = new HomePage(page);
    await home.open();
    await expect(home.banners.first()).toBeVisible();
    const first = await home.banners.first().locator('img').evaluate((img) => ({
      fetchpriority: img.getAttribute('fetchpriority'),
      loading: img.getAttribute('loading') || 'auto',
    }));
    expect(first.fetchpriority).toBe('high');
    expect(first.loading).not.toBe('lazy');
    const images = await imagesOf(page);
    expectAllSized(images, '/');
    // Only the likely largest paint is raised; everything else below it waits its turn.
    expect(images.filter((i) => i.fetchpriority === 'high').length).toBe(1);
    const { cls, shifts } = await layoutShift(page);
    console.log(`CLS / ${cls.toFixed(4)} ${JSON.stringify(shifts)}`);
    expect(cls, JSON.stringify(shifts)).toBeLessThan(0.1);
  });

  test('product page: the main image is fetched first and not lazy, every image sized, no layout shift', async ({ page }) => {
    await watchLayoutShifts(page);
    const product = seed.product(PRODUCT);
    const detail = new DetailPage(page);
    await page.goto(`/product/${product.slug}`);
    await expect(detail.title).toHaveText(product.zh);
    await expect(detail.galleryMainImage).toBeVisible();
    const main = await detail.galleryMainImage.evaluate((img) => ({
      fetchpriority: img.getAttribute('fetchpriority'),
      loading: img.getAttribute('loading') || 'auto',
    }));
    expect(main.fetchpriority).toBe('high');
    expect(main.loading).not.toBe('lazy');
    expectAllSized(await imagesOf(page), `/product/${product.slug}`);
    const { cls, shifts } = await layoutShift(page);
    console.log(`CLS /product/${product.slug} ${cls.toFixed(4)} ${JSON.stringify(shifts)}`);
    expect(cls, JSON.stringify(shifts)).toBeLessThan(0.1);
  });
});

test.describe('early API requests', () => {
  test('the first API requests start before the wasm has arrived, and are made once', async ({ page }) => {
    const WASM_DELAY_MS = 1500;
    /** @type {number | null} */
    let wasmReleased = null;
    await page.route(/\.wasm(\?|$)/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, WASM_DELAY_MS));
      if (wasmReleased === null) wasmReleased = Date.now();
      await route.continue();
    });
    /** @type {{ path: string, at: number }[]} */
    const started = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) started.push({ path: `${url.pathname}${url.search}`, at: Date.now() });
    });
    const product = seed.product(PRODUCT);
    const detail = new DetailPage(page);
    await page.goto(`/product/${product.slug}`);
    await expect(detail.title).toHaveText(product.zh);
    expect(wasmReleased, 'the wasm was requested').not.toBeNull();
    const released = /** @type {number} */ (wasmReleased);
    const early = started.filter((s) => s.at < released);
    console.log(`EARLY requests before the wasm arrived: ${early.map((s) => s.path).join(', ')}`);
    for (const path of ['/api/languages', '/api/setting/system', '/api/archive/detail', '/api/archive/sku']) {
      expect(early.map((s) => s.path.split('?')[0]), `${path} started before the wasm was answered`).toContain(path);
    }
    // The app took the early answers: nothing of the early set was asked for twice.
    const counts = new Map();
    for (const s of started) counts.set(s.path, (counts.get(s.path) || 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(twice, 'API requests made more than once').toEqual([]);
  });

  test.describe('a failed early answer', () => {
    test.use({ allowedConsoleErrors: [/status of 500 .*\/api\/setting\/system/] });
    test('an HTML error page as the early answer shows the usual setup message, and checking again works', async ({ page, controls }) => {
      await controls.fault('/api/setting/system', 'html500');
      const setup = new SetupPage(page);
      await page.goto('/');
      await expect(setup.alert).toContainText('HTTP status 500');
      await controls.reset();
      await setup.checkAgain.click();
      await expect(new HomePage(page).logoName).toHaveText(seed.SITE_NAME.zh);
      await expect(setup.screen).toHaveCount(0);
    });
  });
});

test.describe('request counts', () => {
  test('a cold product page: API requests until its title paints, in parallel; Back makes none', async ({ page }) => {
    await installFetchLog(page);
    // The first frame in which the product's title is on the page: its paint.
    await page.addInitScript((selector) => {
      const w = /** @type {any} */ (window);
      w.__titlePainted = null;
      const tick = () => {
        const title = document.querySelector(selector);
        if (title && (title.textContent || '').trim()) w.__titlePainted = performance.now();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, PRODUCT_TITLE);
    const api = recordApi(page);
    const product = seed.product(PRODUCT);
    const detail = new DetailPage(page);
    await page.goto(`/product/${product.slug}`);
    await expect(detail.title).toHaveText(product.zh);
    await page.waitForFunction(() => /** @type {any} */ (window).__titlePainted !== null);
    // The reads moved after the paint have gone out too (they are checked below).
    await page.waitForFunction((paths) => {
      const log = /** @type {{ url: string }[]} */ (/** @type {any} */ (window).__fetchLog);
      return paths.every((path) => log.some((f) => new URL(f.url).pathname === path));
    }, ['/api/module/list', '/api/archive/params']);
    const { painted, fetches } = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      return {
        painted: /** @type {number} */ (w.__titlePainted),
        fetches: /** @type {{ url: string, t: number, done: number | null }[]} */ (w.__fetchLog).filter((f) => new URL(f.url).pathname.startsWith('/api/')),
      };
    });
    const before = fetches.filter((f) => f.t <= painted);
    // What the paint waited for: answered before it.
    const awaited = before.filter((f) => f.done !== null && f.done <= painted);
    const firstAnswer = Math.min(...before.map((f) => f.done ?? Infinity));
    const chained = awaited.filter((f) => f.t > firstAnswer);
    const short = (url) => { const u = new URL(url); return `${u.pathname}${u.search}`; };
    console.log(`REQUEST-COUNT cold /product/${product.slug}: title painted at ${painted.toFixed(0)} ms; ${before.length} API request(s) started before it, ${awaited.length} answered before it, ${chained.length} of those started only after an earlier answer`);
    for (const f of fetches) {
      console.log(`REQUEST-COUNT   ${f.t <= painted ? (f.done !== null && f.done <= painted ? 'awaited' : 'started') : 'after  '} ${short(f.url)} ${f.t.toFixed(0)}..${f.done === null ? '?' : f.done.toFixed(0)} ms`);
    }
    expect(awaited.length).toBeGreaterThan(0);

    // Away and Back: the page paints from memory, with no API request before the paint.
    await page.locator('nav.breadcrumb a').first().click();
    await expect(detail.title).toHaveCount(0);
    const mark = api.mark();
    const beforePaint = await apiFetchesUntilPainted(page, PRODUCT_TITLE, () => page.goBack());
    await expect(detail.title).toHaveText(product.zh);
    console.log(`REQUEST-COUNT Back to /product/${product.slug}: ${beforePaint.length} API request(s) before the title painted, ${api.since(mark).length} in all so far`);
    expect(beforePaint.map((f) => f.url)).toEqual([]);
    // The goal is three, in parallel. What this build achieves (cold, signed out, the
    // default language): four, all started together by early.js before the wasm arrives:
    // the language list (which site serves the language), the system settings, the record
    // and the product's options (also the edition probe). The module table and the record's
    // parameters are read after the paint. Anything more is a regression.
    expect(before.length, 'API requests started before the title painted').toBeLessThanOrEqual(4);
    const paths = awaited.map((f) => new URL(f.url).pathname).sort();
    expect(paths, 'requests the paint waited for').toEqual(['/api/archive/detail', '/api/archive/sku', '/api/languages', '/api/setting/system']);
    expect(chained.map((f) => f.url), 'requests the paint waited for that waited for an earlier answer').toEqual([]);
    // What moved after the paint is still read, once.
    const after = fetches.filter((f) => f.t > painted).map((f) => new URL(f.url).pathname);
    for (const path of ['/api/module/list', '/api/archive/params']) {
      expect(after.filter((p) => p === path), `${path} after the paint`).toHaveLength(1);
    }
  });
});

test.describe('which site the shop reads', () => {
  test('a default language that another site serves: the shop reads that site, not the one answering', async ({ page }) => {
    // A site owner's config names English, but the main (answering) site is the Chinese
    // one: early.js starts the reads for the answering site, the language list says the
    // English site serves, and the shop reads that one.
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      json.default_language = 'en';
      await route.fulfill({ response, json });
    });
    const siteIds = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/archive/list') siteIds.push(url.searchParams.get('site_id'));
    });
    const home = new HomePage(page);
    await page.goto('/');
    await expect(home.logoName).toHaveText(seed.SITE_NAME.en);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // The shelves come from the English site.
    await expect(home.recommendedCards.first()).toBeVisible();
    expect(siteIds.filter((id) => id !== null).length, `archive/list site_ids ${JSON.stringify(siteIds)}`).toBeGreaterThan(0);
  });

  test.describe('a shopper in another language', () => {
    test.use({ allowedConsoleErrors: [/status of 500 .*\/api\/languages/] });
    test('the language list is read first; when it fails, the setup screen says so and checking again starts the shop', async ({ page, controls }) => {
      await page.addInitScript(() => window.localStorage.setItem('storefront.language', 'en'));
      await controls.fault('/api/languages', 'html500');
      const setup = new SetupPage(page);
      await page.goto('/');
      await expect(setup.alert).toContainText('HTTP status 500');
      await controls.reset();
      await setup.checkAgain.click();
      await expect(setup.screen).toHaveCount(0);
      await expect(new HomePage(page).logoName).toHaveText(seed.SITE_NAME.en);
    });
  });
});

test.describe('service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  /** Waits until a worker controls the page and has stored what the page read. */
  async function controlled(page) {
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15_000 });
    return page.evaluate(() => /** @type {string} */ (navigator.serviceWorker.controller?.scriptURL));
  }

  async function cachedApi(page, path) {
    return page.evaluate(async (p) => {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) if (new URL(request.url).pathname === p) return true;
      }
      return false;
    }, path);
  }

  test('after one visit, the shell and a page already seen open offline', async ({ page, context }, testInfo) => {
    const product = seed.product(PRODUCT);
    const detail = new DetailPage(page);
    await page.goto(`/product/${product.slug}`);
    await expect(detail.title).toHaveText(product.zh);
    const script = await controlled(page);
    expect(script).toMatch(/sw\.js\?v=/);
    // The reads made before the worker took over are stored too.
    await expect.poll(() => cachedApi(page, '/api/archive/detail'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => cachedApi(page, '/api/setting/system'), { timeout: 10_000 }).toBe(true);

    // Offline, the reads that are never cached (the shopper's own, the edition probe) fail,
    // and the browser logs each: the page must still show what was seen.
    allowConsoleErrors(testInfo, /ERR_INTERNET_DISCONNECTED/);
    await context.setOffline(true);
    try {
      await page.reload();
      await expect(page.locator('header.site-header')).toBeVisible();
      await expect(detail.title).toHaveText(product.zh);
      await expect(page.locator('.setup-screen, .notice--error')).toHaveCount(0);
    } finally {
      await context.setOffline(false);
    }
  });

  test('a new worker waits while the page runs and takes over at the next navigation', async ({ page }) => {
    const home = new HomePage(page);
    await home.open();
    const first = await controlled(page);
    // A new build is a new worker URL (early.js names the build in it).
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.register('sw.js?v=next-build', { scope: './' });
      const worker = registration.installing || registration.waiting;
      if (worker && worker.state !== 'installed') {
        await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'installed' && resolve(null)));
      }
    });
    // Installed, and waiting: the running page keeps the worker (and files) it started with.
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(first);
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true);
    await home.recommendedCards.first().locator('a.card__link').click();
    await expect(page.locator('h1.page-title')).toBeVisible();
    // An in-app link is no navigation for the browser: still the first worker.
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(first);

    await page.reload();
    await expect(page.locator('h1.page-title')).toBeVisible();
    console.log(`SW after reload: ${await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return JSON.stringify({ controller: navigator.serviceWorker.controller?.scriptURL, active: r?.active?.scriptURL, waiting: r?.waiting?.scriptURL, installing: r?.installing?.scriptURL });
    })}`);
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL || ''))
      .toContain('sw.js?v=next-build');
    expect(await page.evaluate(() => caches.keys())).toContain('storefront-next-build');
  });
});
