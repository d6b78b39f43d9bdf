// @ts-check
// How many API requests pages make: Back to a list seen moments ago paints from memory, and
// one page asks for the same data once. Counts are printed as `REQUEST-COUNT …` lines.
const { test, expect } = require('../support/fixtures');
const { ListingPage } = require('../pages/ListingPage');
const { DetailPage } = require('../pages/DetailPage');
const { recordApi, installFetchLog, apiFetchesUntilPainted } = require('../support/network');
const seed = require('../support/seed');

const CARDS = 'main#main .card-grid .card';

test('a cold product page load (fresh context): its API requests until the title renders', async ({ page }) => {
  const product = seed.product('merino-wool-sweater');
  const api = recordApi(page);
  const detail = new DetailPage(page);
  await page.goto(`/product/${product.slug}`);
  await expect(detail.title).toHaveText(product.zh);
  const before = api.requests.length;
  console.log(`REQUEST-COUNT cold load of /product/${product.slug} until the title renders: ${before}`);
  console.log(`REQUEST-COUNT   ${api.describe(api.requests.slice(0, before)).join('\nREQUEST-COUNT   ')}`);
  expect(before).toBeGreaterThan(0);
});

test('Back to a list seen moments ago makes no API request before it paints', async ({ page }) => {
  await installFetchLog(page);
  const api = recordApi(page);
  const listing = new ListingPage(page);
  await listing.goto('/products');
  await listing.expectTotal(seed.seed.products.length);
  const titles = await listing.titles();
  // The instrument sees the app's requests (so a 0 below is not a blind spot).
  const seenOnLoad = await page.evaluate(() => /** @type {any} */ (window).__fetchLog.filter((f) => new URL(f.url).pathname.startsWith('/api/')).length);
  expect(seenOnLoad).toBeGreaterThan(0);

  await listing.cards.nth(1).locator('a.card__link').click();
  const detail = new DetailPage(page);
  await expect(detail.title).toHaveText(titles[1]);
  await expect(page.locator(CARDS)).toHaveCount(0);

  const mark = api.mark();
  const beforePaint = await apiFetchesUntilPainted(page, CARDS, () => page.goBack());
  await expect(listing.cardTitles).toHaveText(titles);
  await expect.poll(() => listing.pathAndQuery()).toBe('/products');
  const answered = beforePaint.filter((f) => f.answered);
  console.log(
    `REQUEST-COUNT Back to /products: ${beforePaint.length} API request(s) started before the cards painted, ${answered.length} of them answered before the paint`,
  );
  if (beforePaint.length) console.log(`REQUEST-COUNT   ${beforePaint.map((f) => `${f.url}${f.answered ? ' (answered before the paint)' : ''}`).join('\nREQUEST-COUNT   ')}`);
  console.log(`REQUEST-COUNT Back to /products: ${api.since(mark).length} API request(s) in all (after-paint revalidation included so far)`);
  expect(beforePaint.map((f) => f.url), 'API requests between goBack() and the first paint of the cards').toEqual([]);
});

test('a category page asks for the category list once', async ({ page }) => {
  const kitchen = seed.category('kitchen');
  const api = recordApi(page);
  const listing = new ListingPage(page);
  await page.goto(`/category/${kitchen.slug}`);
  await expect(listing.pageTitle).toHaveText(kitchen.zh);
  await listing.expectTotal(seed.productsIn(kitchen.slug).length);
  await page.waitForLoadState('networkidle');
  const lists = api.to('/api/category/list');
  console.log(`REQUEST-COUNT /category/${kitchen.slug}: ${api.requests.length} API requests, ${lists.length} to /api/category/list`);
  expect(api.describe(lists).length, `all requests: \n${api.describe().join('\n')}`).toBeLessThanOrEqual(1);
});
