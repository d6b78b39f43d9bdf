// @ts-check
// What a deploy must get right beyond the pages themselves: the app finds its config.json
// beside index.html (under the sub-path too) and runs on what the server sent. Part of the
// @smoke set `cargo xtask test --layer deploy` runs through nginx.
const { test, expect } = require('../support/fixtures');
const { ListingPage } = require('../pages/ListingPage');
const { SetupPage } = require('../pages/SetupPage');
const { storefrontUrl } = require('../support/env');
const seed = require('../support/seed');

test('config.json is read from beside index.html, as served, and its settings apply @smoke', async ({ page }) => {
  // Where a site owner's config.json lives: next to index.html, under the deploy's base path.
  const configUrl = `${storefrontUrl()}/config.json`;
  /** @type {{ status: number, type: string, cache: string, json: any }[]} */
  const served = [];
  // The server's own file, with one setting changed on the way: a currency symbol the
  // shipped file does not have shows that the app used this very answer, not its defaults.
  await page.route(configUrl, async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    served.push({
      status: response.status(),
      type: response.headers()['content-type'] || '',
      cache: response.headers()['cache-control'] || '',
      json,
    });
    await route.fulfill({ response, json: { ...json, currency_symbol: 'US$' } });
  });

  const listing = new ListingPage(page);
  await listing.goto('/products');
  await expect(listing.pageTitle).toHaveText('全部商品');
  const newest = seed.newestFirst(seed.seed.products)[0];
  await expect(listing.cards.first().locator('.price')).toHaveText(seed.formatPrice(newest.price).replace('¥', 'US$'));

  expect(served.length, 'the app asked for config.json beside index.html').toBeGreaterThan(0);
  for (const answer of served) {
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/json/);
    // Revalidated on every load, so a site owner's edit shows at once.
    expect(answer.cache).toBe('no-cache');
    expect(answer.json).toMatchObject({ api_base: '', currency_symbol: '¥' });
  }

  // The diagnosis page names no config.json problem.
  const setup = new SetupPage(page);
  await setup.goto('/setup');
  await expect(setup.healthy).toHaveText('接口可以访问且已开启。');
  await expect(setup.screen.locator('dt', { hasText: 'config.json' })).toHaveCount(0);
});
