// @ts-check
// The split bundle: the first route loads only its own chunks, other routes' code arrives when
// needed (or earlier, on hover and idle), and a chunk that cannot be fetched shows the usual
// error with a retry, never a dead page.
const { test, expect, allowConsoleErrors } = require('../support/fixtures');
const { ShopPage } = require('../pages/ShopPage');
const seed = require('../support/seed');

/** The build's chunk manifest: { split point: [chunk file names] }. */
async function manifest(request) {
  const response = await request.get('chunks.json');
  expect(response.ok(), 'dist/chunks.json is written by the split hook').toBeTruthy();
  return /** @type {Record<string, string[]>} */ (await response.json());
}

/** Areas the app preloads when the browser is idle (src/pages/lazy.rs). */
const IDLE_AREAS = ['area_home', 'area_listing', 'area_detail', 'area_cart'];

/** The files of `area` that no idle-preloaded area shares. */
function ownFiles(chunks, area) {
  const idle = new Set(IDLE_AREAS.flatMap((a) => chunks[a] || []));
  return (chunks[area] || []).filter((file) => !idle.has(file));
}

/** A chunk request: any .wasm but trunk's main module. */
const isChunk = (/** @type {string} */ url) => /\.wasm(\?|$)/.test(url) && !/\/storefront-[0-9a-f]+_bg\.wasm/.test(url);

const failedChunk = /Failed to load resource|net::ERR_FAILED|TypeError: Failed to fetch|failed to load split module/;

test.describe('split bundle', () => {
  test('the product page loads its own chunks only; checkout code is not fetched', async ({ page, request }) => {
    const chunks = await manifest(request);
    expect(Object.keys(chunks)).toEqual(expect.arrayContaining(['area_home', 'area_listing', 'area_detail', 'area_cart', 'area_checkout', 'area_account']));
    const checkoutOnly = ownFiles(chunks, 'area_checkout');
    expect(checkoutOnly.length, 'checkout has code of its own').toBeGreaterThan(0);

    /** @type {string[]} */
    const fetched = [];
    page.on('request', (r) => { if (isChunk(r.url())) fetched.push(r.url().split('/').pop() || ''); });
    const product = seed.seed.products[0];
    await page.goto(`product/${product.slug}`);
    await expect(page.locator('h1')).toHaveText(product.zh);
    for (const file of chunks.area_detail) expect(fetched).toContain(file);
    // Idle preloading fetches likely next pages (lists, cart, search), never checkout.
    await page.waitForTimeout(2500);
    for (const file of checkoutOnly) expect(fetched).not.toContain(file);
  });

  test('a chunk that fails on navigation shows the error and loads on retry', async ({ page }, testInfo) => {
    allowConsoleErrors(testInfo, failedChunk);
    const shop = new ShopPage(page);
    await page.goto('./');
    await expect(shop.logoName).toHaveText(seed.SITE_NAME.zh);
    // Every chunk fails from now on, as when the network drops (sign-in's area is not one
    // the app preloads when idle, so it has not arrived yet).
    let failing = true;
    await page.route((url) => isChunk(url.href), (route) => (failing ? route.abort('failed') : route.continue()));
    await page.evaluate(() => {
      history.pushState({}, '', new URL('login', document.baseURI).href);
      dispatchEvent(new PopStateEvent('popstate'));
    });
    const alert = shop.main.locator('.chunk-error[role=alert]');
    await expect(alert).toContainText('页面加载失败，请检查网络后重试。');
    // The app is alive: the header still works, nothing crashed.
    await expect(page.locator('#crash')).toHaveCount(0);
    await expect(shop.cartButton).toBeEnabled();

    failing = false;
    await alert.getByRole('button', { name: '重试' }).click();
    await expect(alert).toHaveCount(0);
    await expect(shop.main.locator('form.auth__form input[name=user_name]')).toBeVisible();
  });

  test('an entry route whose chunk is offline shows the error; retry online opens it', async ({ page, context }, testInfo) => {
    allowConsoleErrors(testInfo, failedChunk);
    let failing = true;
    await page.route((url) => isChunk(url.href), (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
    await page.goto('products');
    const shop = new ShopPage(page);
    const alert = shop.main.locator('.chunk-error[role=alert]');
    await expect(alert).toContainText('页面加载失败');
    await expect(shop.logoName).toHaveText(seed.SITE_NAME.zh); // the shell painted
    failing = false;
    await alert.getByRole('button', { name: '重试' }).click();
    await expect(shop.pageTitle).toBeVisible();
    await expect(page.locator('.card').first()).toBeVisible();
    await expect(page.locator('#crash')).toHaveCount(0);
    void context;
  });

  test('hovering a link preloads its page chunk before the click', async ({ page, request }) => {
    const chunks = await manifest(request);
    const shop = new ShopPage(page);
    /** @type {string[]} */
    const fetched = [];
    page.on('request', (r) => { if (isChunk(r.url())) fetched.push(r.url().split('/').pop() || ''); });
    await page.goto('./');
    await expect(shop.logoName).toHaveText(seed.SITE_NAME.zh);
    const loginOnly = ownFiles(chunks, 'area_account');
    expect(loginOnly.length).toBeGreaterThan(0);
    for (const file of loginOnly) expect(fetched).not.toContain(file);
    await shop.accountLink.hover();
    await expect.poll(() => loginOnly.every((f) => fetched.includes(f))).toBeTruthy();
  });
});
