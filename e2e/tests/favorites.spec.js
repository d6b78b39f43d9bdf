// @ts-check
// Favorites: a guest's hearts are kept in the browser and synced on sign-in (only the
// missing ones are added: favorite/add is a toggle); a double click sends one toggle; a
// failed toggle or read says so and the heart shows what the server holds after a re-check;
// the favorites page is paged in the URL; history keeps the last products viewed; axe.
const AxeBuilder = require('@axe-core/playwright').default;
const { test, expect, allowConsoleErrors } = require('../support/fixtures');
const { LoginPage } = require('../pages/LoginPage');
const { uniqueName } = require('../support/shopper');
const { ShopPage } = require('../pages/ShopPage');

const PASSWORD = 'fav123456';

/** A new account on `base` (registered through the API); its token. */
async function newAccount(request, base) {
  const name = uniqueName('fav');
  const response = await request.post(`${base}/api/register`, {
    data: { user_name: name, password: PASSWORD, email: `${name}@example.com` },
  });
  const body = await response.json();
  expect(body.code, JSON.stringify(body)).toBe(0);
  return { name, token: body.data.token };
}

async function serverFavorites(request, base, token) {
  const response = await request.get(`${base}/api/favorite/list`, { params: { current: '1', pageSize: '100' }, headers: { token } });
  const body = await response.json();
  expect(body.code, JSON.stringify(body)).toBe(0);
  expect(Object.keys(body)).not.toContain('msg');
  return (body.data || []).map((/** @type {any} */ a) => a.id).sort((a, b) => a - b);
}

async function toggleByApi(request, base, token, id, params = {}) {
  const response = await request.post(`${base}/api/favorite/add`, { data: { archive_id: id }, headers: { token }, params });
  return (await response.json()).data.is_favorite;
}

async function signInOnPage(page, base, name) {
  const login = new LoginPage(page);
  await page.goto(`${base}/login`);
  await login.signIn(name, PASSWORD);
  await expect(new ShopPage(page).accountName).toContainText(name);
}

function describe(violations) {
  return violations.map((v) => `${v.id} [${v.impact}] ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n'));
}

/** The English site (captcha on) for the rest of the test: the shop's stored language. */
async function useEnglish(page) {
  await page.addInitScript(() => window.localStorage.setItem('storefront.language', 'en'));
}

for (const edition of ['documented', 'open-source']) {
  test.describe(`favorites (${edition})`, () => {
    const baseOf = (baseURL, oss) => (edition === 'documented' ? baseURL : oss);

    test("a guest's hearts survive a reload and are added on sign-in, without toggling one the account already holds", async ({ page, baseURL, oss }) => {
      const base = baseOf(baseURL, oss);
      const account = await newAccount(page.request, base);
      await page.goto(`${base}/products`);
      const hearts = page.locator('main#main .card--product button.heart');
      await expect(hearts.first()).toBeVisible();
      const ids = [];
      for (const i of [0, 1, 2]) {
        const heart = hearts.nth(i);
        await expect(heart).toHaveAttribute('aria-pressed', 'false');
        await heart.click();
        await expect(heart).toHaveAttribute('aria-pressed', 'true');
        ids.push(Number(await heart.getAttribute('data-heart')));
      }
      // Un-marking works too, and the list is kept in the browser under a versioned key.
      await hearts.nth(2).click();
      await expect(hearts.nth(2)).toHaveAttribute('aria-pressed', 'false');
      const kept = ids.slice(0, 2);
      const stored = await page.evaluate(() =>
        Object.entries(localStorage).filter(([k]) => k.startsWith('storefront.favorites:')).map(([, v]) => JSON.parse(v)),
      );
      expect(stored).toHaveLength(1);
      expect(stored[0].v).toBe(1);
      expect([...stored[0].ids].sort()).toEqual([...kept].sort());
      await page.reload();
      for (const i of [0, 1]) await expect(hearts.nth(i)).toHaveAttribute('aria-pressed', 'true');
      await expect(hearts.nth(2)).toHaveAttribute('aria-pressed', 'false');

      // The account already holds the first one: a blind toggle on sign-in would remove it.
      expect(await toggleByApi(page.request, base, account.token, kept[0])).toBe(true);
      await signInOnPage(page, base, account.name);
      await expect.poll(() => serverFavorites(page.request, base, account.token)).toEqual([...kept].sort((a, b) => a - b));
      await expect
        .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('storefront.favorites:')).length))
        .toBe(0);

      await page.goto(`${base}/account/favorites`);
      for (const id of kept) await expect(page.locator(`li[data-favorite="${id}"]`)).toBeVisible();
      await expect(page.locator('li[data-favorite]')).toHaveCount(2);
      // Signed in, the hearts show the server's answer.
      await expect(page.locator(`li[data-favorite="${kept[0]}"] button.heart`)).toHaveAttribute('aria-pressed', 'true');
      // Removing uses favorite/delete; the page re-reads.
      await page.locator(`li[data-favorite="${kept[1]}"] > button`).click();
      await expect(page.locator('li[data-favorite]')).toHaveCount(1);
      expect(await serverFavorites(page.request, base, account.token)).toEqual([kept[0]]);
    });

    test('a double click on the heart sends one toggle and the heart shows what the server holds', async ({ page, baseURL, oss }) => {
      const base = baseOf(baseURL, oss);
      const account = await newAccount(page.request, base);
      await signInOnPage(page, base, account.name);
      await page.goto(`${base}/products`);
      await page.locator('main#main .card--product a.card__link').first().click();
      const heart = page.locator('main#main .detail__summary button.heart');
      await expect(heart).toHaveAttribute('data-state', 'off');
      const id = Number(await heart.getAttribute('data-heart'));
      let toggles = 0;
      page.on('request', (r) => {
        if (r.url().includes('/api/favorite/add')) toggles += 1;
      });
      await heart.dblclick();
      await expect(heart).toHaveAttribute('aria-busy', 'false');
      await expect(heart).toHaveAttribute('aria-pressed', 'true');
      expect(toggles).toBe(1);
      expect(await serverFavorites(page.request, base, account.token)).toEqual([id]);
      await heart.dblclick();
      await expect(heart).toHaveAttribute('aria-busy', 'false');
      await expect(heart).toHaveAttribute('aria-pressed', 'false');
      expect(toggles).toBe(2);
      expect(await serverFavorites(page.request, base, account.token)).toEqual([]);
    });

    test('faults: a failed toggle says so and re-reads the heart; a failed list offers a retry that recovers', async ({ page, baseURL, oss, controls, ossControls }, testInfo) => {
      allowConsoleErrors(testInfo, /status of 500 .*\/api\/favorite\/(add|list|check)/);
      const base = baseOf(baseURL, oss);
      const ctl = edition === 'documented' ? controls : ossControls;
      const account = await newAccount(page.request, base);
      await signInOnPage(page, base, account.name);
      await page.goto(`${base}/products`);
      const heart = page.locator('main#main .card--product button.heart').first();
      await expect(heart).toHaveAttribute('data-state', 'off');
      const id = Number(await heart.getAttribute('data-heart'));

      await ctl.fault('/api/favorite/add', 'html500');
      await heart.click();
      const card = page.locator('main#main .card--product').first();
      await expect(card.locator('.heart__error[role=alert]')).toBeVisible();
      // The re-check answered: the heart shows the server's state (not a favorite).
      await expect(heart).toHaveAttribute('data-state', 'off');
      await ctl.reset();
      await heart.click();
      await expect(heart).toHaveAttribute('aria-pressed', 'true');
      await expect(card.locator('.heart__error')).toHaveCount(0);
      expect(await serverFavorites(page.request, base, account.token)).toEqual([id]);

      // A failed check leaves the heart unknown; a click reads it again.
      await ctl.fault('/api/favorite/check', 'html500');
      await page.reload();
      await expect(heart).toHaveAttribute('data-state', 'unknown');
      await ctl.reset();
      await heart.click();
      await expect(heart).toHaveAttribute('aria-pressed', 'true');

      await ctl.fault('/api/favorite/list', 'html500');
      await page.goto(`${base}/account/favorites`);
      const alert = page.locator('main#main .notice--error[role=alert]');
      await expect(alert).toBeVisible();
      await ctl.reset();
      await alert.locator('button').click();
      await expect(page.locator(`li[data-favorite="${id}"]`)).toBeVisible();
    });

    test('a browser that keeps nothing: the guest heart still works for the visit and says it is not kept', async ({ page, baseURL, oss }) => {
      const base = baseOf(baseURL, oss);
      await page.addInitScript(() => {
        const original = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
          if (String(key).startsWith('storefront.favorites')) throw new DOMException('full', 'QuotaExceededError');
          return original.call(this, key, value);
        };
      });
      await page.goto(`${base}/products`);
      const heart = page.locator('main#main .card--product button.heart').first();
      await heart.click();
      await expect(heart).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator('main#main .card--product').first().locator('.heart__error[role=status]')).toBeVisible();
    });
  });
}

test('the favorites page is paged in the address', async ({ page, controls, baseURL }) => {
  const account = await newAccount(page.request, baseURL);
  const products = (await controls.api('/api/archive/list', { moduleId: '2', limit: '20' })).data;
  expect(products.length).toBeGreaterThan(12);
  for (const p of products.slice(0, 13)) expect(await toggleByApi(page.request, baseURL, account.token, p.id)).toBe(true);
  await signInOnPage(page, baseURL, account.name);
  await page.goto('/account/favorites');
  await expect(page.locator('li[data-favorite]')).toHaveCount(12);
  await page.locator('nav.pagination a[rel=next]').click();
  await expect(page).toHaveURL(/\/account\/favorites\?page=2$/);
  await expect(page.locator('li[data-favorite]')).toHaveCount(1);
  await page.reload();
  await expect(page.locator('li[data-favorite]')).toHaveCount(1);
});

test('browsing history: newest first without repeats, kept for guests, cleared on request', async ({ page }) => {
  await page.goto('/products');
  const links = page.locator('main#main .card--product a.card__link');
  const titles = [];
  for (const i of [0, 1, 0]) {
    await page.goto('/products');
    const link = links.nth(i);
    titles.push((await link.locator('.card__title').innerText()).trim());
    await link.click();
    await expect(page.locator('main#main h1.page-title')).toHaveText(titles[titles.length - 1]);
  }
  await page.goto('/history');
  const items = page.locator('li[data-history] .history-list__title');
  await expect(items).toHaveText([titles[0], titles[1]]);
  await page.locator('button[data-history-clear]').click();
  await expect(page.locator('[data-history-empty]')).toBeVisible();
  await page.reload();
  await expect(page.locator('[data-history-empty]')).toBeVisible();
});

test.describe('axe on the favorites and history pages', () => {
  for (const width of [360, 1280]) {
    for (const lang of ['zh', 'en']) {
      test(`${width}px ${lang}`, async ({ page, baseURL, controls }) => {
        await page.setViewportSize({ width, height: 800 });
        if (lang === 'en') await useEnglish(page);
        const site = lang === 'en' ? { site_id: '2' } : {};
        // The demo shopper of that language site, holding (at least) two favorites: checked
        // first, since favorite/add is a toggle.
        const token = await controls.token('demo', 3600, lang === 'en' ? 2 : undefined);
        const products = (await (await page.request.get(`${baseURL}/api/archive/list`, { params: { moduleId: '2', limit: '2', ...site } })).json()).data;
        const held = (await (await page.request.post(`${baseURL}/api/favorite/check`, { params: site, headers: { token }, data: { archive_ids: products.map((p) => p.id) } })).json()).data || [];
        for (const p of products) {
          if (!held.some((h) => h.archive_id === p.id)) expect(await toggleByApi(page.request, `${baseURL}`, token, p.id, site)).toBe(true);
        }
        await page.goto('/products');
        await page.locator('main#main .card--product a.card__link').first().click();
        await expect(page.locator('main#main button.heart--large')).toBeVisible();
        await page.waitForLoadState('networkidle');
        let results = await new AxeBuilder({ page }).analyze();
        expect(describe(results.violations), 'product page with its heart').toEqual([]);
        await page.goto('/history');
        await expect(page.locator('li[data-history]')).toHaveCount(1);
        results = await new AxeBuilder({ page }).analyze();
        expect(describe(results.violations), '/history').toEqual([]);
        await page.addInitScript(([key, t]) => window.localStorage.setItem(key, t), [`storefront.token:${lang === 'en' ? 2 : 1}`, token]);
        await page.goto('/account/favorites');
        await expect(page.locator('li[data-favorite]').first()).toBeVisible();
        await expect(page.locator('main#main button.heart[aria-pressed=true]').first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        results = await new AxeBuilder({ page }).analyze();
        expect(describe(results.violations), '/account/favorites').toEqual([]);
      });
    }
  }
});

test.describe('wishlist', () => {
  const TENT = 'ultralight-tent-2p';

  test('added from the product page with a target price and a note; the badge shows once the price drops; edit and remove', async ({ page, baseURL, controls }, testInfo) => {
    allowConsoleErrors(testInfo, /status of 500 .*\/api\/wishlist\/add/);
    const account = await newAccount(page.request, baseURL);
    const tent = (await controls.api('/api/archive/detail', { filename: TENT })).data;
    const target = tent.price - 100;
    await signInOnPage(page, baseURL, account.name);
    await page.goto(`/product/${TENT}`);
    const wish = page.locator('details.wish');
    await wish.locator('summary').click();
    const form = wish.locator(`form[data-wish-form="${tent.id}"]`);
    await form.locator('input[name=target_price]').fill('12.345');
    await form.locator('textarea[name=remark]').fill('For the summer trip');
    await form.locator('button[type=submit]').click();
    await expect(form.locator('input[name=target_price]')).toHaveAttribute('aria-invalid', 'true');
    await form.locator('input[name=target_price]').fill((target / 100).toFixed(2));
    // A failed save keeps what was typed; sending again works.
    await controls.fault('/api/wishlist/add', 'html500');
    await form.locator('button[type=submit]').click();
    await expect(form.locator('.notice--error')).toBeVisible();
    await expect(form.locator('textarea[name=remark]')).toHaveValue('For the summer trip');
    await controls.reset();
    const saved = page.waitForResponse((r) => r.url().includes('/api/wishlist/add'));
    await form.locator('button[type=submit]').click();
    const sent = JSON.parse((await saved).request().postData() || '{}');
    expect(sent).toMatchObject({ archive_id: tent.id, remark: 'For the summer trip', target_price: target });
    await expect(form.locator('.notice--success')).toBeVisible();

    await page.goto('/account/wishlist');
    const row = page.locator('li[data-wish]');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('For the summer trip');
    await expect(row).toHaveAttribute('data-dropped', 'false');
    await expect(row.locator('[data-price-dropped]')).toHaveCount(0);
    try {
      await controls.post('/__test/price', { archive_id: tent.id, price: target });
      await page.reload();
      await expect(row).toHaveAttribute('data-dropped', 'true');
      await expect(row.locator('[data-price-dropped]')).toBeVisible();
    } finally {
      await controls.post('/__test/price', { archive_id: tent.id, price: tent.price });
    }

    // Edit the note: the record is updated in place (same archive).
    await row.locator('button[aria-expanded]').click();
    const edit = row.locator('form[data-wish-form]');
    await edit.locator('textarea[name=remark]').fill('Changed my mind: winter');
    await edit.locator('button[type=submit]').click();
    await expect(page.locator('li[data-wish]')).toContainText('Changed my mind: winter');
    await expect(page.locator('li[data-wish]')).toHaveCount(1);
    await page.locator('li[data-wish] .wish-list__actions button').nth(1).click();
    await expect(page.locator('[data-wishlist-empty]')).toBeVisible();
  });

  test('the open-source edition has no wishlist: no form on the product page, the page says so', async ({ page, oss }) => {
    const account = await newAccount(page.request, oss);
    await signInOnPage(page, oss, account.name);
    await page.goto(`${oss}/product/${TENT}`);
    await expect(page.locator('main#main button.heart--large')).toBeVisible();
    await expect(page.locator('details.wish')).toHaveCount(0);
    await page.goto(`${oss}/account/wishlist`);
    await expect(page.locator('main#main .notice--info')).toBeVisible();
  });

  for (const width of [360, 1280]) {
    for (const lang of ['zh', 'en']) {
      test(`axe on /account/wishlist with a dropped price, ${width}px ${lang}`, async ({ page, baseURL, controls }) => {
        await page.setViewportSize({ width, height: 800 });
        const tent = (await controls.api('/api/archive/detail', { filename: TENT })).data;
        const siteToken = await controls.token('demo', 3600, lang === 'en' ? 2 : undefined);
        if (lang === 'en') await useEnglish(page);
        await page.addInitScript(([key, t]) => window.localStorage.setItem(key, t), [`storefront.token:${lang === 'en' ? 2 : 1}`, siteToken]);
        const enTent = lang === 'en' ? (await controls.api('/api/archive/detail', { filename: TENT, site_id: '2' })).data : tent;
        await page.request.post(`${baseURL}/api/wishlist/add`, { headers: { token: siteToken }, params: lang === 'en' ? { site_id: '2' } : {}, data: { archive_id: enTent.id, remark: 'note', target_price: enTent.price + 100 } });
        await page.goto('/account/wishlist');
        await expect(page.locator('li[data-wish]').first()).toBeVisible();
        await expect(page.locator('[data-price-dropped]').first()).toBeVisible();
        await page.locator('li[data-wish] button[aria-expanded]').first().click();
        await page.waitForLoadState('networkidle');
        const results = await new AxeBuilder({ page }).analyze();
        expect(describe(results.violations)).toEqual([]);
      });
    }
  }
});
