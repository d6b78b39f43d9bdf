// @ts-check
// Signing in, staying signed in, a wrong password, and token renewal (`Update-Token`).
const { test, expect } = require('../support/fixtures');
const { LoginPage } = require('../pages/LoginPage');
const { HomePage } = require('../pages/HomePage');
const { USERS } = require('../support/seed');

const TOKEN_KEY = 'storefront.token';

test('signing in as the demo user shows the name in the header, across a reload', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await expect(login.accountLink).toHaveText('登录');
  await login.signIn(USERS.demo.userName, USERS.demo.password);
  await expect(page).toHaveURL(/\/$/);
  await expect(login.accountName).toHaveText(`你好，${USERS.demo.realName.zh}`);
  await expect(login.accountLink).toHaveCount(0);
  expect(await login.storage(TOKEN_KEY)).toBeTruthy();

  await page.reload();
  await login.waitForApp();
  await expect(login.accountName).toHaveText(`你好，${USERS.demo.realName.zh}`);

  // Signing out forgets the session.
  await login.signOutButton.click();
  await expect(login.accountLink).toHaveText('登录');
  expect(await login.storage(TOKEN_KEY)).toBeNull();
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
  expect(await login.storage(TOKEN_KEY)).toBeNull();
  // The form stays usable: the right password still works.
  await login.signIn(USERS.demo.userName, USERS.demo.password);
  await expect(login.accountName).toHaveText(`你好，${USERS.demo.realName.zh}`);
});

test('a token close to expiry is renewed from the Update-Token header', async ({ page, controls }) => {
  const nearExpiry = await controls.token(USERS.demo.userName, 600);
  const home = new HomePage(page);
  await home.goto('/login');
  await page.evaluate(([key, token]) => window.localStorage.setItem(key, token), [TOKEN_KEY, nearExpiry]);

  const renewed = page.waitForResponse((r) => r.url().includes('/api/') && !!r.headers()['update-token']);
  await page.goto('/');
  const response = await renewed;
  const fresh = response.headers()['update-token'];
  expect(fresh).toBeTruthy();
  expect(fresh).not.toBe(nearExpiry);
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
});
