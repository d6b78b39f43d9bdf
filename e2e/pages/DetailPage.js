// @ts-check
// /product/:slug and /article/:slug (and the body of /page/:slug).
const { expect } = require('@playwright/test');
const { ShopPage } = require('./ShopPage');

class DetailPage extends ShopPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    super(page);
    this.title = this.pageTitle;
    this.price = this.main.locator('.price--large');
    this.gallery = this.main.locator('.gallery');
    this.galleryMainImage = this.gallery.locator('.gallery__main img');
    this.thumbs = this.gallery.locator('button.gallery__thumb');
    this.params = this.main.locator('.params__list');
    this.prose = this.main.locator('.prose');
    this.tagChips = this.main.locator('.tag-list a.chip');
    this.previous = this.main.locator('.neighbours a[rel=prev]');
    this.next = this.main.locator('.neighbours a[rel=next]');
    this.breadcrumb = this.main.locator('nav.breadcrumb');
    this.gate = this.main.locator('form.gate');
    this.passwordInput = this.gate.locator('input[name=password]');
    this.unlockButton = this.gate.locator('button[type=submit]');
    this.gateError = this.gate.locator('.field__error');
    this.levelNotice = this.main.locator('.gate[role=note]');
    this.buyBox = this.main.locator('.buy-box').last();
    this.skuGroups = this.main.locator('fieldset.sku-group');
    this.addButton = this.main.locator('button.buy-box__add');
    this.stock = this.main.locator('.buy-box__stock');
    this.quantity = this.buyBox.locator('.stepper__value');
    this.more = this.buyBox.locator('.stepper__button').last();
    this.less = this.buyBox.locator('.stepper__button').first();
    this.linkProblem = this.buyBox.locator('.notice--warning[role=alert]');
    this.jsonLd = page.locator('script.product-json-ld');
  }

  /** The value button `value` of the option group `group` (both by their titles). */
  skuValue(group, value) {
    const exact = new RegExp(`^\\s*${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(（已售罄）|\\(sold out\\))?\\s*$`);
    return this.skuGroups
      .filter({ has: this.page.locator('legend', { hasText: group }) })
      .locator('button.sku-value')
      .filter({ hasText: exact });
  }

  /** The page's schema.org Product. */
  async product() {
    return JSON.parse((await this.jsonLd.textContent()) || 'null');
  }

  async open(path) {
    await this.goto(path);
    await this.waitForBody();
  }

  /** The title, or an error notice, has rendered. */
  async waitForBody() {
    await expect(this.title.or(this.errorAlerts.first())).toBeVisible();
  }

  /** Specification rows as {name: value}. */
  async paramMap() {
    const rows = await this.params.locator('.params__row').evaluateAll((divs) =>
      divs.map((d) => [d.querySelector('dt')?.textContent?.trim() || '', d.querySelector('dd')?.textContent?.trim() || '']),
    );
    return Object.fromEntries(rows);
  }

  async unlock(password) {
    await this.passwordInput.fill(password);
    await this.unlockButton.click();
  }
}

module.exports = { DetailPage };
