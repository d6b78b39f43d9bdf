// @ts-check
// Every route renders the real seeded content; deep links and reloads show the same thing.
const { test, expect } = require('../support/fixtures');
const { ShopPage } = require('../pages/ShopPage');
const { HomePage } = require('../pages/HomePage');
const { ListingPage } = require('../pages/ListingPage');
const { DetailPage } = require('../pages/DetailPage');
const { LoginPage } = require('../pages/LoginPage');
const { SetupPage } = require('../pages/SetupPage');
const seed = require('../support/seed');

const titlesOf = (list) => list.map((x) => x.zh);
const pricesOf = (list) => list.map((x) => x.price);

/** Products sorted as the shop's "price low to high" (ties: newest id first). */
function byPriceAsc(list) {
  return list
    .map((p, index) => ({ p, index }))
    .sort((a, b) => a.p.price - b.p.price || b.index - a.index)
    .map((x) => x.p);
}

test.describe('routes render seeded content', () => {
  test('home: banners, recommended products and latest articles @smoke', async ({ page }) => {
    const home = new HomePage(page);
    await home.open();
    await expect(home.logoName).toHaveText(seed.SITE_NAME.zh);
    await expect(page).toHaveTitle(/安企优选/);
    await expect(home.banners.first()).toBeVisible();
    await expect(home.recommendedHeading).toHaveText('推荐商品');
    await expect(home.latestHeading).toHaveText('最新文章');

    const recommended = seed.recommendedProducts().slice(0, 8);
    await expect(home.recommendedCards.locator('.card__title')).toHaveText(titlesOf(recommended));
    await expect(home.recommendedCards.locator('.price')).toHaveText(recommended.map((p) => seed.formatPrice(p.price)));

    const latest = seed.newestFirst(seed.seed.articles).slice(0, 6);
    await expect(home.latestCards.locator('.card__title')).toHaveText(titlesOf(latest));

    // Footer: contact, friend links and the ICP number from the site settings.
    await expect(home.footer).toContainText('400-820-2026');
    await expect(home.friendLinks.first()).toBeVisible();
    await expect(home.footer).toContainText('ICP备');
  });

  test('products: the newest products first, with prices @smoke', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/products');
    await expect(listing.pageTitle).toHaveText('全部商品');
    await listing.expectTotal(seed.seed.products.length);
    const expected = seed.newestFirst(seed.seed.products).slice(0, 12);
    await expect(listing.cardTitles).toHaveText(titlesOf(expected));
    expect(await listing.prices()).toEqual(pricesOf(expected));
    await expect(listing.paginationStatus).toHaveText(`第 1 页，共 ${Math.ceil(seed.seed.products.length / 12)} 页`);
  });

  test('articles: the newest articles first', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/articles');
    await expect(listing.pageTitle).toHaveText('文章资讯');
    await listing.expectTotal(seed.seed.articles.length);
    await expect(listing.articleCards.locator('.card__title')).toHaveText(
      titlesOf(seed.newestFirst(seed.seed.articles).slice(0, 12)),
    );
    // Price sorts make no sense for articles.
    await expect(listing.sortChips).toHaveText(['最新上架', '人气最高']);
  });

  test('product category: title, description and its products', async ({ page }) => {
    const kitchen = seed.category('kitchen');
    const listing = new ListingPage(page);
    await listing.goto(`/category/${kitchen.slug}`);
    await expect(listing.pageTitle).toHaveText(kitchen.zh);
    await expect(listing.main.locator('.page-lead')).toHaveText(kitchen.descZh);
    const products = seed.newestFirst(seed.productsIn(kitchen.slug));
    await listing.expectTotal(products.length);
    await expect(listing.cardTitles).toHaveText(titlesOf(products.slice(0, 12)));
    expect(await listing.prices()).toEqual(pricesOf(products.slice(0, 12)));
    await expect(listing.main.locator('nav.breadcrumb')).toContainText(kitchen.zh);
  });

  test('article category: its articles', async ({ page }) => {
    const news = seed.category('company-news');
    const listing = new ListingPage(page);
    await listing.goto(`/category/${news.slug}`);
    await expect(listing.pageTitle).toHaveText(news.zh);
    const articles = seed.newestFirst(seed.articlesIn(news.slug));
    await listing.expectTotal(articles.length);
    await expect(listing.cardTitles).toHaveText(titlesOf(articles.slice(0, 12)));
  });

  test('nested category: subcategory links and the products of the whole subtree', async ({ page }) => {
    const parent = seed.category('home-living');
    const children = seed.seed.categories.filter((c) => c.parentId === parent.id);
    const listing = new ListingPage(page);
    await listing.goto(`/category/${parent.slug}`);
    await expect(listing.pageTitle).toHaveText(parent.zh);
    await expect(listing.subcategories).toHaveText(titlesOf(children));
    const products = seed.newestFirst(seed.productsIn(parent.slug));
    await listing.expectTotal(products.length);
    await expect(listing.cardTitles).toHaveText(titlesOf(products.slice(0, 12)));

    // A subcategory chip leads to the child category with its own products only.
    const child = children[1];
    await listing.subcategories.filter({ hasText: child.zh }).click();
    await expect(page).toHaveURL(new RegExp(`/category/${child.slug}$`));
    await expect(listing.pageTitle).toHaveText(child.zh);
    await listing.expectTotal(seed.productsIn(child.slug).length);

    // A grand-parent category (articles) also includes its children's articles.
    const news = seed.category('news-center');
    await listing.goto(`/category/${news.slug}`);
    await listing.expectTotal(seed.articlesIn(news.slug).length);
  });

  test('product detail: title, price, gallery, parameters, content, tags, neighbours', async ({ page, controls }) => {
    const product = seed.product('cast-iron-dutch-oven');
    const detail = new DetailPage(page);
    await detail.open(`/product/${product.slug}`);
    await expect(detail.title).toHaveText(product.zh);
    await expect(detail.price).toHaveText(seed.formatPrice(product.price));
    await expect(page).toHaveTitle(new RegExp(product.zh));
    await expect(detail.breadcrumb).toContainText(seed.category(product.category).zh);

    // Parameters as the server stores them.
    const fields = await controls.archiveFields(product.slug);
    const params = await detail.paramMap();
    expect(params).toMatchObject({ 颜色: fields.color, 尺码: fields.size, 材质: fields.material, 产地: fields.origin });

    // Gallery: choosing a thumbnail swaps the main image.
    await expect(detail.galleryMainImage).toBeVisible();
    const thumbs = await detail.thumbs.count();
    expect(thumbs).toBeGreaterThan(1);
    await expect(detail.thumbs.first()).toHaveAttribute('aria-pressed', 'true');
    const firstSrc = await detail.galleryMainImage.getAttribute('src');
    await detail.thumbs.nth(1).click();
    await expect(detail.thumbs.nth(1)).toHaveAttribute('aria-pressed', 'true');
    await expect(detail.thumbs.first()).toHaveAttribute('aria-pressed', 'false');
    await expect(detail.galleryMainImage).not.toHaveAttribute('src', firstSrc || '');

    await expect(detail.prose).toContainText('产品亮点');
    await expect(detail.tagChips).toContainText(['居家好物']);

    // Neighbours in the same category, in seed order.
    const kitchen = seed.productsIn(product.category);
    const at = kitchen.findIndex((p) => p.slug === product.slug);
    await expect(detail.previous).toContainText(kitchen[at - 1].zh);
    await expect(detail.next).toContainText(kitchen[at + 1].zh);
    await detail.next.click();
    await expect(detail.title).toHaveText(kitchen[at + 1].zh);
    await expect(detail.price).toHaveText(seed.formatPrice(kitchen[at + 1].price));
  });

  test('article detail: title, body and tags @smoke', async ({ page }) => {
    const article = seed.article('pour-over-coffee-basics');
    const detail = new DetailPage(page);
    await detail.open(`/article/${article.slug}`);
    await expect(detail.title).toHaveText(article.zh);
    await expect(detail.prose).toContainText('挑选要点');
    await expect(detail.tagChips).toContainText(['实用指南']);
    await expect(detail.breadcrumb).toContainText(seed.category(article.category).zh);
  });

  test('single page: about and contact', async ({ page }) => {
    const detail = new DetailPage(page);
    const contact = seed.category('contact');
    await detail.open(`/page/${contact.slug}`);
    await expect(detail.title).toHaveText(contact.zh);
    await expect(detail.prose).toContainText('service@anqi-select.example');
    const about = seed.category('about');
    await detail.open(`/page/${about.slug}`);
    await expect(detail.title).toHaveText(about.zh);
    await expect(detail.prose).toContainText('我们的承诺');
  });

  test('tags: every seeded tag, linking to its page', async ({ page }) => {
    const shop = new ShopPage(page);
    await shop.goto('/tags');
    await expect(shop.pageTitle).toHaveText('标签');
    const chips = shop.main.locator('a.chip');
    await expect(chips).toHaveCount(seed.seed.tags.length);
    // The server decides the order; every seeded tag must be there.
    expect((await chips.allInnerTexts()).map((t) => t.trim()).sort()).toEqual(titlesOf(seed.seed.tags).sort());
    const handmade = /** @type {any} */ (seed.seed.tags.find((t) => t.slug === 'handmade'));
    await chips.filter({ hasText: handmade.zh }).click();
    await expect(shop.pageTitle).toHaveText(`标签：${handmade.zh}`);
  });

  test('tag page: the archives carrying the tag', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/tag/handmade');
    await expect(listing.pageTitle).toHaveText('标签：手工匠作');
    const expected = seed.handmadeProducts();
    await expect(listing.cards).toHaveCount(expected.length);
    expect((await listing.titles()).sort()).toEqual(titlesOf(expected).sort());
  });

  test('search: matching products and articles', async ({ page }) => {
    const word = '咖啡';
    const expected = [...seed.seed.products, ...seed.seed.articles].filter((x) => x.zh.includes(word));
    const listing = new ListingPage(page);
    await listing.goto(`/search?q=${encodeURIComponent(word)}`);
    await expect(listing.pageTitle).toHaveText(`“${word}”的搜索结果`);
    await listing.expectTotal(expected.length);
    expect((await listing.titles()).sort()).toEqual(titlesOf(expected).sort());
  });

  test('login: the sign-in form', async ({ page }) => {
    const login = new LoginPage(page);
    await login.open();
    await expect(login.pageTitle).toHaveText('登录');
    await expect(login.userName).toBeVisible();
    await expect(login.password).toHaveAttribute('type', 'password');
    await expect(login.submit).toBeEnabled();
  });

  test('setup: the diagnosis of a healthy documented-edition server', async ({ page }) => {
    const setup = new SetupPage(page);
    await setup.goto('/setup');
    await expect(setup.pageTitle).toHaveText('商城配置检查');
    await expect(setup.healthy).toHaveText('接口可以访问且已开启。');
    await expect(setup.edition).toHaveAttribute('data-edition', 'Documented');
  });

  test('404: unknown routes show the not-found page inside the shell', async ({ page }) => {
    const shop = new ShopPage(page);
    await shop.goto('/no/such/page');
    await expect(shop.pageTitle).toHaveText('页面不存在');
    await expect(shop.header).toBeVisible();
    await shop.main.getByRole('link', { name: '返回首页' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(new HomePage(page).recommendedCards.first()).toBeVisible();
  });
});

test.describe('deep links and reloads', () => {
  test('a listing URL with sort and page shows the same results after a reload @smoke', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/products?sort=price-asc&page=2');
    const expected = byPriceAsc(seed.seed.products).slice(12, 24);
    await expect(listing.currentSort).toHaveText('价格从低到高');
    await expect(listing.currentPage).toHaveText('2');
    await expect(listing.cardTitles).toHaveText(titlesOf(expected));
    const before = await listing.titles();
    await page.reload();
    await listing.waitForApp();
    await expect(listing.cardTitles).toHaveText(before);
    await expect(listing.currentSort).toHaveText('价格从低到高');
    await expect(listing.currentPage).toHaveText('2');
    await expect.poll(() => listing.pathAndQuery()).toBe('/products?sort=price-asc&page=2');
  });

  test('a filtered category URL keeps its filters after a reload', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto(`/category/kitchen?min=100&max=300&sort=price-desc`);
    const expected = seed
      .productsIn('kitchen')
      .filter((p) => p.price >= 10000 && p.price <= 30000)
      .map((p, index) => ({ p, index }))
      .sort((a, b) => b.p.price - a.p.price || b.index - a.index)
      .map((x) => x.p);
    await listing.expectTotal(expected.length);
    await expect(listing.cardTitles).toHaveText(titlesOf(expected));
    // A filter is active, so the filter panel is open even on a phone.
    await expect(listing.facetDisclosure).toHaveJSProperty('open', true);
    await expect(listing.minInput).toHaveValue('100');
    await expect(listing.maxInput).toHaveValue('300');
    await page.reload();
    await listing.waitForApp();
    await expect(listing.cardTitles).toHaveText(titlesOf(expected));
    await expect(listing.minInput).toHaveValue('100');
  });

  test('detail, search and tag URLs survive a reload', async ({ page }) => {
    const detail = new DetailPage(page);
    const product = seed.product('mulberry-silk-pillowcase');
    await detail.open(`/product/${product.slug}`);
    await expect(detail.title).toHaveText(product.zh);
    await page.reload();
    await expect(detail.title).toHaveText(product.zh);
    await expect(detail.price).toHaveText(seed.formatPrice(product.price));

    const listing = new ListingPage(page);
    await listing.goto(`/search?q=${encodeURIComponent('枕')}`);
    const matches = [...seed.seed.products, ...seed.seed.articles].filter((x) => x.zh.includes('枕'));
    await listing.expectTotal(matches.length);
    await page.reload();
    await listing.expectTotal(matches.length);
    await expect(listing.searchInput).toBeVisible();
  });
});
