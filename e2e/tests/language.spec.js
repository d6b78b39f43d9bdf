// @ts-check
// The language switch changes UI strings and content (each language is its own AnqiCMS
// site), and the choice persists across a reload.
const { test, expect } = require('../support/fixtures');
const { HomePage } = require('../pages/HomePage');
const { ListingPage } = require('../pages/ListingPage');
const { DetailPage } = require('../pages/DetailPage');
const seed = require('../support/seed');

test('switching to English changes UI strings and content, and survives a reload', async ({ page, controls }) => {
  const home = new HomePage(page);
  await home.open();
  await expect(home.languageOption('简体中文')).toHaveAttribute('aria-pressed', 'true');
  await expect(home.logoName).toHaveText(seed.SITE_NAME.zh);

  await home.switchLanguage('English');
  await expect(home.languageOption('简体中文')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Content from the English site.
  await expect(home.logoName).toHaveText(seed.SITE_NAME.en);
  const recommended = seed.recommendedProducts().slice(0, 8);
  await expect(home.recommendedCards.locator('.card__title')).toHaveText(recommended.map((p) => p.en));
  await expect(home.recommendedCards.locator('.price').first()).toHaveText(seed.formatPrice(recommended[0].price, 'en'));
  // UI strings.
  await expect(home.recommendedHeading).toHaveText('Recommended products');
  await expect(home.latestHeading).toHaveText('Latest articles');
  await expect(home.searchInput).toHaveAttribute('placeholder', 'Search products and articles');
  await expect(home.accountLink).toHaveText('Sign in');

  await page.reload();
  await home.waitForApp();
  await expect(home.languageOption('English')).toHaveAttribute('aria-pressed', 'true');
  await expect(home.logoName).toHaveText(seed.SITE_NAME.en);
  await expect(home.recommendedHeading).toHaveText('Recommended products');
  await expect(home.recommendedCards.first().locator('.card__title')).toHaveText(recommended[0].en);

  // Other routes follow.
  const listing = new ListingPage(page);
  await listing.goto('/category/outdoor');
  await expect(listing.pageTitle).toHaveText(seed.category('outdoor').en);
  await listing.expectTotal(seed.productsIn('outdoor').length);
  await expect(listing.count).toHaveText(`${seed.productsIn('outdoor').length} results`);
  await expect(listing.sortChip('Price: low to high')).toBeVisible();

  const detail = new DetailPage(page);
  const product = seed.product('cashmere-scarf');
  await detail.open(`/product/${product.slug}`);
  await expect(detail.title).toHaveText(product.en);
  await expect(detail.price).toHaveText(await seed.shownPrice(controls, product, 'en'));

  // And back to Chinese, on the same page.
  await detail.switchLanguage('简体中文');
  await expect(detail.title).toHaveText(product.zh);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(detail.title).toHaveText(product.zh);
});
