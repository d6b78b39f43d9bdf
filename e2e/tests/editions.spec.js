// @ts-check
// The shop works against both AnqiCMS editions: the open-source server (no cart/SKU routes)
// serves every content route, and /setup names the edition it detected.
const { test, expect, allowConsoleErrors } = require('../support/fixtures');
const { HomePage } = require('../pages/HomePage');
const { ListingPage } = require('../pages/ListingPage');
const { DetailPage } = require('../pages/DetailPage');
const { SetupPage } = require('../pages/SetupPage');
const seed = require('../support/seed');

const titlesOf = (list) => list.map((x) => x.zh);

test.describe('open-source edition (STOREFRONT_OSS_URL)', () => {
  test('home shows banners, recommended products and latest articles', async ({ page, oss }) => {
    const home = new HomePage(page);
    await home.goto(`${oss}/`);
    await home.waitForShelves();
    await expect(home.logoName).toHaveText(seed.SITE_NAME.zh);
    await expect(home.recommendedCards.locator('.card__title')).toHaveText(titlesOf(seed.recommendedProducts().slice(0, 8)));
    await expect(home.latestCards.locator('.card__title')).toHaveText(titlesOf(seed.newestFirst(seed.seed.articles).slice(0, 6)));
    await expect(home.banners.first()).toBeVisible();
  });

  test('a product listing sorts, filters and pages', async ({ page, oss }) => {
    const listing = new ListingPage(page);
    const outdoor = seed.category('outdoor');
    await listing.goto(`${oss}/category/${outdoor.slug}`);
    await expect(listing.pageTitle).toHaveText(outdoor.zh);
    const products = seed.productsIn(outdoor.slug);
    await listing.expectTotal(products.length);
    const newestTitles = titlesOf(seed.newestFirst(products).slice(0, 12));
    await expect(listing.cardTitles).toHaveText(newestTitles);
    await listing.sortChip('价格从低到高').click();
    // Wait for the re-sorted results, not just the click: read the prices only once the
    // cards are the cheapest ones (ties: the newer first), so the old order cannot pass.
    await expect(page).toHaveURL(/\?sort=price-asc$/);
    await expect(listing.currentSort).toHaveText('价格从低到高');
    const cheapest = products
      .map((p, index) => ({ p, index }))
      .sort((a, b) => a.p.price - b.p.price || b.index - a.index)
      .map((x) => x.p)
      .slice(0, 12);
    await expect(listing.cardTitles).toHaveText(titlesOf(cheapest));
    const prices = await listing.prices();
    expect(prices).toEqual(cheapest.map((p) => p.price));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    await listing.setPriceRange(100, 500);
    await listing.expectTotal(products.filter((p) => p.price >= 10000 && p.price <= 50000).length);

    await listing.goto(`${oss}/products?page=2`);
    await expect(listing.currentPage).toHaveText('2');
    await expect(listing.cardTitles).toHaveText(titlesOf(seed.newestFirst(seed.seed.products).slice(12, 24)));
  });

  test('a product detail shows price, parameters and content', async ({ page, oss }) => {
    const product = seed.product('ultralight-tent-2p');
    const detail = new DetailPage(page);
    await detail.open(`${oss}/product/${product.slug}`);
    await expect(detail.title).toHaveText(product.zh);
    await expect(detail.price).toHaveText(seed.formatPrice(product.price));
    await expect(detail.params).toContainText('20D 硅涂尼龙');
    await expect(detail.prose).toContainText('产品亮点');
  });

  test('an article detail and a single page', async ({ page, oss }) => {
    const article = seed.article('camping-economy');
    const detail = new DetailPage(page);
    await detail.open(`${oss}/article/${article.slug}`);
    await expect(detail.title).toHaveText(article.zh);
    await expect(detail.prose).toContainText('趋势观察');
    const shipping = seed.category('shipping');
    await detail.open(`${oss}/page/${shipping.slug}`);
    await expect(detail.title).toHaveText(shipping.zh);
    await expect(detail.prose).toContainText('订单满 99 元包邮');
  });

  test('tags and a tag page', async ({ page, oss }) => {
    const listing = new ListingPage(page);
    await listing.goto(`${oss}/tags`);
    await expect(listing.main.locator('a.chip')).toHaveCount(seed.seed.tags.length);
    await listing.main.locator('a.chip', { hasText: '手工匠作' }).click();
    await expect(listing.pageTitle).toHaveText('标签：手工匠作');
    await expect(listing.cards).toHaveCount(seed.handmadeProducts().length);
  });

  test('search', async ({ page, oss }) => {
    const listing = new ListingPage(page);
    await listing.goto(`${oss}/`);
    await listing.search('露营');
    const expected = [...seed.seed.products, ...seed.seed.articles].filter((x) => x.zh.includes('露营'));
    await listing.expectTotal(expected.length);
    expect((await listing.titles()).sort()).toEqual(titlesOf(expected).sort());
  });

  test('/setup reports the open-source edition', async ({ page, oss }, testInfo) => {
    // /setup is where the edition is detected: the open-source server answers the probe
    // (a documented-only route) with its HTML 404, which the browser logs. Only here, and
    // only once per browser and day (a second visit reads the cached answer: no request).
    allowConsoleErrors(testInfo, /status of 404 \(Not Found\) \(http:[^)]*\/api\/cart\/list\?/);
    const probes = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/cart/list') probes.push(r.url()); });
    const setup = new SetupPage(page);
    await setup.goto(`${oss}/setup`);
    await expect(setup.edition).toHaveAttribute('data-edition', 'OpenSource');
    await expect(setup.edition).toHaveText('开源版 AnqiCMS（购物车保存在浏览器中）');
    expect(probes).toHaveLength(1);
    await page.reload();
    await expect(setup.edition).toHaveAttribute('data-edition', 'OpenSource');
    expect(probes, 'the answer is cached per browser and API base').toHaveLength(1);
  });
});

test('/setup reports the documented edition on the documented server', async ({ page }) => {
  const setup = new SetupPage(page);
  await setup.goto('/setup');
  await expect(setup.edition).toHaveAttribute('data-edition', 'Documented');
  await expect(setup.edition).toHaveText('文档版接口（服务端购物车、SKU、优惠券）');
});
