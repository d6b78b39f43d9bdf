// @ts-check
// The seed's hostile HTML (demo-server/src/seed/data.rs, HOSTILE_HTML: script tags, event
// handlers, javascript: URLs, iframes, objects… in every letter case) must render inert:
// on the XSS archives, the `kitchen` category description and the `about` page.
const { test, expect } = require('../support/fixtures');
const seed = require('../support/seed');

const xssProduct = seed.product('xss-test-product');
const xssArticle = seed.article('xss-test-article');
const kitchen = seed.category('kitchen');
const about = seed.category('about');

const TARGETS = [
  { name: 'product', path: `/product/${xssProduct.slug}`, title: xssProduct.zh },
  { name: 'article', path: `/article/${xssArticle.slug}`, title: xssArticle.zh },
  { name: 'category description', path: `/category/${kitchen.slug}`, title: kitchen.zh },
  { name: 'single page', path: `/page/${about.slug}`, title: about.zh },
];

/** Everything in the document that could run script. */
async function dangerousMarkup(page) {
  return page.evaluate(() => {
    const found = [];
    const prose = [...document.querySelectorAll('.prose')];
    for (const root of prose) {
      for (const el of root.querySelectorAll('script, iframe, object, embed, svg, form, style, base, meta, link')) {
        found.push(`<${el.tagName.toLowerCase()}> inside .prose`);
      }
    }
    for (const el of document.querySelectorAll('body *')) {
      for (const attr of el.getAttributeNames()) {
        const value = el.getAttribute(attr) || '';
        if (/^on/i.test(attr)) found.push(`${el.tagName.toLowerCase()}[${attr}="${value}"]`);
        if (/^\s*(javascript|vbscript|data:text\/html)/i.test(value.replace(/[\u0000-\u0020]/g, ''))) {
          found.push(`${el.tagName.toLowerCase()}[${attr}="${value}"]`);
        }
        if (attr === 'style' && /javascript|expression\(|url\(/i.test(value)) {
          found.push(`${el.tagName.toLowerCase()}[style="${value}"]`);
        }
      }
    }
    for (const a of document.querySelectorAll('a[href], area[href]')) {
      const href = /** @type {HTMLAnchorElement} */ (a).href;
      if (/^javascript:/i.test(href)) found.push(`a[href="${href}"]`);
    }
    return found;
  });
}

test.describe('hostile HTML never executes', () => {
  for (const target of TARGETS) {
    test(`${target.name} (${target.path})`, async ({ page }) => {
      await page.goto(target.path);
      await expect(page.locator('h1.page-title')).toHaveText(target.title);
      const prose = page.locator('.prose').filter({ hasText: 'Sanitiser test' });
      await expect(prose).toBeVisible();
      // The harmless text of the block survives.
      await expect(prose).toContainText('This block deliberately contains hostile markup.');
      await expect(prose).toContainText('hover or click me');

      // Give lazy handlers (onload/onerror of images, iframes) a chance, and poke at the
      // elements that carried click/hover handlers.
      const bait = prose.getByText('hover or click me');
      await bait.hover();
      await bait.click();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);

      expect(await page.evaluate(() => /** @type {any} */ (window).__xss)).toBeUndefined();
      expect(await page.locator('.prose script, .prose [onerror], .prose [onload], .prose [onclick], .prose [onmouseover]').count()).toBe(0);
      expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
      expect(await dangerousMarkup(page)).toEqual([]);
      // Still on the same page: no hostile link or form navigated away.
      expect(new URL(page.url()).pathname).toBe(target.path);
    });
  }

  test('the hostile product also stays inert in listings and search', async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent('XSS')}`);
    await expect(page.locator('.card')).toHaveCount(2);
    expect((await page.locator('.card__title').allInnerTexts()).sort()).toEqual([xssArticle.zh, xssProduct.zh].sort());
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => /** @type {any} */ (window).__xss)).toBeUndefined();
    expect(await dangerousMarkup(page)).toEqual([]);
  });
});
