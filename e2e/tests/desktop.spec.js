// @ts-check
// What changes on a wide screen: the navigation is always shown and the filters are open.
const { test, expect } = require('../support/fixtures');
const { ListingPage } = require('../pages/ListingPage');
const seed = require('../support/seed');

test('desktop: navigation is visible without a menu button @desktop', async ({ page }) => {
  const listing = new ListingPage(page);
  await listing.goto('/');
  await expect(listing.menuToggle).toBeHidden();
  const products = listing.navLinks.getByText(seed.category('products').zh, { exact: true });
  await expect(products).toBeVisible();
  await products.click();
  await expect(listing.pageTitle).toHaveText(seed.category('products').zh);
  await listing.expectTotal(seed.productsIn('products').length);
});

test('desktop: filters are open by default and a size chip narrows the list @desktop', async ({ page, controls }) => {
  const listing = new ListingPage(page);
  await listing.goto('/products');
  await expect(listing.facetDisclosure).toHaveJSProperty('open', true);
  const size = seed.seed.sizes[2];
  await listing.facetChip('尺码', size).click();
  await expect.poll(() => listing.searchParams().get('size')).toBe(size);
  const api = await controls.listing({ moduleId: 2, size });
  await expect.poll(() => listing.slugs()).toEqual(api.slugs);
  await listing.expectTotal(api.total);
  for (const slug of api.slugs) {
    expect((await controls.archiveFields(slug)).size, `size of ${slug}`).toBe(size);
  }
});
