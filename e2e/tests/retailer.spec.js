// @ts-check
// The distribution centre: a non-retailer is told what being one means; the seeded retailer
// sees statistics, the earnings chart per day/week/month (SVG with a table of the same
// figures), the team over two levels (hostile names inert), orders, commissions and
// withdrawals. The whole flow: register through the invite link, buy and complete an order
// as the new member, see the commission, withdraw (code -1 means success), have the control
// approve it. Faults on the new paths; axe at 360 px and desktop in both languages.
const AxeBuilder = require('@axe-core/playwright').default;
const { test, expect, allowConsoleErrors } = require('../support/fixtures');
const { uniqueName, placeOrderByApi, tokenOf } = require('../support/shopper');
const { ShopPage } = require('../pages/ShopPage');

function describe(violations) {
  return violations.map((v) => `${v.id} [${v.impact}] ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n'));
}

async function useEnglish(page) {
  await page.addInitScript(() => window.localStorage.setItem('storefront.language', 'en'));
}

/** Signs `userName` in for the page on the main site (and the English one) by token. */
async function signInByToken(page, controls, userName, { english = true } = {}) {
  const main = await controls.token(userName, 3600);
  // A new account exists on the main site only.
  const en = english ? await controls.token(userName, 3600, 2) : '';
  await page.addInitScript(([a, b]) => {
    window.localStorage.setItem('storefront.token:1', a);
    if (b) window.localStorage.setItem('storefront.token:2', b);
  }, [main, en]);
  return main;
}

async function api(request, base, path, token, params = {}) {
  const body = await (await request.get(`${base}${path}`, { headers: { token }, params })).json();
  expect(body.code, `${path}: ${JSON.stringify(body)}`).toBe(0);
  return body;
}

for (const edition of ['documented', 'open-source']) {
  test(`the dashboard shows the seeded retailer's figures, chart, team and lists (${edition})`, async ({ page, baseURL, oss, controls, ossControls }) => {
    const base = edition === 'documented' ? baseURL : oss;
    const ctl = edition === 'documented' ? controls : ossControls;
    const token = await signInByToken(page, ctl, 'retailer');
    const stats = (await api(page.request, base, '/api/retailer/statistics', token)).data;
    const info = (await api(page.request, base, '/api/retailer/info', token)).data;
    await page.goto(`${base}/retailer`);
    const members = page.locator('[data-stat=members] .stat-card__value');
    await expect(members).toHaveText(String(stats.member_count));
    await expect(page.locator('[data-invite-link]')).toHaveValue(new RegExp(`/register\\?invite=${info.id}$`));
    await expect(page.locator('svg[data-qr] path')).toHaveAttribute('d', /^M4 4h1v1h-1z/);

    // The chart per day, week and month: the SVG is an image with a title and a description,
    // and the table holds the same periods.
    const chart = page.locator('svg.earnings__chart');
    await expect(chart).toHaveAttribute('role', 'img');
    await expect(chart.locator('title')).not.toBeEmpty();
    await expect(chart.locator('desc')).not.toBeEmpty();
    await expect(chart).toHaveAttribute('data-chart', 'day');
    await expect(page.locator('[data-earnings-table] tbody tr')).toHaveCount(30);
    await expect(chart.locator('rect.earnings__bar[height]:not([height="0"])').first()).toBeAttached();
    await page.locator('a[data-span=week]').click();
    await expect(page).toHaveURL(/span=week/);
    await expect(chart).toHaveAttribute('data-chart', 'week');
    await expect(page.locator('[data-earnings-table] tbody tr')).toHaveCount(12);
    await page.locator('a[data-span=month]').click();
    await expect(chart).toHaveAttribute('data-chart', 'month');
    await expect(page.locator('[data-earnings-table] tbody tr')).toHaveCount(12);
    // Every month of a year of seeded commissions has earnings.
    const months = await page.locator('[data-earnings-table] tbody td').allTextContents();
    expect(months.filter((t) => /[1-9]/.test(t)).length).toBeGreaterThan(6);

    // The team: two levels, paged in the address; a hostile name is text.
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs += 1;
      await d.dismiss();
    });
    await expect(page.locator('li[data-member]')).toHaveCount(10);
    const all = [];
    for (let p = 1; p <= Math.ceil(stats.member_count / 100) + 1; p++) {
      const body = await api(page.request, base, '/api/retailer/members', token, { current: String(p), pageSize: '100' });
      all.push(...(body.data || []));
    }
    expect(all.some((m) => m.parent_id === info.id)).toBe(true);
    expect(all.some((m) => m.parent_id !== info.id)).toBe(true);
    const hostile = all.find((m) => /</.test(m.user_name));
    expect(hostile, 'the seed has a hostile member name').toBeTruthy();
    const hostilePage = Math.floor(all.indexOf(hostile) / 10) + 1;
    await page.goto(`${base}/retailer?span=day&tab=team&page=${hostilePage}`);
    await expect(page.locator(`li[data-member="${hostile.id}"] .team-list__name`)).toHaveText(hostile.user_name);
    await expect(page.locator('.team-list img')).toHaveCount(0);
    await expect(page.locator(`li[data-member="${hostile.id}"] .badge`)).toHaveText(hostile.parent_id === info.id ? '直接邀请' : '二级成员');
    expect(dialogs).toBe(0);

    for (const tab of ['orders', 'commissions', 'withdrawals']) {
      await page.locator(`a[data-tab=${tab}]`).click();
      await expect(page).toHaveURL(new RegExp(`tab=${tab}`));
      await expect(page.locator('table.retailer-table tbody tr').first()).toBeVisible();
    }
    // Withdrawals in every state are told apart.
    const states = await page.locator('tr[data-withdrawal]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(new Set(states).size).toBeGreaterThan(1);
  });
}

test('a non-retailer is told what being one means, not shown an error', async ({ page, controls }) => {
  await signInByToken(page, controls, 'demo');
  await page.goto('/retailer');
  await expect(page.locator('[data-not-retailer]')).toBeVisible();
  await expect(page.locator('main#main .notice--error')).toHaveCount(0);
});

test('the whole flow: invite link → member registers and buys → commission → withdraw → approved', async ({ page, browser, baseURL, controls }) => {
  // A fresh retailer, so the figures are its own.
  const name = uniqueName('seller');
  const reg = await (await page.request.post(`${baseURL}/api/register`, { data: { user_name: name, password: 'seller123456', email: `${name}@example.com` } })).json();
  expect(reg.code, JSON.stringify(reg)).toBe(0);
  await controls.post('/__test/retailer', { user_name: name, is_retailer: 1 });
  const retailerToken = await signInByToken(page, controls, name, { english: false });
  await page.goto('/retailer');
  const link = await page.locator('[data-invite-link]').inputValue();
  await expect(page.locator('[data-withdraw-minimum]')).toBeVisible();

  // The member registers through the link in their own browser.
  const context = await browser.newContext();
  const member = await context.newPage();
  await member.goto(link);
  const memberName = uniqueName('member');
  const form = member.locator('main#main form.auth__form');
  const registered = member.waitForResponse((r) => r.url().includes('/api/register'));
  await form.locator('input[name=user_name]').fill(memberName);
  await form.locator('input[name=contact]').fill(`${memberName}@example.com`);
  await form.locator('input[name=password]').fill('member123456');
  await form.locator('button[type=submit]').click();
  const sent = JSON.parse((await registered).request().postData() || '{}');
  expect(sent.invite_id).toBe(reg.data.id);
  await expect(new ShopPage(member).accountName).toContainText(memberName);
  const memberToken = await tokenOf(member);
  const detail = await api(member.request, baseURL, '/api/user/detail', memberToken);
  expect(detail.data.parent_id).toBe(reg.data.id);

  // The member buys; the merchant ships; the order completes.
  const tent = (await api(member.request, baseURL, '/api/archive/detail', memberToken, { filename: 'ultralight-tent-2p' })).data;
  const orderId = await placeOrderByApi(member.request, baseURL, memberToken, [{ goods_id: tent.id, goods_sku_id: 0, quantity: 1 }]);
  for (const action of ['pay', 'ship', 'finish']) await controls.post('/__test/order', { order_id: orderId, action });
  await context.close();

  // The retailer sees the member, the order and the commission.
  await page.reload();
  await expect(page.locator('[data-stat=members] .stat-card__value')).toHaveText('1');
  await expect(page.locator('li[data-member] .team-list__name')).toHaveText(memberName);
  await page.locator('a[data-tab=commissions]').click();
  const commission = page.locator(`tr[data-order="${orderId}"]`);
  await expect(commission).toBeVisible();
  await expect(commission).toHaveAttribute('data-status', '0');
  const commissions = (await api(page.request, baseURL, '/api/retailer/commissions', retailerToken)).data;
  const earned = commissions.reduce((sum, c) => sum + c.amount, 0);
  expect(earned).toBeGreaterThanOrEqual(200);

  // Withdraw: a confirmation first; AnqiCMS answers success with code -1, shown as success.
  await page.locator('button[data-withdraw]').click();
  const answer = page.waitForResponse((r) => r.url().includes('/api/retailer/withdraw') && r.request().method() === 'POST');
  await page.locator('button[data-withdraw-confirm]').click();
  const body = await (await answer).json();
  expect(body.code).toBe(-1);
  await expect(page.locator('[data-withdrawn]')).toBeVisible();
  await expect(page.locator('[data-withdraw-minimum]')).toBeVisible();
  await page.locator('a[data-tab=withdrawals]').click();
  const row = page.locator('tr[data-withdrawal]').first();
  await expect(row).toHaveAttribute('data-status', '0');
  const id = await row.getAttribute('data-withdrawal');
  await controls.post('/__test/withdraw', { id: Number(id), action: 'approve' });
  await page.reload();
  await expect(page.locator(`tr[data-withdrawal="${id}"]`)).toHaveAttribute('data-status', '1');
  await page.locator('a[data-tab=commissions]').click();
  await expect(page.locator(`tr[data-order="${orderId}"]`)).toHaveAttribute('data-status', '1');
});

test('faults on the retailer paths: a message, a retry that recovers, nothing typed lost', async ({ page, controls }, testInfo) => {
  allowConsoleErrors(testInfo, /status of 500 .*\/api\/retailer\/(statistics|members|update|withdraw)/);
  await signInByToken(page, controls, 'retailer');
  await controls.fault('/api/retailer/statistics', 'html500');
  await controls.fault('/api/retailer/members', 'html500');
  await page.goto('/retailer');
  const alerts = page.locator('main#main .notice--error[role=alert]');
  await expect(alerts).toHaveCount(2);
  await controls.reset();
  await alerts.first().locator('button').click();
  await expect(page.locator('[data-stat=members]')).toBeVisible();
  await page.locator('main#main .notice--error[role=alert] button').click();
  await expect(page.locator('li[data-member]').first()).toBeVisible();

  await controls.fault('/api/retailer/update', 'html500');
  const input = page.locator('form[data-real-name] input[name=real_name]');
  await input.fill('Real Name Kept');
  await page.locator('form[data-real-name] button[type=submit]').click();
  await expect(page.locator('form[data-real-name] .notice--error')).toBeVisible();
  await expect(input).toHaveValue('Real Name Kept');
  await controls.reset();
  await page.locator('form[data-real-name] button[type=submit]').click();
  await expect(page.locator('form[data-real-name] .notice--success')).toBeVisible();

  // A lost withdraw answer: the figures are read again and the shopper is told to check.
  await controls.fault('/api/retailer/withdraw', 'html500');
  const withdraw = page.locator('button[data-withdraw]');
  if (await withdraw.count()) {
    await withdraw.click();
    await page.locator('button[data-withdraw-confirm]').click();
    await expect(page.locator('[data-withdraw-unknown]')).toBeVisible();
  }
});

test.describe('axe on /retailer', () => {
  for (const width of [360, 1280]) {
    for (const lang of ['zh', 'en']) {
      test(`${width}px ${lang}`, async ({ page, controls }) => {
        await page.setViewportSize({ width, height: 800 });
        if (lang === 'en') await useEnglish(page);
        await signInByToken(page, controls, 'retailer');
        await page.goto('/retailer');
        await expect(page.locator('[data-stat=members]')).toBeVisible();
        await expect(page.locator('li[data-member]').first()).toBeVisible();
        await expect(page.locator('svg.earnings__chart')).toBeVisible();
        await page.waitForLoadState('networkidle');
        let results = await new AxeBuilder({ page }).analyze();
        expect(describe(results.violations), 'dashboard').toEqual([]);
        await page.locator('a[data-tab=commissions]').click();
        await expect(page.locator('table.retailer-table')).toBeVisible();
        results = await new AxeBuilder({ page }).analyze();
        expect(describe(results.violations), 'commissions tab').toEqual([]);
      });
    }
  }
  test('not a retailer, 360px', async ({ page, controls }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await signInByToken(page, controls, 'demo');
    await page.goto('/retailer');
    await expect(page.locator('[data-not-retailer]')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(describe(results.violations)).toEqual([]);
  });
});
