// @ts-check
// A site whose content API is switched off: the setup screen explains the problem and how
// to fix it, and "check again" starts the shop once the API is back on.
const { test, expect } = require('../support/fixtures');
const { SetupPage } = require('../pages/SetupPage');
const { HomePage } = require('../pages/HomePage');
const seed = require('../support/seed');

test('API switched off: the setup screen explains it and "check again" recovers', async ({ page, controls }) => {
  await controls.apiOpen(false);
  const setup = new SetupPage(page);
  await page.goto('/');
  await expect(setup.screen).toBeVisible();
  await expect(setup.heading).toHaveText('商城配置检查');
  await expect(setup.alert).toContainText('内容接口（API）未开启。');
  // The fix, and the server's own words.
  await expect(setup.alert).toContainText('Safe.APIOpen');
  await expect(setup.alert).toContainText('API not open');
  // No half-rendered shop behind it.
  await expect(page.locator('main#main .card')).toHaveCount(0);

  // Still closed: checking again keeps explaining.
  await setup.checkAgain.click();
  await expect(setup.alert).toContainText('内容接口（API）未开启。');

  await controls.apiOpen(true);
  await setup.checkAgain.click();
  const home = new HomePage(page);
  await home.waitForApp();
  await home.waitForShelves();
  await expect(home.logoName).toHaveText(seed.SITE_NAME.zh);
  await expect(home.recommendedCards.first().locator('.card__title')).toHaveText(seed.recommendedProducts()[0].zh);
  await expect(setup.screen).toHaveCount(0);
});

test('API switched off on a deep link: recovery lands on the requested page', async ({ page, controls }) => {
  await controls.apiOpen(false);
  const setup = new SetupPage(page);
  const product = seed.product('linen-throw-blanket');
  await page.goto(`/product/${product.slug}`);
  await expect(setup.alert).toContainText('内容接口（API）未开启。');
  await controls.reset();
  await setup.checkAgain.click();
  await expect(page.locator('h1.page-title')).toHaveText(product.zh);
  await expect(page.locator('.price--large')).toHaveText(await seed.shownPrice(controls, product));
});
