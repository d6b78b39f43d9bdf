// @ts-check
// Listing state lives in the URL: pagination, sort, facet filters, price range, clearing,
// search, and Back restoring the previous state.
const { test, expect } = require('../support/fixtures');
const { ListingPage } = require('../pages/ListingPage');
const { DetailPage } = require('../pages/DetailPage');
const seed = require('../support/seed');

const PAGE_SIZE = 12;
const titlesOf = (list) => list.map((x) => x.zh);

/** Seed products in the shop's order for a sort key (ties: the newer id first). */
function sorted(list, key) {
  const indexed = list.map((p, index) => ({ p, index }));
  const cmp = {
    newest: (a, b) => b.index - a.index,
    'price-asc': (a, b) => a.p.price - b.p.price || b.index - a.index,
    'price-desc': (a, b) => b.p.price - a.p.price || b.index - a.index,
  }[key];
  return indexed.sort(cmp).map((x) => x.p);
}

/**
 * Every url_token on every page of the current listing, following the "next" links.
 * @param {ListingPage} listing
 */
async function slugsOnAllPages(listing) {
  const all = [...(await listing.slugs())];
  while ((await listing.nextPage.count()) > 0) {
    const before = await listing.currentPage.innerText();
    await listing.nextPage.click();
    await expect(listing.currentPage).not.toHaveText(before);
    await listing.waitForResults();
    all.push(...(await listing.slugs()));
  }
  return all;
}

test.describe('pagination', () => {
  test('next, numbered and previous links page through the products', async ({ page }) => {
    const listing = new ListingPage(page);
    const newest = sorted(seed.seed.products, 'newest');
    const pages = Math.ceil(newest.length / PAGE_SIZE);
    await listing.goto('/products');
    await expect(listing.currentPage).toHaveText('1');
    await expect(listing.previousPage).toHaveCount(0);

    await listing.nextPage.click();
    await expect(page).toHaveURL(/\/products\?page=2$/);
    await expect(listing.currentPage).toHaveText('2');
    await expect(listing.paginationStatus).toHaveText(`第 2 页，共 ${pages} 页`);
    await expect(listing.cardTitles).toHaveText(titlesOf(newest.slice(PAGE_SIZE, 2 * PAGE_SIZE)));

    await listing.pagination.locator('a.pagination__page', { hasText: String(pages) }).click();
    await expect(page).toHaveURL(new RegExp(`page=${pages}$`));
    await expect(listing.cardTitles).toHaveText(titlesOf(newest.slice((pages - 1) * PAGE_SIZE)));
    await expect(listing.nextPage).toHaveCount(0);

    await listing.previousPage.click();
    await expect(listing.currentPage).toHaveText(String(pages - 1));
    await expect(listing.cardTitles).toHaveText(titlesOf(newest.slice((pages - 2) * PAGE_SIZE, (pages - 1) * PAGE_SIZE)));

    // Back goes to the previous page of results.
    await page.goBack();
    await expect(listing.currentPage).toHaveText(String(pages));
    await expect(listing.cardTitles).toHaveText(titlesOf(newest.slice((pages - 1) * PAGE_SIZE)));
  });
});

test.describe('sort', () => {
  for (const [key, label] of /** @type {const} */ ([
    ['price-asc', '价格从低到高'],
    ['price-desc', '价格从高到低'],
  ])) {
    test(`${label} orders the products by price`, async ({ page }) => {
      const listing = new ListingPage(page);
      await listing.goto('/products');
      await expect(listing.currentSort).toHaveText('最新上架');
      await listing.sortChip(label).click();
      await expect(page).toHaveURL(new RegExp(`\\?sort=${key}$`));
      await expect(listing.currentSort).toHaveText(label);
      const expected = sorted(seed.seed.products, key).slice(0, PAGE_SIZE);
      await expect(listing.cardTitles).toHaveText(titlesOf(expected));
      const prices = await listing.prices();
      const ordered = [...prices].sort((a, b) => (key === 'price-asc' ? a - b : b - a));
      expect(prices).toEqual(ordered);
      expect(prices).toEqual(expected.map((p) => p.price));
    });
  }

  test('most viewed orders by the server view counts', async ({ page, controls }) => {
    const listing = new ListingPage(page);
    await listing.goto('/articles');
    await listing.sortChip('人气最高').click();
    await expect(page).toHaveURL(/\?sort=popular$/);
    await expect(listing.currentSort).toHaveText('人气最高');
    const api = await controls.api('/api/archive/list', { moduleId: 1, type: 'page', limit: PAGE_SIZE, order: 'views desc' });
    const views = api.data.map((a) => a.views);
    expect(views).toEqual([...views].sort((a, b) => b - a));
    await expect(listing.cardTitles).toHaveText(api.data.map((a) => a.title));
  });
});

test.describe('facet filters', () => {
  test('the filter panel is a closed disclosure on a phone until opened', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/products');
    await expect(listing.facetDisclosure).toHaveJSProperty('open', false);
    await listing.openFacets();
    await expect(listing.facetGroup('颜色').locator('a.chip')).toHaveText(['全部', ...seed.seed.colors.zh]);
    await expect(listing.facetGroup('尺码').locator('a.chip')).toHaveText(['全部', ...seed.seed.sizes]);
    await expect(listing.facetGroup('颜色').locator('a.chip').first()).toHaveAttribute('aria-current', 'true');
  });

  test('a colour chip narrows the products to that colour', async ({ page, controls }) => {
    const colour = seed.seed.colors.zh[0];
    const listing = new ListingPage(page);
    await listing.goto('/products');
    await listing.chooseFacet('颜色', colour);
    await expect(page).toHaveURL(new RegExp(`color=${encodeURIComponent(colour)}`));
    expect(listing.searchParams().get('color')).toBe(colour);
    await expect(listing.facetChip('颜色', colour)).toHaveAttribute('aria-current', 'true');

    const api = await controls.listing({ moduleId: 2, color: colour });
    expect(api.total).toBeGreaterThan(0);
    expect(api.total).toBeLessThan(seed.seed.products.length);
    await listing.expectTotal(api.total);
    await expect.poll(() => listing.slugs()).toEqual(api.slugs);

    // Every product shown, on every page, really has that colour.
    const slugs = await slugsOnAllPages(listing);
    expect(slugs).toHaveLength(api.total);
    for (const slug of slugs) {
      expect((await controls.archiveFields(slug)).color, `colour of ${slug}`).toBe(colour);
    }

    // …and its detail page says so.
    await listing.cards.first().locator('a.card__link').click();
    const detail = new DetailPage(page);
    await expect(detail.params).toBeVisible();
    expect((await detail.paramMap())['颜色']).toBe(colour);
  });

  test('colour and size chips combine within a category', async ({ page, controls }) => {
    const listing = new ListingPage(page);
    const category = seed.category('digital');
    const inCategory = seed.productsIn(category.slug);
    await listing.goto(`/category/${category.slug}`);
    await listing.expectTotal(inCategory.length);
    // Pick a size and colour that really occur in this category, so the result is not empty.
    const first = await controls.archiveFields(inCategory[0].slug);
    const { size, color } = first;

    await listing.chooseFacet('尺码', size);
    await expect(listing.facetChip('尺码', size)).toHaveAttribute('aria-current', 'true');
    const sizeOnly = await controls.listing({ categoryId: category.id, size });
    await expect.poll(() => listing.slugs()).toEqual(sizeOnly.slugs);
    await listing.expectTotal(sizeOnly.total);
    for (const slug of sizeOnly.slugs) expect((await controls.archiveFields(slug)).size, `size of ${slug}`).toBe(size);

    await listing.facetChip('颜色', color).click();
    await expect(listing.facetChip('颜色', color)).toHaveAttribute('aria-current', 'true');
    await expect.poll(() => listing.searchParams().get('color')).toBe(color);
    expect(listing.searchParams().get('size')).toBe(size);
    const both = await controls.listing({ categoryId: category.id, size, color });
    expect(both.slugs).toContain(inCategory[0].slug);
    await expect.poll(() => listing.slugs()).toEqual(both.slugs);
    await listing.expectTotal(both.total);
    for (const slug of both.slugs) {
      const fields = await controls.archiveFields(slug);
      expect(fields.size, `size of ${slug}`).toBe(size);
      expect(fields.color, `colour of ${slug}`).toBe(color);
      expect(seed.product(slug).category).toBe(category.slug);
    }
  });

  test('the price range keeps every shown price within bounds', async ({ page }) => {
    const [min, max] = [100, 300];
    const expected = seed.seed.products.filter((p) => p.price >= min * 100 && p.price <= max * 100);
    const listing = new ListingPage(page);
    await listing.goto('/products');
    await listing.setPriceRange(min, max);
    await expect(page).toHaveURL(/[?&]max=300/);
    expect(listing.searchParams().get('min')).toBe(String(min));
    expect(listing.searchParams().get('max')).toBe(String(max));
    await listing.expectTotal(expected.length);
    const seen = [];
    for (;;) {
      const prices = await listing.prices();
      for (const cents of prices) {
        expect(cents).toBeGreaterThanOrEqual(min * 100);
        expect(cents).toBeLessThanOrEqual(max * 100);
      }
      seen.push(...(await listing.titles()));
      if ((await listing.nextPage.count()) === 0) break;
      const before = await listing.currentPage.innerText();
      await listing.nextPage.click();
      await expect(listing.currentPage).not.toHaveText(before);
    }
    expect(seen.sort()).toEqual(titlesOf(expected).sort());
  });

  test('an inverted price range is swapped', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/category/kitchen');
    await listing.setPriceRange(300, 100);
    await expect(page).toHaveURL(/min=100&max=300/);
    const expected = seed.productsIn('kitchen').filter((p) => p.price >= 10000 && p.price <= 30000);
    await listing.expectTotal(expected.length);
  });

  test('clear filters removes colour and price but keeps the sort', async ({ page }) => {
    const colour = seed.seed.colors.zh[1];
    const listing = new ListingPage(page);
    await listing.goto(`/products?color=${encodeURIComponent(colour)}&min=50&max=800&sort=price-asc`);
    await expect(listing.facetDisclosure).toHaveJSProperty('open', true);
    await expect(listing.facetChip('颜色', colour)).toHaveAttribute('aria-current', 'true');
    const filtered = await listing.total();
    expect(filtered).toBeLessThan(seed.seed.products.length);
    await listing.clearFilters.click();
    await expect(page).toHaveURL(/\/products\?sort=price-asc$/);
    await listing.expectTotal(seed.seed.products.length);
    await expect(listing.cardTitles).toHaveText(titlesOf(sorted(seed.seed.products, 'price-asc').slice(0, PAGE_SIZE)));
    await expect(listing.clearFilters).toHaveCount(0);
    await expect(listing.facetChip('颜色', '全部')).toHaveAttribute('aria-current', 'true');
    await expect(listing.minInput).toHaveValue('');
  });

  test('a filter with no match shows the empty state with a way out', async ({ page }) => {
    const listing = new ListingPage(page);
    // Nothing in the shop costs between ¥1.00 and ¥2.00.
    expect(seed.seed.products.filter((p) => p.price >= 100 && p.price <= 200)).toHaveLength(0);
    await listing.goto('/products?min=1&max=2');
    await expect(listing.emptyState).toContainText('没有符合条件的内容。');
    await listing.emptyState.getByRole('link', { name: '清除全部筛选' }).click();
    await listing.expectTotal(seed.seed.products.length);
  });
});

test.describe('Back restores the previous listing state', () => {
  test('sort, page and filter steps are undone one by one', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/products');
    await listing.sortChip('价格从高到低').click();
    await expect(listing.currentSort).toHaveText('价格从高到低');
    await listing.nextPage.click();
    await expect(listing.currentPage).toHaveText('2');
    const page2 = titlesOf(sorted(seed.seed.products, 'price-desc').slice(PAGE_SIZE, 2 * PAGE_SIZE));
    await expect(listing.cardTitles).toHaveText(page2);

    await listing.chooseFacet('颜色', seed.seed.colors.zh[2]);
    await expect(listing.facetChip('颜色', seed.seed.colors.zh[2])).toHaveAttribute('aria-current', 'true');
    expect(listing.searchParams().get('page')).toBeNull();

    await page.goBack();
    await expect.poll(() => listing.pathAndQuery()).toBe('/products?sort=price-desc&page=2');
    await expect(listing.currentPage).toHaveText('2');
    await expect(listing.currentSort).toHaveText('价格从高到低');
    await expect(listing.cardTitles).toHaveText(page2);
    await listing.expectTotal(seed.seed.products.length);

    await page.goBack();
    await expect.poll(() => listing.pathAndQuery()).toBe('/products?sort=price-desc');
    await expect(listing.currentPage).toHaveText('1');

    await page.goBack();
    await expect.poll(() => listing.pathAndQuery()).toBe('/products');
    await expect(listing.currentSort).toHaveText('最新上架');
    await expect(listing.cardTitles).toHaveText(titlesOf(sorted(seed.seed.products, 'newest').slice(0, PAGE_SIZE)));

    await page.goForward();
    await expect(listing.currentSort).toHaveText('价格从高到低');
  });

  test('Back from a product returns to the filtered listing', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/category/kitchen?sort=price-asc');
    await listing.waitForResults();
    const titles = await listing.titles();
    await listing.cards.nth(2).locator('a.card__link').click();
    await expect(new DetailPage(page).title).toHaveText(titles[2]);
    await page.goBack();
    await expect.poll(() => listing.pathAndQuery()).toBe('/category/kitchen?sort=price-asc');
    await expect(listing.cardTitles).toHaveText(titles);
  });
});

test.describe('search', () => {
  test('the header search finds products and articles containing the word', async ({ page }) => {
    const word = '咖啡';
    const expected = [...seed.seed.products, ...seed.seed.articles].filter((x) => x.zh.includes(word));
    const listing = new ListingPage(page);
    await listing.goto('/');
    await listing.search(word);
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${encodeURIComponent(word)}$`));
    await expect(listing.pageTitle).toHaveText(`“${word}”的搜索结果`);
    await listing.expectTotal(expected.length);
    for (const title of await listing.titles()) expect(title).toContain(word);
    await expect(listing.productCards).toHaveCount(expected.filter((x) => 'price' in x).length);
    await expect(listing.articleCards).toHaveCount(expected.filter((x) => !('price' in x)).length);
  });

  test('a search over several pages pages through matches only', async ({ page, controls }) => {
    // No Chinese word is in more than 9 titles (one page of 12); on the English site "ing"
    // (matched case-insensitively, as AnqiCMS's LIKE does) is in enough for three pages.
    const word = 'ing';
    const expected = [...seed.seed.products, ...seed.seed.articles].filter((x) => x.en.toLowerCase().includes(word));
    expect(expected.length).toBeGreaterThan(2 * PAGE_SIZE);
    const server = await controls.listingAll({ q: word, site_id: 2 });
    expect(server.total).toBe(expected.length);

    const listing = new ListingPage(page);
    await listing.goto('/');
    await listing.switchLanguage('English');
    await listing.search(word);
    await expect(listing.pageTitle).toHaveText(`Results for “${word}”`);
    await listing.expectTotal(expected.length);
    await expect(listing.paginationStatus).toHaveText(`Page 1 of ${Math.ceil(expected.length / PAGE_SIZE)}`);

    // Every page, in the server's order: each title has the word, nothing repeats, nothing is missing.
    const pages = [];
    for (;;) {
      await expect.poll(() => listing.slugs()).toEqual(server.slugs.slice(pages.flat().length, pages.flat().length + PAGE_SIZE));
      for (const title of await listing.titles()) expect(title.toLowerCase()).toContain(word);
      pages.push(await listing.slugs());
      if ((await listing.nextPage.count()) === 0) break;
      const before = await listing.currentPage.innerText();
      await listing.nextPage.click();
      await expect(listing.currentPage).not.toHaveText(before);
      expect(listing.searchParams().get('q')).toBe(word);
    }
    expect(pages).toHaveLength(Math.ceil(expected.length / PAGE_SIZE));
    expect(pages.flat()).toEqual(server.slugs);
    expect(new Set(pages.flat()).size).toBe(expected.length);
    expect([...pages.flat()].sort()).toEqual(expected.map((x) => x.slug).sort());
  });

  test('a search without results says so', async ({ page }) => {
    const word = '不存在的商品';
    const listing = new ListingPage(page);
    await listing.goto('/');
    await listing.search(word);
    await expect(listing.pageTitle).toHaveText(`“${word}”的搜索结果`);
    await expect(listing.emptyState).toHaveText(`没有找到与“${word}”相关的结果。`);
    await expect(listing.cards).toHaveCount(0);
  });

  test('an empty search asks for a word', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/');
    await listing.search('   ');
    await expect(page).toHaveURL(/\/search$/);
    await expect(listing.emptyState).toHaveText('输入关键词搜索商品和文章。');
  });

  test('Back from search results returns to the previous search', async ({ page }) => {
    const listing = new ListingPage(page);
    await listing.goto('/');
    await listing.search('咖啡');
    await listing.expectTotal(2);
    await listing.search('枕');
    const pillows = [...seed.seed.products, ...seed.seed.articles].filter((x) => x.zh.includes('枕'));
    await listing.expectTotal(pillows.length);
    await page.goBack();
    await expect.poll(() => listing.pathAndQuery()).toBe('/search?q=咖啡');
    await listing.expectTotal(2);
  });
});
