// @ts-check
// Product/article listings: /products, /articles, /category/:slug, /search, /tag/:slug.
const { expect } = require('@playwright/test');
const { ShopPage } = require('./ShopPage');
const { parsePrice } = require('../support/seed');

class ListingPage extends ShopPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    super(page);
    this.count = this.main.locator('.listing__count');
    this.cards = this.main.locator('.card-grid .card');
    this.productCards = this.main.locator('.card-grid .card.card--product');
    this.articleCards = this.main.locator('.card-grid .card.card--article');
    this.cardTitles = this.cards.locator('.card__title');
    this.sortBar = this.main.locator('nav.sort-bar');
    this.sortChips = this.sortBar.locator('a.chip');
    this.currentSort = this.sortBar.locator('a.chip[aria-current="true"]');
    this.facets = this.main.locator('aside.facets');
    this.facetDisclosure = this.facets.locator('details');
    this.facetSummary = this.facetDisclosure.locator('summary');
    this.facetGroups = this.facets.locator('section.facet');
    this.priceForm = this.facets.locator('form.price-range');
    this.minInput = this.priceForm.locator('input[name=min]');
    this.maxInput = this.priceForm.locator('input[name=max]');
    this.applyPrice = this.priceForm.locator('button[type=submit]');
    this.clearFilters = this.facets.locator('.facets__clear');
    this.pagination = this.main.locator('nav.pagination');
    this.currentPage = this.pagination.locator('a.pagination__page[aria-current=page]');
    this.nextPage = this.pagination.locator('a[rel=next]');
    this.previousPage = this.pagination.locator('a[rel=prev]');
    this.paginationStatus = this.pagination.locator('.pagination__status');
    this.subcategories = this.main.locator('nav.subcategories a.chip');
    this.prose = this.main.locator('.prose');
  }

  /** Waits until the results (cards or an empty state or an error) have rendered. */
  async waitForResults() {
    await expect(this.cards.first().or(this.emptyState.first()).or(this.errorAlerts.first())).toBeVisible();
  }

  /** Waits for the result count to read `n` ("共 N 条结果" / "N results"). */
  async expectTotal(n) {
    await expect(this.count).toHaveText(new RegExp(`^(共 ${n} 条结果|${n} results)$`));
  }

  /** The number in "共 N 条结果". */
  async total() {
    const text = await this.count.innerText();
    const m = /(\d+)/.exec(text);
    if (!m) throw new Error(`no number in the result count "${text}"`);
    return Number(m[1]);
  }

  async titles() {
    return (await this.cardTitles.allInnerTexts()).map((t) => t.trim());
  }

  /** Prices of the product cards, in cents. */
  async prices() {
    return (await this.productCards.locator('.price').allInnerTexts()).map(parsePrice);
  }

  /** url_tokens of the cards, from their links (/product/<token>). */
  async slugs() {
    const hrefs = await this.cards.locator('a.card__link').evaluateAll((links) => links.map((a) => a.getAttribute('href') || ''));
    return hrefs.map((h) => decodeURIComponent(h.split('?')[0].split('/').pop() || ''));
  }

  sortChip(label) {
    return this.sortChips.filter({ hasText: label });
  }

  /** Opens the filter disclosure (closed on phones unless a filter is active). */
  async openFacets() {
    await expect(this.facetDisclosure).toBeVisible();
    if (!(await this.facetDisclosure.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open))) {
      await this.facetSummary.click();
    }
    await expect(this.facetDisclosure).toHaveJSProperty('open', true);
  }

  facetGroup(name) {
    return this.facetGroups.filter({ has: this.page.locator('.facet__name', { hasText: name }) });
  }

  facetChip(groupName, value) {
    return this.facetGroup(groupName).locator('a.chip').filter({ hasText: new RegExp(`^\\s*${value}\\s*$`) });
  }

  async chooseFacet(groupName, value) {
    await this.openFacets();
    await this.facetChip(groupName, value).click();
  }

  async setPriceRange(min, max) {
    await this.openFacets();
    await this.minInput.fill(String(min));
    await this.maxInput.fill(String(max));
    await this.applyPrice.click();
  }
}

module.exports = { ListingPage };
