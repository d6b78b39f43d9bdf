// @ts-check
// Signing in, staying signed in, a wrong password, and token renewal (`Update-Token`).
const { test, expect } = require('../support/fixtures');
const { LoginPage } = require('../pages/LoginPage');
const { HomePage } = require('../pages/HomePage');
const { USERS } = require('../support/seed');
const { homeUrl } = require('../support/env');

// The app keeps one token per AnqiCMS site (`storefront.token:<site_id>`; the Chinese main
// site is 1), because AnqiCMS signs tokens per site.
const TOKEN_PREFIX = 'storefront.token';
const TOKEN_KEY = `${TOKEN_PREFIX}:1`;

/** Every stored session token, whatever its site. */
async function storedTokens(page) {
  return page.evaluate((prefix) => {
    const out = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i) || '';
      if (key.startsWith(prefix)) out.push(window.localStorage.getItem(key));
    }
    return out.filter(Boolean);
  }, TOKEN_PREFIX);
}

/** The claims of an AnqiCMS JWT (`{"userId":"…","t":"<unix expiry>"}`), with seconds left. */
function jwtClaims(token) {
  const parts = String(token).split('.');
  if (parts.length !== 3) throw new Error(`not a JWT: ${token}`);
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  const expiry = Number(claims.t);
  if (!Number.isFinite(expiry)) throw new Error(`no expiry claim in ${JSON.stringify(claims)}`);
  return { userId: String(claims.userId), expiresIn: expiry - Math.floor(Date.now() / 1000) };
}

test('signing in as the demo user shows the name in the header, across a reload @smoke', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await expect(login.accountLink).toHaveText('登录');
  await login.signIn(USERS.demo.userName, USERS.demo.password);
  await expect(page).toHaveURL(homeUrl());
  await expect(login.accountName).toHaveText(`你好，${USERS.demo.realName.zh}`);
  await expect(login.accountLink).toHaveCount(0);
  // One token per site the app signed in on (it may sign in on every language site).
  const tokens = await storedTokens(page);
  expect(tokens.length).toBeGreaterThan(0);
  for (const token of tokens) expect(jwtClaims(token).expiresIn).toBeGreaterThan(0);

  await page.reload();
  await login.waitForApp();
  await expect(login.accountName).toHaveText(`你好，${USERS.demo.realName.zh}`);

  // Signing out forgets the session.
  await login.signOutButton.click();
  await expect(login.accountLink).toHaveText('登录');
  expect(await storedTokens(page)).toEqual([]);
  await page.reload();
  await login.waitForApp();
  await expect(login.accountLink).toHaveText('登录');
});

test('signing in returns to the page named by ?next=', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto('/login?next=/tags');
  await login.signIn(USERS.vip.userName, USERS.vip.password);
  await expect(page).toHaveURL(/\/tags$/);
  await expect(login.accountName).toHaveText(`你好，${USERS.vip.realName.zh}`);
});

test('a wrong password shows an error and signs nobody in', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await login.signIn(USERS.demo.userName, 'wrong-password');
  await expect(login.fieldError).toHaveText('登录失败，请检查用户名和密码。');
  await expect(page).toHaveURL(/\/login$/);
  await expect(login.accountLink).toHaveText('登录');
  expect(await storedTokens(page)).toEqual([]);
  // The form stays usable: the right password still works.
  await login.signIn(USERS.demo.userName, USERS.demo.password);
  await expect(login.accountName).toHaveText(`你好，${USERS.demo.realName.zh}`);
});

test('a token close to expiry is renewed from the Update-Token header', async ({ page, controls }) => {
  const nearExpiry = await controls.token(USERS.demo.userName, 600);
  const home = new HomePage(page);
  await home.goto('/login');
  await page.evaluate(([key, token]) => window.localStorage.setItem(key, token), [TOKEN_KEY, nearExpiry]);

  // The server really renews this token (it expires within the hour) …
  expect(jwtClaims(nearExpiry).expiresIn).toBeLessThanOrEqual(600);
  const renewed = page.waitForResponse((r) => r.url().includes('/api/') && r.headers()['update-token'] !== undefined);
  await page.goto('/');
  const response = await renewed;
  const fresh = response.headers()['update-token'];
  // … with a different, fresh 24-hour token for the same user, which the server accepts.
  expect(fresh).not.toBe(nearExpiry);
  const claims = jwtClaims(fresh);
  expect(claims.userId).toBe(jwtClaims(nearExpiry).userId);
  expect(claims.expiresIn).toBeGreaterThan(23 * 3600);
  expect(claims.expiresIn).toBeLessThanOrEqual(24 * 3600 + 60);
  const asFresh = await controls.apiWithToken('/api/user/detail', fresh);
  expect(asFresh.code, JSON.stringify(asFresh)).toBe(0);
  expect(asFresh.data.user_name).toBe(USERS.demo.userName);
  await expect(home.accountName).toHaveText(`你好，${USERS.demo.realName.zh}`);
  await expect.poll(() => home.storage(TOKEN_KEY)).toBe(fresh);

  // The renewed token is a working session.
  await page.reload();
  await home.waitForApp();
  await expect(home.accountName).toHaveText(`你好，${USERS.demo.realName.zh}`);
});

test('an expired token is dropped quietly: the shopper is simply signed out', async ({ page, controls }) => {
  const expired = await controls.token(USERS.demo.userName, -60);
  const home = new HomePage(page);
  await home.goto('/login');
  await page.evaluate(([key, token]) => window.localStorage.setItem(key, token), [TOKEN_KEY, expired]);
  await home.goto('/');
  await home.waitForShelves();
  await expect(home.accountLink).toHaveText('登录');
  await expect(home.errorAlerts).toHaveCount(0);
  // Dropped: the refused token is not kept for the next request.
  await expect.poll(() => storedTokens(page)).toEqual([]);
});
