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

async function toggleByApi(request, base, token, id) {
  const response = await request.post(`${base}/api/favorite/add`, { data: { archive_id: id }, headers: { token } });
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
      test(`${width}px ${lang}`, async ({ page, baseURL }) => {
        await page.setViewportSize({ width, height: 800 });
        if (lang === 'en') await useEnglish(page);
        const account = await newAccount(page.request, baseURL);
        const products = (await (await page.request.get(`${baseURL}/api/archive/list`, { params: { moduleId: '2', limit: '2' } })).json()).data;
        for (const p of products) await toggleByApi(page.request, baseURL, account.token, p.id);
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
        if (lang === 'zh') {
          await signInOnPage(page, baseURL, account.name);
          await page.goto('/account/favorites');
          await expect(page.locator('li[data-favorite]')).toHaveCount(2);
          await page.waitForLoadState('networkidle');
          results = await new AxeBuilder({ page }).analyze();
          expect(describe(results.violations), '/account/favorites').toEqual([]);
        }
      });
    }
  }
});
