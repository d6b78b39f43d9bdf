// @ts-check
// Product reviews (issue 7, documented edition only): the average and distribution from the
// server's totals, approved reviews only, images in an accessible lightbox, writing a review
// with images from a completed order line (per-image upload progress, order_id sent, a second
// review of the line refused with the server's words), hostile review text as text, faults,
// and axe. The open-source edition shows no reviews and never asks for them.
const AxeBuilder = require('@axe-core/playwright').default;
const { test, expect, allowConsoleErrors } = require('../support/fixtures');
const { registerThroughPage, tokenOf, placeOrderByApi } = require('../support/shopper');
const { png } = require('../support/png');
const { signInDemo } = require('../support/account-area');
const seed = require('../support/seed');

const PRODUCT = seed.product('ultralight-tent-2p');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A completed order of the product for a fresh shopper; answers its number. */
async function completedOrder(page, controls, base) {
  await registerThroughPage(page, base, '/account');
  const token = await tokenOf(page);
  const archive = (await controls.api('/api/archive/detail', { filename: PRODUCT.slug })).data;
  const orderId = await placeOrderByApi(page.request, base, token, [{ goods_id: archive.id, goods_sku_id: 0, quantity: 1 }]);
  for (const action of ['pay', 'ship', 'finish']) {
    await controls.post('/__test/order', { order_id: orderId, action, express_company: 'SF', tracking_number: 'SF1' });
  }
  return { orderId, archiveId: archive.id };
}

/** The server's approved-review totals per score for the product. */
async function serverCounts(controls, archiveId) {
  const counts = [];
  for (let score = 1; score <= 5; score++) {
    counts.push((await controls.api('/api/review/list', { archive_id: String(archiveId), score: String(score), pageSize: '1' })).total || 0);
  }
  return counts;
}

/** Writes a review on the order page; answers the published review (from the server's answer). */
async function writeReview(page, archiveId, { score, text, images = [] }) {
  await page.locator(`[data-write-review="${archiveId}"]`).click();
  const form = page.locator(`form[data-review-form="${archiveId}"]`);
  await form.getByRole('radio', { name: `${score} 星` }).check();
  await form.locator('textarea[name=content]').fill(text);
  if (images.length) {
    await form.locator('input[type=file]').setInputFiles(images);
    await expect(form.locator('[data-shot-done]')).toHaveCount(images.length);
  }
  const published = page.waitForResponse((r) => r.url().includes('/api/review/publish'));
  await form.locator('button[type=submit]').click();
  return (await (await published).json());
}

test('a review with images from a completed order appears once approved, in the lightbox too', async ({ page, controls, baseURL }) => {
  test.setTimeout(60_000);
  const base = /** @type {string} */ (baseURL);
  const { orderId, archiveId } = await completedOrder(page, controls, base);
  await page.goto(`/account/orders/${orderId}`);
  const text = `Sturdy and light ${Date.now()}`;
  const publishBodies = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/review/publish')) publishBodies.push(r.postDataJSON());
  });
  const answer = await writeReview(page, archiveId, {
    score: 4,
    text,
    images: [
      { name: 'a.png', mimeType: 'image/png', buffer: png(120, 80) },
      { name: 'b.png', mimeType: 'image/png', buffer: png(80, 120) },
    ],
  });
  expect(answer.code, JSON.stringify(answer)).toBe(0);
  await expect(page.locator('[data-review-sent]')).toBeVisible();
  expect(publishBodies[0].order_id).toBe(orderId);
  expect(publishBodies[0].score).toBe(4);
  expect(publishBodies[0].images).toHaveLength(2);

  // Pending: not on the product page.
  await page.goto(`/product/${PRODUCT.slug}`);
  await expect(page.locator('section.reviews')).toBeVisible();
  await expect(page.locator('section.reviews').getByText(text)).toHaveCount(0);

  await controls.post('/__test/review', { id: answer.data.id, status: 1 });
  await page.reload();
  const counts = await serverCounts(controls, archiveId);
  const total = counts.reduce((a, b) => a + b, 0);
  await expect(page.locator('[data-review-total]').first()).toHaveAttribute('data-review-total', String(total));
  for (let n = 1; n <= 5; n++) {
    await expect(page.locator(`tr[data-review-stars="${n}"] [data-review-count]`)).toHaveText(String(counts[n - 1]));
  }
  const points = counts.reduce((sum, c, i) => sum + c * (i + 1), 0);
  const tenths = Math.floor((points * 20 + total) / (total * 2));
  await expect(page.locator('[data-review-average]')).toHaveAttribute('data-review-average', `${Math.floor(tenths / 10)}.${tenths % 10}`);

  // The newest review is first on page 1.
  const review = page.locator(`li.review[data-review-id="${answer.data.id}"]`);
  await expect(review.locator('.review__content')).toHaveText(text);
  await expect(review.locator('.review__images img')).toHaveCount(2);
  // The lightbox: opens on the image, keeps focus inside, Escape closes it and focus returns.
  const thumb = review.locator('[data-review-image="1"]');
  await thumb.click();
  const dialog = page.locator('dialog.lightbox');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('img.lightbox__image')).toHaveAttribute('src', answer.data.images[1]);
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog.lightbox'))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(thumb).toBeFocused();

  // A second review of the same line is refused in the server's words.
  await page.goto(`/account/orders/${orderId}`);
  const second = await writeReview(page, archiveId, { score: 5, text: 'again' });
  expect(second.code).toBe(-1);
  await expect(page.locator(`form[data-review-form="${archiveId}"] .notice--error`)).toContainText(second.msg);
});

test('the form checks the score and text first, and skips a file that is not a picture', async ({ page, controls, baseURL }) => {
  const { orderId, archiveId } = await completedOrder(page, controls, /** @type {string} */ (baseURL));
  await page.goto(`/account/orders/${orderId}`);
  await page.locator(`[data-write-review="${archiveId}"]`).click();
  const form = page.locator(`form[data-review-form="${archiveId}"]`);
  let published = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/review/publish')) published++;
  });
  await form.locator('textarea[name=content]').fill('no score yet');
  await form.locator('button[type=submit]').click();
  await expect(form.locator('.field__error')).toHaveText('请选择 1 到 5 星的评分。');
  await form.locator('input[type=file]').setInputFiles({ name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await expect(form.locator('.field__error').first()).toContainText('不是 JPG');
  await expect(form.locator('[data-shot]')).toHaveCount(0);
  expect(published).toBe(0);
});

test('hostile review text and reviewer names are shown as text and never run', async ({ page, controls, baseURL }) => {
  const base = /** @type {string} */ (baseURL);
  const { orderId, archiveId } = await completedOrder(page, controls, base);
  await page.addInitScript(() => {
    // @ts-ignore
    window.alert = () => { window.__xss = 'alert'; };
  });
  const hostile = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>${Date.now()}`;
  const response = await page.request.post(`${base}/api/review/publish`, {
    headers: { token: await tokenOf(page) },
    data: { archive_id: archiveId, order_id: orderId, score: 1, content: hostile, images: [], user_name: '<b onmouseover=alert(1)>x</b>' },
  });
  const body = await response.json();
  expect(body.code, JSON.stringify(body)).toBe(0);
  await controls.post('/__test/review', { id: body.data.id, status: 1 });
  await page.goto(`/product/${PRODUCT.slug}`);
  const review = page.locator(`li.review[data-review-id="${body.data.id}"]`);
  await expect(review.locator('.review__content')).toHaveText(hostile);
  await expect(review.locator('.review__content img, .review__content script, .review__user b')).toHaveCount(0);
  expect(await page.evaluate(() => /** @type {any} */ (window).__xss)).toBeUndefined();
});

test('the open-source edition shows no reviews and never asks for them', async ({ page, oss }) => {
  const asked = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/review/')) asked.push(r.url());
  });
  await page.goto(`${oss}/product/${PRODUCT.slug}`);
  await expect(page.locator('main#main h1')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.locator('section.reviews')).toHaveCount(0);
  expect(asked).toEqual([]);
});

test.describe('review faults', () => {
  for (const kind of /** @type {const} */ (['html500', 'code-1'])) {
    test(`/api/review/list ${kind}: the message where the reviews would be, and the retry shows them`, async ({ page, controls, baseURL }, testInfo) => {
      const origin = new URL(/** @type {string} */ (baseURL)).origin;
      if (kind === 'html500') {
        allowConsoleErrors(testInfo, new RegExp(`^console\\.error: Failed to load resource: the server responded with a status of 500 \\([^)]*\\) \\(${escapeRe(`${origin}/api/review/list`)}(\\?[^)]*)?\\)$`));
      }
      await controls.fault('/api/review/list', kind);
      await page.goto(`/product/${PRODUCT.slug}`);
      const panel = page.locator('section.reviews .notice--error').first();
      await expect(panel).toContainText(kind === 'html500' ? '商城暂时出了点问题，请稍后重试。' : 'simulated failure');
      // The rest of the product page works.
      await expect(page.locator('button.buy-box__add')).toBeVisible();
      await controls.reset();
      // The summary and the list each failed and each has its retry.
      const retries = page.locator('section.reviews .notice--error button');
      await expect(retries).toHaveCount(2);
      await retries.first().click();
      await expect(retries).toHaveCount(1);
      await retries.first().click();
      await expect(page.locator('section.reviews .notice--error')).toHaveCount(0);
      await expect(page.locator('section.reviews .reviews__summary, section.reviews .reviews__empty')).toBeVisible();
    });

    test(`/api/review/publish and /api/attachment/upload ${kind}: the message, nothing typed lost, then it goes through`, async ({ page, controls, baseURL }, testInfo) => {
      const origin = new URL(/** @type {string} */ (baseURL)).origin;
      if (kind === 'html500') {
        for (const p of ['/api/review/publish', '/api/attachment/upload']) {
          allowConsoleErrors(testInfo, new RegExp(`^console\\.error: Failed to load resource: the server responded with a status of 500 \\([^)]*\\) \\(${escapeRe(`${origin}${p}`)}(\\?[^)]*)?\\)$`));
        }
      }
      const { orderId, archiveId } = await completedOrder(page, controls, origin);
      await page.goto(`/account/orders/${orderId}`);
      await page.locator(`[data-write-review="${archiveId}"]`).click();
      const form = page.locator(`form[data-review-form="${archiveId}"]`);
      await form.getByRole('radio', { name: '5 星' }).check();
      await form.locator('textarea[name=content]').fill('kept through the failure');
      await controls.fault('/api/attachment/upload', kind);
      await form.locator('input[type=file]').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: png(40, 40) });
      await expect(form.locator('[data-shot] .notice--error')).toContainText(kind === 'html500' ? '商城暂时出了点问题，请稍后重试。' : 'simulated failure');
      await controls.reset();
      await form.locator('[data-shot] button').click();
      await form.locator('input[type=file]').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: png(40, 40) });
      await expect(form.locator('[data-shot-done]')).toHaveCount(1);
      await controls.fault('/api/review/publish', kind);
      await form.locator('button[type=submit]').click();
      await expect(form.locator('> .notice--error')).toContainText(kind === 'html500' ? '商城暂时出了点问题，请稍后重试。' : 'simulated failure');
      await expect(form.locator('textarea[name=content]')).toHaveValue('kept through the failure');
      await expect(form.getByRole('radio', { name: '5 星' })).toBeChecked();
      await controls.reset();
      await form.locator('button[type=submit]').click();
      await expect(page.locator('[data-review-sent]')).toBeVisible();
    });
  }
});

/** An approved review of the product with one image, written through the API as the shopper. */
async function approvedReviewWithImage(page, controls, base, orderId, archiveId) {
  const token = await tokenOf(page);
  const upload = await page.request.post(`${base}/api/attachment/upload`, {
    headers: { token },
    multipart: { file: { name: 'r.png', mimeType: 'image/png', buffer: png(60, 60) } },
  });
  const attachment = (await upload.json()).data;
  const response = await page.request.post(`${base}/api/review/publish`, {
    headers: { token },
    data: { archive_id: archiveId, order_id: orderId, score: 5, content: 'With a picture', images: [attachment.logo] },
  });
  const body = await response.json();
  expect(body.code, JSON.stringify(body)).toBe(0);
  await controls.post('/__test/review', { id: body.data.id, status: 1 });
}

for (const width of [360, 1280]) {
  test(`axe: reviews with the lightbox open, and the review form, at ${width} px (zh-CN)${width > 360 ? ' @desktop' : ''}`, async ({ page, controls, baseURL }) => {
    test.setTimeout(60_000);
    const base = /** @type {string} */ (baseURL);
    await page.setViewportSize({ width, height: 800 });
    const { orderId, archiveId } = await completedOrder(page, controls, base);
    await page.goto(`/account/orders/${orderId}`);
    await page.locator(`[data-write-review="${archiveId}"]`).click();
    await expect(page.locator(`form[data-review-form="${archiveId}"]`)).toBeVisible();
    await page.waitForLoadState('networkidle');
    let results = await new AxeBuilder({ page }).analyze();
    expect(violations(results), 'axe on the review form').toEqual([]);
    await approvedReviewWithImage(page, controls, base, orderId, archiveId);
    await page.goto(`/product/${PRODUCT.slug}`);
    await expect(page.locator('section.reviews .reviews__summary')).toBeVisible();
    await page.waitForLoadState('networkidle');
    results = await new AxeBuilder({ page }).analyze();
    expect(violations(results), 'axe on the product reviews').toEqual([]);
    await page.locator('[data-review-image]').first().click();
    await expect(page.locator('dialog.lightbox')).toBeVisible();
    results = await new AxeBuilder({ page }).analyze();
    expect(violations(results), 'axe with the lightbox open').toEqual([]);
  });

  test(`axe: reviews and the review form at ${width} px (en)${width > 360 ? ' @desktop' : ''}`, async ({ page, controls }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width, height: 800 });
    await signInDemo(page, controls, 'en');
    // demo's seeded completed orders on the English site.
    const token = await page.evaluate(() => localStorage.getItem('storefront.token:2') || '');
    const finished = (await controls.apiWithToken('/api/orders', token, { status: 'finished', site_id: '2' })).data;
    const order = finished.find((/** @type {any} */ o) => o.refund_status === 0) || finished[0];
    await page.goto(`/account/orders/${order.order_id}`);
    await page.locator('[data-write-review]').first().click();
    await expect(page.locator('form[data-review-form]')).toBeVisible();
    await page.waitForLoadState('networkidle');
    let results = await new AxeBuilder({ page }).analyze();
    expect(violations(results), 'axe on the review form (en)').toEqual([]);
    await page.goto(`/product/${PRODUCT.slug}`);
    await expect(page.locator('section.reviews #reviews-title')).toHaveText('Reviews');
    await page.waitForLoadState('networkidle');
    results = await new AxeBuilder({ page }).analyze();
    expect(violations(results), 'axe on the product reviews (en)').toEqual([]);
  });
}

function violations(results) {
  return results.violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
