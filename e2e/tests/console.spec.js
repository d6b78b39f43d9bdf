// @ts-check
// Normal use never logs a console error, throws an uncaught exception or panics. The check
// itself is the automatic `browserErrors` fixture (support/fixtures.js), which fails any test
// of the suite that causes one; this spec makes sure every route, on both editions, and a
// browsing session are visited with nothing else going on.
const { test, expect } = require('../support/fixtures');
const { ROUTES } = require('../support/routes');
const { ListingPage } = require('../pages/ListingPage');
const { DetailPage } = require('../pages/DetailPage');
const { HomePage } = require('../pages/HomePage');
const { ShopPage } = require('../pages/ShopPage');

test.describe('no console errors', () => {
  for (const route of ROUTES) {
    test(`${route.name} (${route.path})`, async ({ page }) => {
      await page.goto(route.path);
      await route.ready(page);
      await page.waitForLoadState('networkidle');
    });
  }

  // Routes whose checks do not depend on the edition (/setup names it, so it differs).
  for (const route of ROUTES.filter((r) => r.name !== 'setup')) {
    test(`open-source edition: ${route.name} (${route.path})`, async ({ page, oss }) => {
      await page.goto(`${oss}${route.path}`);
      await route.ready(page);
      await page.waitForLoadState('networkidle');
    });
  }

  test('open-source edition: a second page load in the same session is quiet too', async ({ page, oss }) => {
    // The edition probe (a documented-only route answering 404 on this server) must not log
    // "Failed to load resource: 404" on the first load, nor on a later one.
    const home = new HomePage(page);
    await home.goto(`${oss}/`);
    await home.waitForShelves();
    await expect(home.recommendedCards.first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const listing = new ListingPage(page);
    await listing.goto(`${oss}/products`);
    await listing.waitForResults();
    await expect(listing.productCards.first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.reload();
    await listing.waitForResults();
    await page.waitForLoadState('networkidle');
  });

  test('browsing: menu, listing refinements, detail gallery, language switch', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/');
    await listing.navigateTo('产品中心');
    await expect(listing.pageTitle).toHaveText('产品中心');
    await listing.sortChip('价格从低到高').click();
    await expect(listing.currentSort).toHaveText('价格从低到高');
    await listing.chooseFacet('尺码', 'M');
    await expect(listing.facetChip('尺码', 'M')).toHaveAttribute('aria-current', 'true');
    await listing.setPriceRange(50, 500);
    await expect(listing.main.locator('.card').first().or(listing.emptyState)).toBeVisible();
    await listing.clearFilters.click();
    await expect(listing.clearFilters).toHaveCount(0);
    await listing.cards.first().locator('a.card__link').click();
    const detail = new DetailPage(page);
    await expect(detail.title).toBeVisible();
    if ((await detail.thumbs.count()) > 1) await detail.thumbs.nth(1).click();
    await page.goBack();
    await listing.waitForResults();
    await listing.search('枕');
    await expect(listing.count).toBeVisible();
    const shop = new ShopPage(page);
    await shop.switchLanguage('English');
    await expect(shop.logoName).toHaveText('AnQi Select');
    await shop.switchLanguage('简体中文');
    await expect(shop.logoName).toHaveText('安企优选');
    await page.waitForLoadState('networkidle');
  });
});
