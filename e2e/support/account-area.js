// @ts-check
// Steps shared by the account-area, VIP and review specs.
const { expect } = require('@playwright/test');
const { LoginPage } = require('../pages/LoginPage');
const { USERS } = require('./seed');

/** Signs in as demo (main site), and in English also on the English site (site 2, whose
 * captcha is on: its token is minted by the test control), then shows the language. */
async function signInDemo(page, controls, lang) {
  await page.goto('/login');
  const login = new LoginPage(page);
  await login.signIn(USERS.demo.userName, USERS.demo.password);
  await expect(login.accountName).toBeVisible();
  if (lang === 'en') {
    const token = await controls.token(USERS.demo.userName, 3600, 2);
    await page.evaluate((t) => localStorage.setItem('storefront.token:2', t), token);
    await page.locator('header .language-switch__option', { hasText: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(login.accountName).toBeVisible();
  }
}

module.exports = { signInDemo };
