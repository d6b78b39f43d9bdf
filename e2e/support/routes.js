// @ts-check
// Every route of the shop with a check that its real content has rendered. Shared by the
// console-error and accessibility specs, which must visit the same pages in their final state.
const { expect } = require('@playwright/test');
const seed = require('./seed');

const kitchen = seed.category('kitchen');
const companyNews = seed.category('company-news');
const homeLiving = seed.category('home-living');
const dutchOven = seed.product('cast-iron-dutch-oven');
const coffeeGuide = seed.article('pour-over-coffee-basics');
const contact = seed.category('contact');
const handmade = seed.seed.tags.find((t) => t.slug === 'handmade');

/**
 * @typedef {{ name: string, path: string, ready: (page: import('@playwright/test').Page) => Promise<void> }} RouteCheck
 * @type {RouteCheck[]}
 */
const ROUTES = [
  {
    name: 'home',
    path: '/',
    ready: async (page) => {
      await expect(page.locator('section[aria-labelledby=home-recommended] .card--product').first()).toBeVisible();
      await expect(page.locator('section[aria-labelledby=home-latest] .card--article').first()).toBeVisible();
      await expect(page.locator('.banner-strip__item').first()).toBeVisible();
    },
  },
  {
    name: 'products',
    path: '/products',
    ready: async (page) => {
      await expect(page.locator('.listing__count')).toHaveText(`共 ${seed.seed.products.length} 条结果`);
      await expect(page.locator('aside.facets section.facet').first()).toBeAttached();
    },
  },
  {
    name: 'articles',
    path: '/articles',
    ready: async (page) => expect(page.locator('.listing__count')).toHaveText(`共 ${seed.seed.articles.length} 条结果`),
  },
  {
    name: 'product category',
    path: `/category/${kitchen.slug}`,
    ready: async (page) => {
      await expect(page.locator('h1.page-title')).toHaveText(kitchen.zh);
      await expect(page.locator('.listing__count')).toHaveText(`共 ${seed.productsIn(kitchen.slug).length} 条结果`);
    },
  },
  {
    name: 'article category',
    path: `/category/${companyNews.slug}`,
    ready: async (page) => {
      await expect(page.locator('h1.page-title')).toHaveText(companyNews.zh);
      await expect(page.locator('.listing__count')).toHaveText(`共 ${seed.articlesIn(companyNews.slug).length} 条结果`);
    },
  },
  {
    name: 'nested category',
    path: `/category/${homeLiving.slug}`,
    ready: async (page) => {
      await expect(page.locator('h1.page-title')).toHaveText(homeLiving.zh);
      await expect(page.locator('nav.subcategories a.chip').first()).toBeVisible();
      await expect(page.locator('.listing__count')).toHaveText(`共 ${seed.productsIn(homeLiving.slug).length} 条结果`);
    },
  },
  {
    name: 'product detail',
    path: `/product/${dutchOven.slug}`,
    ready: async (page) => {
      await expect(page.locator('h1.page-title')).toHaveText(dutchOven.zh);
      await expect(page.locator('.params__list')).toBeVisible();
      await expect(page.locator('.prose')).toBeVisible();
    },
  },
  {
    name: 'product with options',
    path: '/product/trail-running-shoes',
    // Edition-agnostic: the documented edition shows the picker, the open-source one sells
    // the product itself; either way the buy button is there.
    ready: async (page) => {
      await expect(page.locator('h1.page-title')).toHaveText(seed.product('trail-running-shoes').zh);
      await expect(page.locator('button.buy-box__add')).toBeVisible();
    },
  },
  {
    name: 'cart',
    path: '/cart',
    ready: async (page) => expect(page.locator('main#main .cart__empty')).toBeVisible(),
  },
  {
    name: 'article detail',
    path: `/article/${coffeeGuide.slug}`,
    ready: async (page) => {
      await expect(page.locator('h1.page-title')).toHaveText(coffeeGuide.zh);
      await expect(page.locator('.prose')).toBeVisible();
    },
  },
  {
    name: 'single page',
    path: `/page/${contact.slug}`,
    ready: async (page) => {
      await expect(page.locator('h1.page-title')).toHaveText(contact.zh);
      await expect(page.locator('.prose')).toContainText('400-820-2026');
    },
  },
  {
    name: 'tags',
    path: '/tags',
    ready: async (page) => expect(page.locator('main#main a.chip')).toHaveCount(seed.seed.tags.length),
  },
  {
    name: 'tag page',
    path: `/tag/${handmade?.slug}`,
    ready: async (page) => {
      await expect(page.locator('h1.page-title')).toHaveText(`标签：${handmade?.zh}`);
      await expect(page.locator('.card')).toHaveCount(seed.handmadeProducts().length);
    },
  },
  {
    name: 'search',
    path: `/search?q=${encodeURIComponent('咖啡')}`,
    ready: async (page) => {
      await expect(page.locator('h1.page-title')).toHaveText('“咖啡”的搜索结果');
      await expect(page.locator('.card').first()).toBeVisible();
    },
  },
  {
    name: 'login',
    path: '/login',
    ready: async (page) => expect(page.locator('main#main input[name=user_name]')).toBeVisible(),
  },
  {
    name: 'register',
    path: '/register',
    ready: async (page) => expect(page.locator('main#main input[name=contact]')).toBeVisible(),
  },
  {
    name: 'setup',
    path: '/setup',
    ready: async (page) => expect(page.locator('[data-edition]')).toHaveAttribute('data-edition', 'Documented'),
  },
  {
    name: '404',
    path: '/no/such/page',
    ready: async (page) => expect(page.locator('h1.page-title')).toHaveText('页面不存在'),
  },
];

function route(name) {
  const found = ROUTES.find((r) => r.name === name);
  if (!found) throw new Error(`no route check "${name}"`);
  return found;
}

module.exports = { ROUTES, route };
