// @ts-check
const { ShopPage } = require('./ShopPage');

class LoginPage extends ShopPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    super(page);
    this.form = this.main.locator('form.auth__form');
    this.userName = this.form.locator('input[name=user_name]');
    this.password = this.form.locator('input[name=password]');
    this.submit = this.form.locator('button[type=submit]');
    this.fieldError = this.form.locator('.field__error');
  }

  async open() {
    await this.goto('/login');
  }

  async signIn(userName, password) {
    await this.userName.fill(userName);
    await this.password.fill(password);
    await this.submit.click();
  }
}

module.exports = { LoginPage };
