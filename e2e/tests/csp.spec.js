// @ts-check
// Issue 8's strict Content-Security-Policy: the server sends it with the app, it allows the
// inline scripts of the built index.html by hash and nothing else, and the shop works under
// it. Every other spec runs under the same header too: the automatic `cspViolations` fixture
// (support/fixtures.js) fails any test that breaks the policy; the last test here checks that
// the watcher really sees a violation.
const crypto = require('crypto');
const { test, expect, allowConsoleErrors } = require('../support/fixtures');
const seed = require('../support/seed');
const { DetailPage } = require('../pages/DetailPage');
const { LoginPage } = require('../pages/LoginPage');
const { ShopPage } = require('../pages/ShopPage');
const { uniqueName, SHOPPER_PASSWORD } = require('../support/shopper');

const dutchOven = seed.product('cast-iron-dutch-oven');

/** `default-src 'self'; script-src …` → { 'default-src': ["'self'"], … } */
function directives(policy) {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

/** The text of each `<script>` without `src`, as the browser hashes it (raw, byte for byte). */
function inlineScripts(html) {
  const scripts = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of withoutComments.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script/gi)) {
    const attributes = (m[1] || '').replace(/"[^"]*"|'[^']*'/g, '""');
    if (!/(^|\s)src(\s*=|\s|$)/i.test(attributes)) scripts.push(m[2]);
  }
  return scripts;
}

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test.describe('strict Content-Security-Policy', () => {
  test('index.html and the SPA fallback carry the policy, with a hash for every inline script', async ({ request }) => {
    for (const path of ['/', `/product/${dutchOven.slug}`]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const policy = response.headers()['content-security-policy'];
      expect(policy, `${path}: Content-Security-Policy header`).toBeTruthy();
      const d = directives(policy);
      const scriptSrc = d['script-src'];
      expect(scriptSrc, policy).toBeTruthy();
      expect(scriptSrc).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(d['object-src']).toEqual(["'none'"]);
      expect(d['base-uri']).toEqual(["'self'"]);
      expect(d['default-src']).toEqual(["'self'"]);

      const scripts = inlineScripts(await response.text());
      // trunk's module loader at least (index.html has the crash banner script too).
      expect(scripts.length, 'inline scripts in index.html').toBeGreaterThan(0);
      for (const script of scripts) expect(scriptSrc, `hash of ${script.slice(0, 60)}…`).toContain(sha256(script));
      // Nothing but the self/wasm sources and those hashes.
      const hashes = new Set(scripts.map(sha256));
      expect(scriptSrc.filter((s) => s !== "'self'" && s !== "'wasm-unsafe-eval'" && !hashes.has(s))).toEqual([]);
    }
  });

  test('the shop boots and a shopper goes from a product to the cart and signs in, with no violation', async ({
    page,
    baseURL,
    cspViolations,
  }) => {
    const name = uniqueName('csp');
    const registered = await page.request.post(`${baseURL}/api/register`, {
      data: { user_name: name, password: SHOPPER_PASSWORD, email: `${name}@example.com` },
    });
    expect((await registered.json()).code).toBe(0);

    const detail = new DetailPage(page);
    await detail.open(`/product/${dutchOven.slug}`);
    await expect(detail.title).toHaveText(dutchOven.zh);
    // The app is the wasm (allowed by 'wasm-unsafe-eval') started by trunk's inline module
    // script (allowed by its hash): the title above is only there if both ran.
    await expect(detail.addButton).toBeEnabled();
    await detail.addButton.click();
    await expect(detail.drawer).toBeVisible();
    await detail.drawer.getByRole('link', { name: '查看购物车' }).click();
    const shop = new ShopPage(page);
    await expect(page).toHaveURL(/\/cart$/);
    await expect(shop.pageTitle).toHaveText('购物车');
    await expect(shop.main.locator('li.cart-line')).toHaveCount(1);

    // A guest's checkout asks for a sign-in first.
    await shop.main.locator('.cart-summary__checkout').click();
    await expect(page).toHaveURL(/\/login\?next=/);
    await new LoginPage(page).signIn(name, SHOPPER_PASSWORD);
    await expect(shop.accountName).toContainText(name);
    await page.waitForLoadState('networkidle');
    expect(cspViolations).toEqual([]);
  });

  test('the watcher sees a violation: an injected inline script is refused and recorded', async ({
    page,
    cspViolations,
  }, testInfo) => {
    await page.goto('/');
    await expect(new ShopPage(page).main).toBeVisible();
    // Chromium's wording (156); older versions said "Refused to execute inline script because it violates…".
    allowConsoleErrors(testInfo, /(Executing inline script violates|Refused to execute inline script because it violates) the following Content Security Policy directive/);
    const ran = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__injectedRan = false;
      const script = document.createElement('script');
      script.textContent = 'window.__injectedRan = true;';
      document.head.appendChild(script);
      return w.__injectedRan;
    });
    expect(ran, 'the policy must block the injected script').toBe(false);
    await expect.poll(() => cspViolations.some((v) => v.startsWith('securitypolicyviolation: enforce script-src-elem'))).toBe(true);
    await expect.poll(() => cspViolations.some((v) => /^console\.error: .*inline script violates|Refused to execute inline script/.test(v))).toBe(true);
    // Seen, as it should be: this test passes with it.
    cspViolations.splice(0);
  });
});
