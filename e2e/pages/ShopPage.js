// @ts-check
// What every page of the shop has: header (logo, menu, search, language, account), main
// content, footer, error notices. Specific pages extend it.
const { expect } = require('@playwright/test');
const { appPath, routePath } = require('../support/env');

class ShopPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
    this.header = page.locator('header.site-header');
    this.logo = this.header.locator('a.site-logo');
    this.logoName = this.logo.locator('.site-logo__name');
    this.menuToggle = this.header.locator('button.menu-toggle');
    this.nav = page.locator('nav#primary-nav');
    this.navLinks = this.nav.locator('.nav-list a');
    this.searchForm = this.header.locator('form.search-form');
    this.searchInput = this.header.locator('input#site-search');
    this.searchButton = this.searchForm.locator('button[type=submit]');
    this.languageOptions = this.header.locator('.language-switch__option');
    this.accountLink = this.header.locator('a.account');
    this.accountName = this.header.locator('.account__name');
    this.signOutButton = this.header.locator('.account button');
    this.main = page.locator('main#main');
    this.pageTitle = this.main.locator('h1.page-title');
    this.footer = page.locator('footer.site-footer');
    this.friendLinks = this.footer.locator('.friend-links a');
    this.errorAlerts = page.locator('.notice--error[role=alert]');
    this.emptyState = this.main.locator('.empty-state');
    this.setupScreen = page.locator('.setup');
    this.cartButton = this.header.locator('button.cart-button');
    this.cartBadge = this.cartButton.locator('.cart-button__badge');
    this.drawer = page.locator('dialog.cart-drawer');
    this.drawerLines = this.drawer.locator('li.cart-line');
    this.drawerClose = this.drawer.locator('.cart-drawer__close');
    // The drawer repeats the notice while closed; only the shown one counts.
    this.cartNotice = page.locator('.cart-drawer[open] [role=alert], .cart-page [role=alert]');
  }

  /** Cart lines in `scope` (the drawer or the cart page) as {title, variant, quantity, amount}. */
  async cartLines(scope) {
    return scope.locator('li.cart-line').evaluateAll((lis) =>
      lis.map((li) => ({
        title: li.querySelector('.cart-line__title')?.textContent?.trim() || '',
        variant: li.querySelector('.cart-line__variant')?.textContent?.trim() || '',
        quantity: Number(li.querySelector('.stepper__value')?.textContent?.trim() || 'NaN'),
        amount: li.querySelector('.cart-line__amount')?.textContent?.trim() || '',
      })),
    );
  }

  /**
   * Opens `path` (a shop route, under the deploy's base path if there is one) and waits until
   * the app has started (the shell with main#main is up).
   */
  async goto(path) {
    await this.page.goto(appPath(path));
    await this.waitForApp();
  }

  async waitForApp() {
    await expect(this.main).toBeVisible({ timeout: 15_000 });
    await expect(this.logoName).not.toBeEmpty();
  }

  /** The route path and query of the current URL (without the deploy's base path). */
  pathAndQuery() {
    const url = new URL(this.page.url());
    return decodeURIComponent(routePath(url.pathname) + url.search);
  }

  searchParams() {
    return new URL(this.page.url()).searchParams;
  }

  /** Searches from the header. */
  async search(words) {
    await this.searchInput.fill(words);
    await this.searchButton.click();
  }

  languageOption(nativeName) {
    return this.languageOptions.filter({ hasText: nativeName });
  }

  async switchLanguage(nativeName) {
    await this.languageOption(nativeName).click();
    await expect(this.languageOption(nativeName)).toHaveAttribute('aria-pressed', 'true');
  }

  /** Opens the phone menu when it is collapsed (no-op on desktop, where it never is). */
  async openMenu() {
    if (await this.menuToggle.isVisible()) {
      if ((await this.menuToggle.getAttribute('aria-expanded')) !== 'true') await this.menuToggle.click();
      await expect(this.menuToggle).toHaveAttribute('aria-expanded', 'true');
    }
    await expect(this.navLinks.first()).toBeVisible();
  }

  /** Follows a link of the main navigation by its exact text. */
  async navigateTo(linkText) {
    await this.openMenu();
    await this.navLinks.getByText(linkText, { exact: true }).first().click();
  }

  /** The retry button of the error notice(s) inside `scope` (default: the whole page). */
  retryButton(scope = this.page) {
    return scope.locator('.notice--error[role=alert]').getByRole('button', { name: /^(重试|Try again)$/ });
  }

  /** The value of a localStorage key. */
  async storage(key) {
    return this.page.evaluate((k) => window.localStorage.getItem(k), key);
  }
}

module.exports = { ShopPage };
