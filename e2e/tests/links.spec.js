// @ts-check
// Links in AnqiCMS's own URL patterns (default rewrite rules, demo-server/src/urls.rs):
// `/{module}/{id}.html` archives, `/{module}/{catid}` categories, `/{module}.html` module
// indexes, `/{pageid}.html` single pages, `/tag/{id}`. The CMS puts them in banners, content
// and `link` fields, and shoppers bookmark them: on the same origin they must land on the
// shop's own page. A missing archive is a real 404 page.
const { test, expect } = require('../support/fixtures');
const { ShopPage } = require('../pages/ShopPage');
const { HomePage } = require('../pages/HomePage');
const { ListingPage } = require('../pages/ListingPage');
const { DetailPage } = require('../pages/DetailPage');
const seed = require('../support/seed');

/** The path of an absolute CMS link (`http://host/product/26.html` → `/product/26.html`). */
const pathOf = (link) => {
  const url = new URL(link);
  return url.pathname + url.search;
};

test.describe('AnqiCMS URL patterns land on the shop page', () => {
  test('an archive link /{module}/{id}.html: product and article', async ({ page, controls }) => {
    const product = seed.product('merino-wool-sweater');
    const article = seed.article('pour-over-coffee-basics');
    const productLink = pathOf((await controls.api('/api/archive/detail', { filename: product.slug })).data.link);
    const articleLink = pathOf((await controls.api('/api/archive/detail', { filename: article.slug })).data.link);
    expect(productLink).toMatch(/^\/product\/\d+\.html$/);
    expect(articleLink).toMatch(/^\/news\/\d+\.html$/);

    const detail = new DetailPage(page);
    await detail.goto(productLink);
    await expect(detail.title).toHaveText(product.zh);
    await expect(detail.price).toHaveText(await seed.shownPrice(controls, product));
    await expect(detail.errorAlerts).toHaveCount(0);

    await detail.goto(articleLink);
    await expect(detail.title).toHaveText(article.zh);
    await expect(detail.prose).toContainText('挑选要点');
    await expect(detail.price).toHaveCount(0);
  });

  test('a category link /{module}/{catid}: product and article categories', async ({ page, controls }) => {
    const listing = new ListingPage(page);
    for (const slug of ['kitchen', 'company-news']) {
      const category = seed.category(slug);
      const link = pathOf((await controls.api('/api/category/detail', { filename: slug })).data.link);
      expect(link).toMatch(new RegExp(`^/(product|news)/${category.id}$`));
      await listing.goto(link);
      await expect(listing.pageTitle).toHaveText(category.zh);
      const expected = category.moduleId === 1 ? seed.articlesIn(slug) : seed.productsIn(slug);
      await listing.expectTotal(expected.length);
    }
  });

  test('a module index /{module}.html and the bare /product, /news', async ({ page }) => {
    const listing = new ListingPage(page);
    for (const [path, title, total] of [
      ['/product.html', '全部商品', seed.seed.products.length],
      ['/product', '全部商品', seed.seed.products.length],
      ['/news.html', '文章资讯', seed.seed.articles.length],
      ['/news', '文章资讯', seed.seed.articles.length],
    ]) {
      await listing.goto(/** @type {string} */ (path));
      await expect(listing.pageTitle, path).toHaveText(/** @type {string} */ (title));
      await listing.expectTotal(total);
    }
  });

  test('a single-page link /{pageid}.html and a tag link /tag/{id}', async ({ page, controls }) => {
    const about = seed.category('about');
    // `page/detail` leaves `link` empty (as AnqiCMS does); the page list has it.
    const pages = (await controls.api('/api/page/list')).data;
    const aboutLink = pathOf(pages.find((p) => p.url_token === about.slug).link);
    expect(aboutLink).toMatch(/^\/\d+\.html$/);
    const detail = new DetailPage(page);
    await detail.goto(aboutLink);
    await expect(detail.title).toHaveText(about.zh);
    await expect(detail.prose).toContainText('我们的承诺');

    const tagLink = pathOf((await controls.api('/api/tag/detail', { filename: 'handmade' })).data.link);
    expect(tagLink).toMatch(/^\/tag\/\d+$/);
    const listing = new ListingPage(page);
    await listing.goto(tagLink);
    await expect(listing.pageTitle).toHaveText('标签：手工匠作');
    await expect(listing.cards).toHaveCount(seed.handmadeProducts().length);
  });

  test('banner links in CMS patterns navigate in-app to the category and page they name', async ({ page, controls }) => {
    const banners = (await controls.api('/api/banner/list', { type: 'default' })).data;
    const home = new HomePage(page);
    await home.open();
    for (let i = 0; i < banners.length; i++) {
      const link = new URL(banners[i].link, 'http://x.invalid').pathname;
      // What the CMS link names, read from the server: /{module}/{catid} or /{pageid}.html.
      const page_ = /^\/(\d+)\.html$/.exec(link);
      const cat = /^\/[a-z]+\/(\d+)$/.exec(link);
      const expectedTitle = page_
        ? (await controls.api('/api/page/detail', { id: page_[1] })).data.title
        : cat
          ? (await controls.api('/api/category/detail', { id: cat[1] })).data.title
          : null;
      expect(expectedTitle, `a banner link the test understands: ${link}`).toBeTruthy();
      await home.goto('/');
      const bannerLink = home.banners.nth(i).locator('a');
      await expect(bannerLink).toBeVisible();
      const documentsBefore = await page.evaluate(() => performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin);
      await bannerLink.click();
      await expect(home.pageTitle).toHaveText(/** @type {string} */ (expectedTitle));
      await expect(home.errorAlerts).toHaveCount(0);
      // In-app: the same document, not a full page load.
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin)).toBe(documentsBefore);
    }
  });
});

test('a missing archive is the 404 page with its own title, not an error with a retry', async ({ page }) => {
  const shop = new ShopPage(page);
  for (const path of ['/product/does-not-exist', '/article/does-not-exist', '/product/999999.html']) {
    await shop.goto(path);
    await expect(shop.pageTitle, path).toHaveText('页面不存在');
    await expect(page, path).toHaveTitle(/页面不存在/);
    await expect(shop.retryButton()).toHaveCount(0);
    await expect(shop.errorAlerts).toHaveCount(0);
    await expect(shop.main.getByRole('link', { name: '返回首页' })).toBeVisible();
  }
});
