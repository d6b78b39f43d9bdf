// @ts-check
// Faults on the issue-7 paths the feature specs do not already fail: the retailer's lists and
// record, the wishlist list, and the removals and praise (writes). Each read shows the shop's
// message for that failure with a retry that recovers; each write says it failed, keeps what
// was on screen, and works when tried again by hand (never retried by itself).
const { test, expect, allowConsoleErrors } = require('../support/fixtures');

/** What a failed data view says (locales/zh-CN.yml, `error.*`), as in faults.spec.js. */
const MESSAGE = {
  html500: '商城暂时出了点问题，请稍后重试。',
  malformed: '商城返回的数据无法解析。',
  'code-1': '商城无法完成此请求。',
};

async function signInByToken(page, controls, userName) {
  const token = await controls.token(userName, 3600);
  await page.addInitScript((t) => window.localStorage.setItem('storefront.token:1', t), token);
  return token;
}

async function apiPost(request, base, path, token, data) {
  const body = await (await request.post(`${base}${path}`, { headers: { token }, data })).json();
  expect(body.code, `${path}: ${JSON.stringify(body)}`).toBe(0);
  return body;
}

const READS = [
  { path: '/api/retailer/orders', user: 'retailer', route: '/retailer?tab=orders', content: '[data-distribution-order]' },
  // The chart reads the commissions too: both regions fail and both retries recover.
  { path: '/api/retailer/commissions', user: 'retailer', route: '/retailer?tab=commissions', content: '[data-commission]' },
  { path: '/api/retailer/withdraw', user: 'retailer', route: '/retailer?tab=withdrawals', content: '[data-withdrawal]' },
  { path: '/api/retailer/info', user: 'retailer', route: '/retailer', content: '[data-invite-link]' },
  { path: '/api/wishlist/list', user: 'vip', route: '/account/wishlist', content: '[data-wish], [data-wishlist-empty]' },
];

for (const read of READS) {
  for (const kind of Object.keys(MESSAGE)) {
    test(`${read.path} on ${read.route}: ${kind} shows its message, and the retry recovers`, async ({ page, controls }, testInfo) => {
      allowConsoleErrors(testInfo, /status of 500/);
      await signInByToken(page, controls, read.user);
      await controls.fault(read.path, kind);
      await page.goto(read.route);
      const alert = page.locator('main#main .notice--error[role=alert]').first();
      await expect(alert).toContainText(MESSAGE[kind]);
      if (kind === 'code-1') await expect(alert).toContainText('simulated failure');
      await expect(page.locator('#crash')).toHaveCount(0);
      await controls.reset();
      // Every region that failed offers its own retry.
      const retries = page.locator('main#main .notice--error[role=alert]').getByRole('button', { name: /^(重试|Try again)$/ });
      while ((await retries.count()) > 0) {
        await retries.first().click({ timeout: 5_000 }).catch(() => {});
      }
      await expect(page.locator(read.content).first()).toBeVisible();
      await expect(page.locator('main#main .notice--error[role=alert]')).toHaveCount(0);
    });
  }
}

test('a failed favorite removal says so and keeps the product listed; removing again works', async ({ page, controls, baseURL, request }, testInfo) => {
  allowConsoleErrors(testInfo, /status of 500/);
  const token = await signInByToken(page, controls, 'vip');
  const archiveId = 26;
  // favorite/add is a toggle: make sure the product ends up favourited.
  const check = await (await request.post(`${baseURL}/api/favorite/check`, { headers: { token }, data: { archive_id: archiveId } })).json();
  if (!check.data) await apiPost(request, baseURL, '/api/favorite/add', token, { archive_id: archiveId });
  await page.goto('/account/favorites');
  const row = page.locator(`li[data-favorite="${archiveId}"]`);
  await expect(row).toBeVisible();
  await controls.fault('/api/favorite/delete', 'html500');
  await row.getByRole('button').last().click();
  await expect(page.locator('main#main .notice--error[role=alert]')).toContainText(MESSAGE.html500);
  await expect(row).toBeVisible();
  await controls.reset();
  await row.getByRole('button').last().click();
  await expect(row).toHaveCount(0);
  const after = await (await request.post(`${baseURL}/api/favorite/check`, { headers: { token }, data: { archive_id: archiveId } })).json();
  expect(after.data).toBeNull();
});

test('a failed wishlist removal says so and keeps the row; removing again works', async ({ page, controls, baseURL, request }, testInfo) => {
  allowConsoleErrors(testInfo, /status of 500/);
  const token = await signInByToken(page, controls, 'vip');
  const added = await apiPost(request, baseURL, '/api/wishlist/add', token, { archive_id: 26, remark: 'kept on failure' });
  const id = added.data.id;
  await page.goto('/account/wishlist');
  const row = page.locator(`li[data-wish="${id}"]`);
  await expect(row).toContainText('kept on failure');
  await controls.fault('/api/wishlist/delete', 'html500');
  await row.getByRole('button', { name: /移除|Remove/ }).click();
  await expect(page.locator('main#main .notice--error[role=alert]')).toContainText(MESSAGE.html500);
  await expect(row).toBeVisible();
  await controls.reset();
  await row.getByRole('button', { name: /移除|Remove/ }).click();
  await expect(row).toHaveCount(0);
});

test('a failed praise says so, leaves the count, and a second click counts once', async ({ page, controls }, testInfo) => {
  allowConsoleErrors(testInfo, /status of 500/);
  await signInByToken(page, controls, 'demo');
  await page.goto('/article/third-anniversary');
  const praise = page.locator('button[data-praise]').first();
  await expect(praise).toBeVisible();
  const before = Number(((await praise.textContent()) || '').replace(/\D+/g, ''));
  await controls.fault('/api/comment/praise', 'html500');
  await praise.click();
  const comment = page.locator('li[data-comment]').filter({ has: praise }).first();
  await expect(comment.locator('.notice--error[role=alert]').first()).toContainText(MESSAGE.html500);
  await expect(praise).toHaveText(new RegExp(`[（(]${before}[)）]`));
  await controls.reset();
  await praise.click();
  await expect(praise).toHaveText(new RegExp(`[（(]${before + 1}[)）]`));
  await expect(praise).toHaveAttribute('aria-pressed', 'true');
});
