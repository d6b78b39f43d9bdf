// @ts-check
// The guestbook: every field type from /api/guestbook/fields, the required fields checked
// before sending, the captcha (English site), a submission through the form endpoint with
// repeated checkbox values and an image file, checked in GET /__test/guestbook; faults; axe.
const AxeBuilder = require('@axe-core/playwright').default;
const { test, expect, allowConsoleErrors } = require('../support/fixtures');

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function describe(violations) {
  return violations.map((v) => `${v.id} [${v.impact}] ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n'));
}

/** The English site (captcha on) for the rest of the test: the shop's stored language. */
async function useEnglish(page) {
  await page.addInitScript(() => window.localStorage.setItem('storefront.language', 'en'));
}

async function entries(request, base) {
  const response = await request.get(`${base}/__test/guestbook`);
  expect(response.ok()).toBe(true);
  return response.json();
}

async function fill(page, name) {
  const form = page.locator('form.guestbook');
  await form.locator('input[name=user_name]').fill(name);
  await form.locator('input[name=contact]').fill('0571-8888 1234');
  await form.locator('input[name=email]').fill('guest@example.com');
  await form.locator('textarea[name=content]').fill('Do you ship to Hangzhou? <b>not bold</b>');
  await form.locator('input[name=topic]').nth(1).check();
  await form.locator('select[name=contact_time]').selectOption({ index: 2 });
  await form.locator('input[name=interests]').nth(0).check();
  await form.locator('input[name=interests]').nth(2).check();
  await form.locator('input[name=photo]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
}

for (const edition of ['documented', 'open-source']) {
  test(`a submission with every field type is stored with every value (${edition}, English site with captcha)`, async ({ page, baseURL, oss }) => {
    const base = edition === 'documented' ? baseURL : oss;
    const picture = page.waitForResponse((r) => r.url().includes('/api/captcha'));
    await useEnglish(page);
    await page.goto(`${base}/guestbook`);
    const form = page.locator('form.guestbook');
    for (const kind of ['input[name=user_name]', 'textarea[name=content]', 'input[type=radio][name=topic]', 'select[name=contact_time]', 'input[type=checkbox][name=interests]', 'input[type=file][name=photo]']) {
      await expect(form.locator(kind).first()).toBeVisible();
    }
    let captchaId = (await (await picture).json()).data.captcha_id;

    // Required fields are checked before anything is sent.
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('guestbook.html')) posts += 1;
    });
    await form.locator('button[type=submit]').click();
    await expect(form.locator('[data-guestbook-missing]')).toBeVisible();
    await expect(form.locator('[data-field=user_name] .field__error')).toBeVisible();
    await expect(form.locator('[data-field=interests] .field__error')).toBeVisible();
    await expect(form.locator('[data-field=contact] .field__error')).toHaveCount(0);
    expect(posts).toBe(0);

    const name = `Guest ${Date.now()}`;
    await fill(page, name);
    // A wrong captcha: the server's message, and nothing typed is lost.
    await form.locator('input[name=captcha]').fill('zzzz');
    let next = page.waitForResponse((r) => r.url().includes('/api/captcha'));
    await form.locator('button[type=submit]').click();
    await expect(form.locator('[data-guestbook-error]')).toBeVisible();
    captchaId = (await (await next).json()).data.captcha_id;
    expect(posts).toBe(1);
    await expect(form.locator('input[name=user_name]')).toHaveValue(name);
    await expect(form.locator('input[name=interests]').nth(2)).toBeChecked();
    await expect(form.locator('select[name=contact_time]')).not.toHaveValue('');

    const { answer } = await page.request.get(`${base}/__test/captcha/${captchaId}`).then((r) => r.json());
    await form.locator('input[name=captcha]').fill(answer);
    const sent = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/guestbook.html'));
    await form.locator('button[type=submit]').click();
    const response = await sent;
    expect(response.request().headers()['content-type']).toMatch(/^multipart\/form-data/);
    const body = await response.json();
    expect(body.code, JSON.stringify(body)).toBe(0);
    await expect(form.locator('[data-guestbook-thanks]')).toContainText(body.msg);

    const stored = (await entries(page.request, base)).find((e) => e.user_name === name);
    expect(stored, 'the entry is stored').toBeTruthy();
    expect(stored.contact).toBe('0571-8888 1234');
    expect(stored.content).toBe('Do you ship to Hangzhou? <b>not bold</b>');
    expect(stored.values.email).toBe('guest@example.com');
    expect(stored.values.topic).toBe('Product');
    expect(stored.values.contact_time).toBe('Afternoon');
    expect(stored.values.interests).toBe('Home & Living,Apparel');
    expect(String(stored.values.photo)).toMatch(/uploads\//);
  });
}

test('the Chinese site (captcha off) takes the form too; a server fault keeps everything and a retry sends it', async ({ page, controls }, testInfo) => {
  allowConsoleErrors(testInfo, /status of 500 .*\/guestbook\.html/);
  await page.goto('/guestbook');
  const form = page.locator('form.guestbook');
  await expect(form.locator('input[name=user_name]')).toBeVisible();
  await expect(form.locator('.captcha')).toHaveCount(0);
  const name = `访客${Date.now()}`;
  await fill(page, name);
  await controls.fault('/guestbook.html', 'html500');
  await form.locator('button[type=submit]').click();
  await expect(form.locator('[data-guestbook-error] .notice--error')).toBeVisible();
  await expect(form.locator('input[name=user_name]')).toHaveValue(name);
  await expect(form.locator('input[name=interests]').nth(0)).toBeChecked();
  await controls.reset();
  await form.locator('button[type=submit]').click();
  await expect(form.locator('[data-guestbook-thanks]')).toBeVisible();
  const stored = (await entries(page.request, '')).filter((e) => e.user_name === name);
  expect(stored).toHaveLength(1);
  expect(stored[0].values.interests).toBe('家居生活,服饰');
});

test('a failed field list says so and the retry recovers', async ({ page, controls }, testInfo) => {
  allowConsoleErrors(testInfo, /status of 500 .*\/api\/guestbook\/fields/);
  await controls.fault('/api/guestbook/fields', 'html500');
  await page.goto('/guestbook');
  const alert = page.locator('main#main .notice--error[role=alert]');
  await expect(alert).toBeVisible();
  await controls.reset();
  await alert.locator('button').click();
  await expect(page.locator('form.guestbook input[name=user_name]')).toBeVisible();
});

test.describe('axe on the guestbook', () => {
  for (const width of [360, 1280]) {
    for (const lang of ['zh', 'en']) {
      test(`${width}px ${lang}`, async ({ page }) => {
        await page.setViewportSize({ width, height: 800 });
        if (lang === 'en') await useEnglish(page);
        await page.goto('/guestbook');
        const form = page.locator('form.guestbook');
        await expect(form.locator('input[name=user_name]')).toBeVisible();
        if (lang === 'en') await expect(form.locator('img.captcha__image')).toBeVisible();
        await form.locator('button[type=submit]').click();
        await expect(form.locator('[data-guestbook-missing]')).toBeVisible();
        await page.waitForLoadState('networkidle');
        const results = await new AxeBuilder({ page }).analyze();
        expect(describe(results.violations)).toEqual([]);
      });
    }
  }
});
