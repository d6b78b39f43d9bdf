// @ts-check
// The start-up setup screen (API unreachable or closed) and the /setup diagnosis page.
const { ShopPage } = require('./ShopPage');

class SetupPage extends ShopPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    super(page);
    this.screen = page.locator('.setup');
    this.heading = this.screen.locator('h1');
    this.alert = this.screen.locator('[role=alert]');
    this.checkAgain = this.screen.getByRole('button', { name: /^(重新检查|Check again)$/ });
    this.edition = page.locator('[data-edition]');
    this.healthy = this.screen.locator('[role=status]');
  }
}

module.exports = { SetupPage };
