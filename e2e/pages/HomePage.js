// @ts-check
const { expect } = require('@playwright/test');
const { ShopPage } = require('./ShopPage');

class HomePage extends ShopPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    super(page);
    this.banners = this.main.locator('.banner-strip .banner-strip__item');
    this.recommended = this.main.locator('section[aria-labelledby=home-recommended]');
    this.latest = this.main.locator('section[aria-labelledby=home-latest]');
    this.recommendedHeading = this.main.locator('#home-recommended');
    this.latestHeading = this.main.locator('#home-latest');
    this.recommendedCards = this.recommended.locator('.card.card--product');
    this.latestCards = this.latest.locator('.card.card--article');
  }

  async open() {
    await this.goto('/');
    await this.waitForShelves();
  }

  /** Both shelves have rendered something: cards, an empty state or an error. */
  async waitForShelves() {
    for (const section of [this.recommended, this.latest]) {
      await expect(
        section.locator('.card').first().or(section.locator('.empty-state')).or(section.locator('.notice--error')),
      ).toBeVisible();
    }
  }
}

module.exports = { HomePage };
