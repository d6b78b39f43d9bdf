// @ts-check
// The frame around every page: the phone menu, navigation, footer and skip link.
const { test, expect } = require('../support/fixtures');
const { ShopPage } = require('../pages/ShopPage');
const { ListingPage } = require('../pages/ListingPage');
const seed = require('../support/seed');

test('the phone menu opens with the toggle, navigates, and closes on navigation', async ({ page }) => {
  const shop = new ShopPage(page);
  await shop.goto('/');
  await expect(shop.menuToggle).toBeVisible();
  await expect(shop.menuToggle).toHaveAttribute('aria-expanded', 'false');
  await expect(shop.navLinks.first()).toBeHidden();

  await shop.menuToggle.click();
  await expect(shop.menuToggle).toHaveAttribute('aria-expanded', 'true');
  // The CMS menu (seeded navigation): top-level entries and nested categories.
  for (const slug of ['products', 'kitchen', 'news-center', 'about', 'contact']) {
    await expect(shop.navLinks.getByText(seed.category(slug).zh, { exact: true })).toBeVisible();
  }
  await shop.navLinks.getByText(seed.category('kitchen').zh, { exact: true }).click();
  const listing = new ListingPage(page);
  await expect(listing.pageTitle).toHaveText(seed.category('kitchen').zh);
  await expect(page).toHaveURL(/\/category\/kitchen$/);
  await expect(shop.menuToggle).toHaveAttribute('aria-expanded', 'false');
  await expect(shop.navLinks.first()).toBeHidden();
  await listing.expectTotal(seed.productsIn('kitchen').length);

  // A single page from the menu.
  await shop.navigateTo(seed.category('about').zh);
  await expect(shop.pageTitle).toHaveText(seed.category('about').zh);
});

test('a slow CMS menu still arrives, and the open phone menu stays open for it', async ({ page }) => {
  // Hold the menu's request until the shopper has opened the (built-in) menu.
  /** @type {() => void} */
  let release = () => {};
  const held = new Promise((resolve) => {
    release = () => resolve(undefined);
  });
  await page.route('**/api/nav/list*', async (route) => {
    await held;
    await route.continue();
  });
  const shop = new ShopPage(page);
  await shop.goto('/');
  await shop.openMenu();
  await expect(shop.navLinks.first()).toBeVisible();
  release();
  const kitchen = shop.navLinks.getByText(seed.category('kitchen').zh, { exact: true });
  await expect(kitchen).toBeAttached();
  await expect(shop.menuToggle).toHaveAttribute('aria-expanded', 'true');
  await expect(kitchen).toBeVisible();
});

test('the logo leads home and the footer shows contact details and friend links', async ({ page }) => {
  const shop = new ShopPage(page);
  await shop.goto('/tags');
  await shop.logo.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('#home-recommended')).toBeVisible();
  await expect(shop.footer).toContainText('service@anqi-select.example');
  await expect(shop.footer).toContainText('上海市浦东新区张江路 666 号 8 楼');
  await expect(shop.friendLinks.first()).toBeVisible();
  await expect(shop.friendLinks).toContainText(['AnqiCMS 安企内容管理系统']);
  await expect(shop.footer.locator('a', { hasText: 'ICP备' })).toBeVisible();
});

test('the skip link moves focus to the main content', async ({ page }) => {
  const shop = new ShopPage(page);
  await shop.goto('/products');
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toHaveText('跳到主要内容');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.location.hash === '#main');
  // Same page (a fragment link must not leave it), focus on the main content.
  await expect(page).toHaveURL(/\/products#main$/);
  await expect(shop.pageTitle).toHaveText('全部商品');
  await expect(shop.main).toBeFocused();
});
