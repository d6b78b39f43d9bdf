// @ts-check
// Hostile CMS data never runs script. Two sources, on both editions:
// * the seed's hostile HTML block (HOSTILE_HTML in demo-server/src/seed/data.rs) in the XSS
//   archives, the `kitchen` category and the `about` page;
// * the hostile state (`POST /__test/hostile`, demo-server/src/seed/hostile.rs): hostile
//   nav items, banners, friend links, settings, an archive of each kind, a category, a page
//   and a tag, whose payloads set `top.__xss` or call `top.__xssTrap()`.
// A trap installed before any page script runs records every payload that executes; after
// each page renders the WHOLE document is scanned for anything that could run script, every
// script-URL link still on the page is clicked, and the trap must never have fired. Hostile
// text (titles, names, settings) must show as the literal text it is.
const { test, expect } = require('../support/fixtures');
const { ShopPage } = require('../pages/ShopPage');
const { HomePage } = require('../pages/HomePage');
const { ListingPage } = require('../pages/ListingPage');
const { DetailPage } = require('../pages/DetailPage');
const seed = require('../support/seed');

// The hostile values (demo-server/src/seed/hostile.rs), as the text a shopper must see.
const TEXT_IMG = '<img src=x onerror="top.__xss=1">';
const TEXT_SCRIPT = '<script>top.__xss=1</script>';
const TEXT_BREAKOUT = '"><img src=x onerror=top.__xss=1>';
const TEXT_SVG = '<svg onload=top.__xss=1>';
const HOSTILE = {
  product: { slug: 'xss-hostile-product', title: `${TEXT_IMG}Hostile product` },
  article: { slug: 'xss-hostile-article', title: `${TEXT_IMG}Hostile article` },
  category: { slug: 'xss-hostile-category', title: `${TEXT_IMG}Hostile category` },
  page: { slug: 'xss-hostile-page', title: `${TEXT_IMG}Hostile page` },
  tag: { slug: 'xss-hostile-tag', title: `${TEXT_IMG}Hostile tag` },
  siteName: `${seed.SITE_NAME.zh}${TEXT_IMG}`,
  menuItem: `${TEXT_IMG}Menu`,
  copyright: `© 2026 ${TEXT_SCRIPT}`,
};
const xssProduct = seed.product('xss-test-product');
const xssArticle = seed.article('xss-test-article');
const kitchen = seed.category('kitchen');
const about = seed.category('about');

/**
 * The trap, in every frame before any of its scripts: `__xss` is a setter that records,
 * on this window and on `top`; `__xssTrap()` records; alert/confirm/prompt/print/open record
 * instead of acting. `__xssHits()` (on top) returns everything recorded, in any frame.
 */
function installTrap() {
  const w = /** @type {any} */ (window);
  /** @type {string[]} */
  const hits = [];
  const own = (what) => hits.push(`${what} (in ${location.href})`);
  // A frame reports to top's list when it can reach it.
  const report = (what) => {
    try {
      if (window.top && window.top !== window && typeof (/** @type {any} */ (window.top).__xssRecord) === 'function') {
        /** @type {any} */ (window.top).__xssRecord(`${what} (in a frame: ${location.href})`);
        return;
      }
    } catch {
      /* cross-origin top: keep it here */
    }
    own(what);
  };
  const defineOn = (target) => {
    try {
      let value;
      Object.defineProperty(target, '__xss', {
        configurable: false,
        get: () => value,
        set: (v) => {
          value = v;
          report(`__xss = ${String(v)}`);
        },
      });
    } catch {
      /* already defined (top's own trap), or cross-origin */
    }
  };
  Object.defineProperty(w, '__xssRecord', { value: own, configurable: false });
  Object.defineProperty(w, '__xssHits', { value: () => [...hits], configurable: false });
  defineOn(window);
  try {
    if (window.top && window.top !== window) defineOn(window.top);
  } catch {
    /* cross-origin */
  }
  w.__xssTrap = (...args) => report(`__xssTrap(${args.map(String).join(', ')})`);
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    w[name] = (...args) => report(`${name}(${args.map(String).join(', ')})`);
  }
  const open = window.open;
  w.open = (...args) => {
    if (/^\s*(javascript|vbscript|data):/i.test(String(args[0] || ''))) report(`open(${String(args[0])})`);
    return open.apply(window, args);
  };
}

/**
 * Everything in the document that could run script (to be run in the page). `ownScripts` are
 * the app's own <script> elements as index.html ships them.
 * @param {{ src: string, text: string }[]} ownScripts
 */
function scanDocument(ownScripts) {
  /** @type {string[]} */
  const found = [];
  const BAD = /^(javascript|vbscript|data):$/i;
  const RASTER = /^data:image\/(png|jpeg|gif|webp)[;,]/i;
  // What a browser ignores before it reads a scheme: C0 controls and spaces, anywhere.
  const squeeze = (v) => v.replace(/[\u0000-\u0020\u007f]+/g, '');
  const protocol = (v) => {
    try {
      return new URL(v, document.baseURI).protocol;
    } catch {
      return '';
    }
  };
  const name = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent || '').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}>${text ? ` "${text}"` : ''}`;
  };
  /** Is `value` of `attr` a URL that runs script (or a data: document)? */
  const dangerousUrl = (attr, value) => {
    const isSrc = attr === 'src' || attr === 'srcset' || attr === 'poster';
    if (isSrc && RASTER.test(squeeze(value))) return false;
    return BAD.test(protocol(value)) || /^(javascript|vbscript|data):/i.test(squeeze(value));
  };
  const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'ping', 'codebase', 'cite', 'lowsrc', 'dynsrc'];

  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      const lower = attr.toLowerCase();
      const value = el.getAttribute(attr) || '';
      if (lower.startsWith('on')) found.push(`${name(el)} has ${attr}="${value}"`);
      if (lower === 'srcdoc') found.push(`${name(el)} has srcdoc="${value}"`);
      if (lower === 'style' && /javascript:|vbscript:|expression\(/i.test(squeeze(value))) found.push(`${name(el)} has style="${value}"`);
      if (URL_ATTRS.includes(lower) || lower.endsWith(':href')) {
        const urls = lower === 'srcset' || lower === 'ping' ? value.split(/[\s,]+/).filter((u) => u && !/^\d+[wx]$/.test(u)) : [value];
        for (const url of urls) if (dangerousUrl(lower, url)) found.push(`${name(el)} has ${attr}="${value}"`);
      }
    }
    // What the browser made of them (normalised, resolved; SVG hrefs are animated strings).
    for (const prop of ['href', 'src', 'action', 'formAction']) {
      if (!(prop in el)) continue;
      let value = /** @type {any} */ (el)[prop];
      if (value && typeof value === 'object' && 'baseVal' in value) value = value.baseVal;
      if (typeof value === 'string' && value && dangerousUrl(prop === 'src' ? 'src' : 'href', value)) {
        found.push(`${name(el)}.${prop} is ${value}`);
      }
    }
  }
  for (const el of document.querySelectorAll('iframe, frame, frameset, object, embed, applet, portal')) found.push(`${name(el)} element`);
  for (const el of document.querySelectorAll('script')) {
    const src = el.getAttribute('src') || '';
    const text = el.textContent || '';
    // The product page's JSON-LD is a data block the browser never runs: allowed only with
    // exactly that type, no src, and a body that is JSON through and through.
    if (el.matches('script.product-json-ld') && el.getAttribute('type') === 'application/ld+json' && !el.hasAttribute('src')) {
      try {
        JSON.parse(text);
        continue;
      } catch {
        found.push(`${name(el)} JSON-LD that is not JSON`);
        continue;
      }
    }
    if (!ownScripts.some((s) => s.src === src && s.text === text)) found.push(`${name(el)} script (src="${src}") not in index.html`);
  }
  for (const el of document.querySelectorAll('meta[http-equiv]')) found.push(`${name(el)} meta http-equiv="${el.getAttribute('http-equiv')}"`);
  const bases = [...document.querySelectorAll('base')];
  if (bases.length > 1) found.push(`${bases.length} <base> elements`);
  for (const el of bases) if (!/^https?:$/.test(protocol(el.getAttribute('href') || '/'))) found.push(`<base href="${el.getAttribute('href')}">`);
  for (const el of document.querySelectorAll('body style, body link')) found.push(`${name(el)} in the body`);
  return found;
}

/** The app's own scripts, from the index.html the server ships. */
async function ownScriptsOf(page, origin) {
  const html = await (await page.request.get(`${origin}/`)).text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => {
    const src = /\bsrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[1]);
    return { src: src ? src[2] ?? src[3] ?? src[4] ?? '' : '', text: m[2] };
  });
  if (scripts.length === 0) throw new Error(`no <script> in ${origin}/ (is dist/ built?)`);
  return scripts;
}

/**
 * The checks after a page has rendered: images settled, document scanned, script-URL links
 * clicked, and the trap still empty. Returns nothing; fails with what it found.
 */
async function expectInert(page, ownScripts) {
  const where = new URL(page.url());
  // Let handlers that wait for an image (onerror/onload) fire: every eager image settles.
  await page.waitForFunction(() => [...document.images].filter((i) => i.loading !== 'lazy').every((i) => i.complete));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const findings = await page.evaluate(scanDocument, ownScripts);

  // There should be no script-URL link at all; click any that exists, to prove it inert.
  const clicked = await page.evaluate(() => {
    const suspicious = [...document.querySelectorAll('a, area, [href], [xlink\\:href]')].filter((el) => {
      const raw = (el.getAttribute('href') || el.getAttribute('xlink:href') || '').replace(/[\u0000-\u0020\u007f]+/g, '');
      let resolved = /** @type {any} */ (el).href;
      if (resolved && typeof resolved === 'object') resolved = resolved.baseVal;
      return /^(javascript|vbscript|data):/i.test(raw) || /^(javascript|vbscript|data):/i.test(String(resolved || ''));
    });
    for (const el of suspicious) /** @type {HTMLElement} */ (el).click();
    return suspicious.map((el) => el.outerHTML.slice(0, 120));
  });
  if (clicked.length) console.log(`XSS clicked ${clicked.length} script-URL link(s) on ${where.pathname}:\n  ${clicked.join('\n  ')}`);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  expect(await page.evaluate(() => /** @type {any} */ (window).__xssHits()), `script that ran on ${where.pathname}`).toEqual([]);
  expect(await page.evaluate(() => /** @type {any} */ (window).__xss)).toBeUndefined();
  expect(findings, `script-capable markup on ${where.pathname}`).toEqual([]);
  expect(clicked, 'script-URL links on the page').toEqual([]);
  expect(new URL(page.url()).pathname, 'no hostile link or form navigated away').toBe(where.pathname);
}

/** Hostile text shows as itself, and no element was made from it. */
async function expectLiteral(locator, text) {
  await expect(locator).toHaveText(text);
  await expect(locator.locator('img, script, svg, iframe, style')).toHaveCount(0);
}

/** What every page shows of the hostile settings: site name and footer. */
async function expectHostileFrame(page) {
  const shop = new ShopPage(page);
  await expectLiteral(shop.logoName, HOSTILE.siteName);
  await expect(shop.footer).toContainText(HOSTILE.copyright);
  await expect(shop.footer).toContainText(TEXT_BREAKOUT); // the ICP number
  await expect(shop.footer).toContainText(`${TEXT_IMG}Shanghai`);
  await expect(shop.footer.locator('img, script, svg, iframe')).toHaveCount(0);
}

async function expectHostileProduct(page) {
  const detail = new DetailPage(page);
  await expectLiteral(detail.title, HOSTILE.product.title);
  await expect(detail.price).toHaveText(seed.formatPrice(1990));
  await expect(detail.prose.filter({ hasText: 'Hostile content' })).toBeVisible();
  await expect(detail.prose).toContainText('This block deliberately contains hostile markup.');
  expect((await detail.paramMap())['材质']).toBe(TEXT_SCRIPT);
  await expect(detail.breadcrumb).toContainText(HOSTILE.category.title);
  await expect(detail.tagChips.filter({ hasText: HOSTILE.tag.title })).toHaveCount(1);
  // The SEO title (or the title) is hostile text too: it stays text inside <title>.
  await expect(page).toHaveTitle(/<\/title><script>top\.__xss=1<\/script>|<img src=x onerror=/);
}

/** Direct loads, each with what it must show. */
const DIRECT = [
  {
    path: '/',
    ready: async (page) => {
      const home = new HomePage(page);
      await expectLiteral(home.recommendedCards.first().locator('.card__title'), HOSTILE.product.title);
      await expectLiteral(home.latestCards.first().locator('.card__title'), HOSTILE.article.title);
      await expect(home.banners.first()).toBeVisible();
      await home.openMenu();
      await expectLiteral(home.navLinks.filter({ hasText: 'Menu' }), HOSTILE.menuItem);
      // (The "<svg …>Child" item links to javascript: only, so the shop may leave it out;
      // the scan below makes sure that if it is there, it is inert.)
      await expect(home.nav.locator('img, script, svg')).toHaveCount(0);
    },
  },
  { path: `/product/${HOSTILE.product.slug}`, ready: expectHostileProduct },
  {
    path: `/article/${HOSTILE.article.slug}`,
    ready: async (page) => {
      const detail = new DetailPage(page);
      await expectLiteral(detail.title, HOSTILE.article.title);
      await expect(detail.prose.filter({ hasText: 'Hostile content' })).toBeVisible();
      await expect(detail.main).toContainText(TEXT_IMG); // the author field
    },
  },
  {
    path: `/category/${HOSTILE.category.slug}`,
    ready: async (page) => {
      const listing = new ListingPage(page);
      await expectLiteral(listing.pageTitle, HOSTILE.category.title);
      await expectLiteral(listing.cardTitles.first(), HOSTILE.product.title);
      await expect(listing.prose.filter({ hasText: 'Hostile content' })).toBeVisible();
    },
  },
  {
    path: `/page/${HOSTILE.page.slug}`,
    ready: async (page) => {
      const detail = new DetailPage(page);
      await expectLiteral(detail.title, HOSTILE.page.title);
      await expect(detail.prose.filter({ hasText: 'Hostile content' })).toBeVisible();
    },
  },
  {
    path: `/tag/${HOSTILE.tag.slug}`,
    ready: async (page) => {
      const listing = new ListingPage(page);
      await expectLiteral(listing.pageTitle, `标签：${HOSTILE.tag.title}`);
      await expect(listing.cards).toHaveCount(2);
    },
  },
  {
    path: '/tags',
    ready: async (page) => expectLiteral(page.locator('main#main a.chip').filter({ hasText: 'Hostile tag' }), HOSTILE.tag.title),
  },
  {
    path: '/products',
    ready: async (page) => expectLiteral(new ListingPage(page).cardTitles.first(), HOSTILE.product.title),
  },
  {
    path: `/search?q=Hostile`,
    ready: async (page) => {
      const listing = new ListingPage(page);
      await expect(listing.cards).toHaveCount(2);
      expect((await listing.titles()).sort()).toEqual([HOSTILE.article.title, HOSTILE.product.title].sort());
    },
  },
  ...[
    { path: `/product/${xssProduct.slug}`, title: xssProduct.zh },
    { path: `/article/${xssArticle.slug}`, title: xssArticle.zh },
    { path: `/category/${kitchen.slug}`, title: kitchen.zh },
    { path: `/page/${about.slug}`, title: about.zh },
  ].map(({ path, title }) => ({
    path,
    ready: async (page) => {
      await expect(page.locator('h1.page-title')).toHaveText(title);
      const prose = page.locator('.prose').filter({ hasText: 'Sanitiser test' });
      await expect(prose).toBeVisible();
      // The harmless text of the block survives.
      await expect(prose).toContainText('This block deliberately contains hostile markup.');
      await expect(prose).toContainText('hover or click me');
      // Poke at what carried click/hover handlers.
      const bait = prose.getByText('hover or click me');
      await bait.hover();
      await bait.click();
    },
  })),
];

const SERVERS = [
  { name: 'documented', origin: (/** @type {any} */ f) => new URL(f.baseURL).origin, controls: (/** @type {any} */ f) => f.controls },
  { name: 'open-source', origin: (/** @type {any} */ f) => f.oss, controls: (/** @type {any} */ f) => f.ossControls },
];

for (const server of SERVERS) {
  test.describe(`hostile CMS data never executes (${server.name} edition)`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript(installTrap);
    });

    for (const target of DIRECT) {
      test(`direct load of ${target.path}`, async ({ page, baseURL, oss, controls, ossControls }) => {
        const fixtures = { baseURL, oss, controls, ossControls };
        const origin = server.origin(fixtures);
        await server.controls(fixtures).hostile(true);
        const ownScripts = await ownScriptsOf(page, origin);
        const shop = new ShopPage(page);
        await shop.goto(`${origin}${target.path}`);
        await target.ready(page);
        await expectHostileFrame(page);
        await expectInert(page, ownScripts);
      });
    }

    test('in-app navigation from the home page to every hostile page', async ({ page, baseURL, oss, controls, ossControls }) => {
      const fixtures = { baseURL, oss, controls, ossControls };
      const origin = server.origin(fixtures);
      await server.controls(fixtures).hostile(true);
      const ownScripts = await ownScriptsOf(page, origin);
      const home = new HomePage(page);
      const detail = new DetailPage(page);
      const listing = new ListingPage(page);
      await home.goto(`${origin}/`);
      await expectLiteral(home.recommendedCards.first().locator('.card__title'), HOSTILE.product.title);
      await expectHostileFrame(page);
      await expectInert(page, ownScripts);

      // The hostile product, from its card; its category and tag from there.
      await home.recommendedCards.first().locator('a.card__link').click();
      await expectHostileProduct(page);
      await expectInert(page, ownScripts);
      await detail.breadcrumb.getByText(HOSTILE.category.title, { exact: true }).click();
      await expectLiteral(listing.pageTitle, HOSTILE.category.title);
      await expectInert(page, ownScripts);
      await page.goBack();
      await expectLiteral(detail.title, HOSTILE.product.title);
      await detail.tagChips.filter({ hasText: HOSTILE.tag.title }).click();
      await expectLiteral(listing.pageTitle, `标签：${HOSTILE.tag.title}`);
      await expectInert(page, ownScripts);

      // The hostile article, from the home page's latest shelf.
      await home.logo.click();
      await home.latestCards.first().locator('a.card__link').click();
      await expectLiteral(detail.title, HOSTILE.article.title);
      await expect(detail.prose.filter({ hasText: 'Hostile content' })).toBeVisible();
      await expectInert(page, ownScripts);

      // The seed's hostile category and page from the menu: `kitchen`, and `about` through
      // the hostile menu item (a CMS link, /12.html).
      await home.navigateTo(kitchen.zh);
      await expect(listing.pageTitle).toHaveText(kitchen.zh);
      await expect(listing.prose.filter({ hasText: 'Sanitiser test' })).toBeVisible();
      await expectInert(page, ownScripts);
      await home.openMenu();
      await home.navLinks.filter({ hasText: 'Menu' }).click();
      await expect(detail.title).toHaveText(about.zh);
      await expect(detail.prose.filter({ hasText: 'Sanitiser test' })).toBeVisible();
      await expectInert(page, ownScripts);

      // The hostile product again through a listing and a search.
      await home.navigateTo(seed.category('products').zh);
      await expect(listing.subcategories.filter({ hasText: 'Hostile category' })).toHaveCount(1);
      await expectLiteral(listing.subcategories.filter({ hasText: 'Hostile category' }), HOSTILE.category.title);
      await expectInert(page, ownScripts);
      await listing.search('Hostile');
      await expect(listing.cards).toHaveCount(2);
      await expectInert(page, ownScripts);
      await listing.cards.filter({ hasText: 'Hostile product' }).locator('a.card__link').click();
      await expectHostileProduct(page);
      await expectInert(page, ownScripts);
    });
  });
}

test.describe('the trap itself', () => {
  // The servers' strict CSP blocks a script-URL link before the trap can see it run; the trap
  // is proved on a page without it (the hostile-data checks above run under the policy too).
  test.use({ bypassCSP: true });

  test('the trap catches what it is meant to catch', async ({ page, baseURL }) => {
    // The checks above would pass on a page that runs nothing. Prove they see a payload: one
    // that runs, and one script-URL link that only runs when clicked.
    await page.addInitScript(installTrap);
    const ownScripts = await ownScriptsOf(page, new URL(/** @type {string} */ (baseURL)).origin);
    const shop = new ShopPage(page);
    await shop.goto('/tags');
    await page.evaluate(() => {
      /** @type {any} */ (window).top.__xss = 1;
    });
    expect(await page.evaluate(() => /** @type {any} */ (window).__xssHits())).toEqual([expect.stringContaining('__xss = 1')]);
    await shop.goto('/tags');
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.setAttribute('href', ' JaVa\tScRiPt:top.__xssTrap(1)');
      a.textContent = 'planted';
      document.querySelector('main')?.append(a);
    });
    const failure = await expectInert(page, ownScripts).then(
      () => null,
      (e) => String(e),
    );
    // The trap fired when the link was clicked, and that is what the failure reports.
    expect(failure).toContain('__xssTrap(1)');
    expect(await page.evaluate(() => /** @type {any} */ (window).__xssHits())).toEqual([expect.stringContaining('__xssTrap(1)')]);
    // The scan alone sees such a link, too.
    expect((await page.evaluate(scanDocument, ownScripts)).join('\n')).toContain('planted');
  });
});
