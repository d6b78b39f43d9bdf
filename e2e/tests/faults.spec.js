// @ts-check
// Every failure the server can produce, on the home page, a category page and a detail
// page: a clear message, an app that stays usable, and recovery with "retry" once the
// server is healthy again.
const { test, expect } = require('../support/fixtures');
const { FAULT_KINDS } = require('../support/controls');
const { shortenRequestTimeout } = require('../support/app-config');
const { ShopPage } = require('../pages/ShopPage');
const { HomePage } = require('../pages/HomePage');
const { ListingPage } = require('../pages/ListingPage');
const { DetailPage } = require('../pages/DetailPage');
const seed = require('../support/seed');

/** The app's request timeout for these tests, and how long a `timeout` fault stalls. */
const APP_TIMEOUT_MS = 2500;
const STALL_MS = 8000;

/**
 * The message each failure should produce (locales/zh-CN.yml, `error.*`), or `empty` when
 * the honest outcome is an empty result (a list answered with `data: null`).
 */
const EXPECTED = {
  html500: { message: '商城暂时出了点问题，请稍后重试。' },
  text429: { message: '请求过于频繁，请稍候再试。' },
  timeout: { message: '商城响应超时，请重试。' },
  malformed: { message: '商城返回的数据无法解析。' },
  'code-1': { message: '商城无法完成此请求。', detail: 'simulated failure' },
  code1001: { message: '请登录后查看。' },
  'null-data': { onList: { empty: true }, onDetail: { message: '没有找到相关内容。' } },
};

function expectationFor(kind, listLike) {
  const e = /** @type {any} */ (EXPECTED)[kind];
  return (listLike ? e.onList : e.onDetail) || e;
}

const kitchen = seed.category('kitchen');
const product = seed.product('cast-iron-dutch-oven');
const recommended = seed.recommendedProducts().slice(0, 8);
const latest = seed.newestFirst(seed.seed.articles).slice(0, 6);
const kitchenProducts = seed.newestFirst(seed.productsIn(kitchen.slug));

/**
 * Pages under test. `regions` are the parts of the page whose data comes from the faulted
 * API path; each must show the failure, and recover through its own retry button.
 */
const PAGES = [
  {
    name: 'home',
    path: '/',
    apiPath: '/api/archive/list',
    listLike: true,
    // Each shelf has its own error boundary: the message belongs in the shelf that failed.
    regions: (page) => {
      const home = new HomePage(page);
      return [
        { scope: home.recommended, emptyText: '暂无内容。', recovered: () => expect(home.recommendedCards.locator('.card__title')).toHaveText(recommended.map((p) => p.zh)) },
        { scope: home.latest, emptyText: '暂无内容。', recovered: () => expect(home.latestCards.locator('.card__title')).toHaveText(latest.map((a) => a.zh)) },
      ];
    },
  },
  {
    name: 'category',
    path: `/category/${kitchen.slug}`,
    apiPath: '/api/archive/list',
    listLike: true,
    regions: (page) => {
      const listing = new ListingPage(page);
      return [
        {
          // The results area fails; a page-wide error panel (with retry) is acceptable too.
          scope: listing.main,
          emptyText: '没有符合条件的内容。',
          recovered: async () => {
            await listing.expectTotal(kitchenProducts.length);
            await expect(listing.cardTitles).toHaveText(kitchenProducts.slice(0, 12).map((p) => p.zh));
          },
        },
      ];
    },
  },
  {
    name: 'detail',
    path: `/product/${product.slug}`,
    apiPath: '/api/archive/detail',
    listLike: false,
    regions: (page) => {
      const detail = new DetailPage(page);
      return [
        {
          scope: detail.main,
          emptyText: null,
          recovered: async () => {
            await expect(detail.title).toHaveText(product.zh);
            await expect(detail.price).toHaveText(seed.formatPrice(product.price));
          },
        },
      ];
    },
  },
];

for (const target of PAGES) {
  test.describe(`faults on the ${target.name} page (${target.apiPath})`, () => {
    for (const kind of FAULT_KINDS) {
      test(`${kind}`, async ({ page, controls }) => {
        const expectation = expectationFor(kind, target.listLike);
        if (kind === 'timeout') {
          await shortenRequestTimeout(page, APP_TIMEOUT_MS);
          await controls.fault(target.apiPath, kind, STALL_MS);
        } else {
          await controls.fault(target.apiPath, kind);
        }

        const shop = new ShopPage(page);
        await shop.goto(target.path);
        const regions = target.regions(page);

        // 1. A clear message where the data would be.
        for (const region of regions) {
          if (expectation.empty) {
            await expect(region.scope.locator('.empty-state')).toHaveText(region.emptyText);
            await expect(region.scope.locator('.card')).toHaveCount(0);
          } else {
            const alert = region.scope.locator('.notice--error[role=alert]');
            await expect(alert).toHaveCount(1, { timeout: STALL_MS });
            const title = alert.locator('.notice__title');
            await expect(title).toHaveText(expectation.message);
            if (expectation.detail) await expect(alert).toContainText(expectation.detail);
            await expect(shop.retryButton(region.scope)).toBeVisible();
          }
        }

        // 2. The app stays alive: the header navigates while the fault is still active.
        await expect(page.locator('#crash')).toHaveCount(0);
        await shop.navigateTo('联系我们');
        await expect(shop.pageTitle).toHaveText('联系我们');
        await page.goBack();
        await expect(page).toHaveURL(new RegExp(`${target.path.replace(/[/]/g, '\\/')}$`));
        for (const region of regions) {
          await expect(
            region.scope.locator('.notice--error[role=alert]').or(region.scope.locator('.empty-state')).first(),
          ).toBeVisible({ timeout: STALL_MS });
        }

        // 3. Once the server is healthy, retry (or coming back to the page) shows the real content.
        await controls.reset();
        if (expectation.empty) {
          await shop.navigateTo('联系我们');
          await expect(shop.pageTitle).toHaveText('联系我们');
          await page.goBack();
        } else {
          for (const region of regions) await shop.retryButton(region.scope).click();
        }
        for (const region of regions) {
          await region.recovered();
          await expect(region.scope.locator('.notice--error')).toHaveCount(0);
        }
      });
    }
  });
}
