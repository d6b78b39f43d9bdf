// @ts-check
// axe-core finds no violations on any route: on a phone, and on a desktop for the pages
// whose layout changes most (home, product list, product detail). No rule is disabled.
const AxeBuilder = require('@axe-core/playwright').default;
const { test, expect } = require('../support/fixtures');
const { ROUTES, route } = require('../support/routes');

/** One line per violation: rule id, impact, help and the offending nodes. */
function describe(violations) {
  return violations.map(
    (v) =>
      `${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join('; ')}`).join('\n'),
  );
}

async function audit(page, check) {
  await page.goto(check.path);
  await check.ready(page);
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).analyze();
  expect(describe(results.violations), `axe violations on ${check.path}`).toEqual([]);
}

test.describe('accessibility (phone)', () => {
  for (const check of ROUTES) {
    test(`${check.name} (${check.path})`, async ({ page }) => {
      await audit(page, check);
    });
  }

  test('product list with the filter panel open', async ({ page }) => {
    const check = route('products');
    await page.goto('/products?color=%E7%BA%A2%E8%89%B2');
    await expect(page.locator('aside.facets details')).toHaveJSProperty('open', true);
    await expect(page.locator('.card').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).analyze();
    expect(describe(results.violations), `axe violations on ${check.path} with filters`).toEqual([]);
  });

  test('the cart drawer open with a line, and the cart page with it', async ({ page, controls }) => {
    const info = (await controls.api('/api/archive/sku', { filename: 'trail-running-shoes' })).data;
    const sku = info.skus.find((/** @type {any} */ s) => s.stock > 3);
    await page.goto(`/product/trail-running-shoes?sku=${sku.id}`);
    await page.locator('button.buy-box__add').click();
    await expect(page.locator('dialog.cart-drawer li.cart-line')).toHaveCount(1);
    await expect(page.locator('dialog.cart-drawer li.cart-line[aria-busy=true]')).toHaveCount(0);
    let results = await new AxeBuilder({ page }).analyze();
    expect(describe(results.violations), 'axe violations with the cart drawer open').toEqual([]);
    await page.goto('/cart');
    await expect(page.locator('main#main li.cart-line')).toHaveCount(1);
    await page.waitForLoadState('networkidle');
    results = await new AxeBuilder({ page }).analyze();
    expect(describe(results.violations), 'axe violations on /cart with a line').toEqual([]);
  });

  test('the shopper’s pages: my orders, an order with its confirmation open, coupons, every checkout step', async ({ page, controls }) => {
    const check = async (what) => {
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).analyze();
      expect(describe(results.violations), `axe violations on ${what}`).toEqual([]);
    };
    await page.goto('/login?next=%2Faccount%2Forders');
    await page.locator('main#main input[name=user_name]').fill('demo');
    await page.locator('main#main input[name=password]').fill('demo123456');
    await page.locator('main#main').getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.locator('li.order-card').first()).toBeVisible();
    await expect(page.locator('.order-tabs__count').first()).toBeVisible();
    await check('/account/orders');
    await page.goto('/account/orders?status=delivery');
    await page.locator('li.order-card a').first().click();
    await expect(page.locator('.timeline__step').first()).toBeVisible();
    await check('a shipped order');
    await page.locator('button.order__action[data-action=RequestRefund]').click();
    await expect(page.locator('dialog.confirm-dialog textarea')).toBeVisible();
    await check('the refund confirmation');
    await page.goto('/account/coupons');
    await expect(page.locator('li.coupon-card').first()).toBeVisible();
    await check('/account/coupons');
    await page.goto('/account/coupons?tab=expired');
    await expect(page.locator('li.coupon-card').first()).toBeVisible();
    await check('/account/coupons?tab=expired');
    const info = (await controls.api('/api/archive/sku', { filename: 'trail-running-shoes' })).data;
    const sku = info.skus.find((/** @type {any} */ s) => s.stock > 3);
    await page.goto(`/product/trail-running-shoes?sku=${sku.id}`);
    await page.locator('button.buy-box__add').click();
    await expect(page.locator('dialog.cart-drawer li.cart-line[aria-busy=true]')).toHaveCount(0);
    for (const step of ['address', 'coupon', 'review']) {
      await page.goto(`/checkout?step=${step}`);
      await expect(page.locator('.checkout__heading')).toBeVisible();
      await expect(page.locator('.skeleton')).toHaveCount(0);
      await check(`/checkout?step=${step}`);
    }
  });

  test('sign-in with the captcha (English site)', async ({ page }) => {
    await page.goto('/login');
    await page.locator('header .language-switch__option', { hasText: 'English' }).click();
    await expect(page.locator('img.captcha__image')).toBeVisible();
    await check(page);
    async function check(page) {
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).analyze();
      expect(describe(results.violations), 'axe violations on /en/login with the captcha').toEqual([]);
    }
  });

  test('phone menu open', async ({ page }) => {
    await page.goto('/');
    await route('home').ready(page);
    await page.locator('button.menu-toggle').click();
    await expect(page.locator('nav#primary-nav .nav-list a').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(describe(results.violations), 'axe violations with the menu open').toEqual([]);
  });
});

test.describe('accessibility (desktop) @desktop', () => {
  for (const name of ['home', 'products', 'product detail', 'product with options', 'cart']) {
    test(`${name} @desktop`, async ({ page }) => {
      await audit(page, route(name));
    });
  }
});
