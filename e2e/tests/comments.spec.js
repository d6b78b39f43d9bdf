// @ts-check
// Article comments: approved ones only, threaded, with no commenter's email or IP on the
// page; publishing on the English site answers the captcha (read from the test control) and
// the comment appears once the control approves it; the server's refusals (too short,
// forbidden words, too fast) are shown with the text kept; praise; faults; hostile text; axe.
const AxeBuilder = require('@axe-core/playwright').default;
const { test, expect, allowConsoleErrors } = require('../support/fixtures');

const ARTICLE = 'third-anniversary';
const EN_SITE = 2;

function describe(violations) {
  return violations.map((v) => `${v.id} [${v.impact}] ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n'));
}

/** The English site (captcha on) for the rest of the test: the shop's stored language. */
async function useEnglish(page) {
  await page.addInitScript(() => window.localStorage.setItem('storefront.language', 'en'));
}

/** The comment list as the server returns it (every status, with email and IP). */
async function serverComments(request, base, archiveId, siteId) {
  const params = { id: String(archiveId), limit: '100' };
  if (siteId) params.site_id = String(siteId);
  const body = await (await request.get(`${base}/api/comment/list`, { params })).json();
  return body.data || [];
}

async function archiveId(request, base, slug, siteId) {
  const params = { filename: slug };
  if (siteId) params.site_id = String(siteId);
  const body = await (await request.get(`${base}/api/archive/detail`, { params })).json();
  return body.data.id;
}

/** Opens the English article and waits for the comments and the captcha picture. */
async function openEnglishArticle(page) {
  await useEnglish(page);
  const picture = page.waitForResponse((r) => r.url().includes('/api/captcha') && r.url().includes(`site_id=${EN_SITE}`));
  await page.goto(`/article/${ARTICLE}`);
  await expect(page.locator('section.comments li.comment').first()).toBeVisible();
  return (await (await picture).json()).data.captcha_id;
}

async function answerCaptcha(page, controls, captchaId) {
  const { answer } = await controls.request.get(`/__test/captcha/${captchaId}`).then((r) => r.json());
  await page.locator('form.comment-form input[name=captcha]').fill(answer);
}

for (const edition of ['documented', 'open-source']) {
  test.describe(`comments (${edition})`, () => {
    test('only approved comments show, threaded, without email or IP', async ({ page, baseURL, oss }) => {
      const base = edition === 'documented' ? baseURL : oss;
      const id = await archiveId(page.request, base, ARTICLE, EN_SITE);
      const rows = await serverComments(page.request, base, id, EN_SITE);
      const approved = rows.filter((c) => c.status === 1);
      const hidden = rows.filter((c) => c.status !== 1);
      expect(hidden.length).toBeGreaterThan(0);
      await useEnglish(page);
      await page.goto(`${base}/article/${ARTICLE}`);
      const section = page.locator('section.comments');
      await expect(section.locator('li.comment')).toHaveCount(approved.length);
      for (const c of hidden) await expect(section.locator(`li[data-comment="${c.id}"]`)).toHaveCount(0);
      const text = await section.innerText();
      for (const c of rows) {
        if (c.email) expect(text).not.toContain(c.email);
        if (c.ip) expect(text).not.toContain(c.ip);
      }
      // A reply sits inside its parent's item.
      const reply = approved.find((c) => c.parent_id > 0 && approved.some((p) => p.id === c.parent_id));
      expect(reply).toBeTruthy();
      await expect(section.locator(`li[data-comment="${reply.parent_id}"] li[data-comment="${reply.id}"]`)).toHaveCount(1);
    });
  });
}

test('a comment with the captcha appears after the control approves it; a reply is threaded', async ({ page, controls }) => {
  let captchaId = await openEnglishArticle(page);
  const name = `Reader ${Date.now()}`;
  const form = page.locator('form.comment-form');
  await form.locator('input[name=user_name]').fill(name);
  await form.locator('input[name=email]').fill('reader@example.com');
  await form.locator('textarea[name=content]').fill('A thoughtful comment about the anniversary.');
  await answerCaptcha(page, controls, captchaId);
  const published = page.waitForResponse((r) => r.url().includes('/api/comment/publish'));
  const nextPicture = page.waitForResponse((r) => r.url().includes('/api/captcha'));
  await form.locator('button[type=submit]').click();
  const body = await (await published).json();
  expect(body.code, JSON.stringify(body)).toBe(0);
  await expect(form.locator('[data-comment-sent]')).toBeVisible();
  await expect(page.locator(`li[data-comment="${body.data.id}"]`)).toHaveCount(0);
  captchaId = (await (await nextPicture).json()).data.captcha_id;

  await controls.post('/__test/comment', { id: body.data.id, status: 1 });
  await page.reload();
  const mine = page.locator(`li[data-comment="${body.data.id}"]`);
  await expect(mine).toContainText(name);
  await expect(mine).not.toContainText('reader@example.com');

  // A reply to it, threaded under it once approved.
  const picture = page.waitForResponse((r) => r.url().includes('/api/captcha'));
  await page.reload();
  captchaId = (await (await picture).json()).data.captcha_id;
  await mine.locator('button[data-reply]').click();
  await expect(form.locator('[data-replying]')).toContainText(name);
  await form.locator('input[name=user_name]').fill('Second reader');
  await form.locator('textarea[name=content]').fill('Replying to the comment above.');
  await answerCaptcha(page, controls, captchaId);
  const replied = page.waitForResponse((r) => r.url().includes('/api/comment/publish'));
  await form.locator('button[type=submit]').click();
  const reply = await (await replied).json();
  expect(reply.code, JSON.stringify(reply)).toBe(0);
  expect(reply.data.parent_id).toBe(body.data.id);
  await controls.post('/__test/comment', { id: reply.data.id, status: 1 });
  await page.reload();
  await expect(page.locator(`li[data-comment="${body.data.id}"] li[data-comment="${reply.data.id}"]`)).toBeVisible();

  // Praise needs a signed-in shopper (guests see the count only): the count the server answers.
  await expect(page.locator(`li[data-comment="${body.data.id}"] > article button[data-praise]`)).toHaveCount(0);
  const token = await controls.token('demo', 3600, EN_SITE);
  await page.addInitScript((t) => window.localStorage.setItem('storefront.token:2', t), token);
  await page.reload();
  const praise = page.locator(`li[data-comment="${body.data.id}"] > article button[data-praise]`);
  await expect(praise).toContainText('(0)');
  await praise.click();
  await expect(praise).toContainText('(1)');
  await expect(praise).toHaveAttribute('aria-pressed', 'true');
});

test("the server's refusals are shown and nothing typed is lost", async ({ page, controls }) => {
  await controls.post('/__test/setting', { site_id: EN_SITE, content_limit: 30, content_forbidden: 'casino', loopback_exempt: false });
  let captchaId = await openEnglishArticle(page);
  const form = page.locator('form.comment-form');
  const send = async (text) => {
    await form.locator('textarea[name=content]').fill(text);
    await answerCaptcha(page, controls, captchaId);
    const picture = page.waitForResponse((r) => r.url().includes('/api/captcha'));
    const answer = page.waitForResponse((r) => r.url().includes('/api/comment/publish'));
    await form.locator('button[type=submit]').click();
    const body = await (await answer).json();
    captchaId = (await (await picture).json()).data.captcha_id;
    return body;
  };
  await form.locator('input[name=user_name]').fill('Careful Writer');
  let body = await send('Too short.');
  expect(body.code).toBe(-1);
  await expect(form.locator('[data-comment-error]')).toContainText(body.msg);
  await expect(form.locator('textarea[name=content]')).toHaveValue('Too short.');
  await expect(form.locator('input[name=user_name]')).toHaveValue('Careful Writer');

  body = await send('This long enough comment mentions a casino, which is forbidden.');
  expect(body.code).toBe(-1);
  await expect(form.locator('[data-comment-error]')).toContainText(body.msg);
  await expect(form.locator('textarea[name=content]')).toHaveValue('This long enough comment mentions a casino, which is forbidden.');

  body = await send('A perfectly acceptable and long enough first comment.');
  expect(body.code, JSON.stringify(body)).toBe(0);
  await expect(form.locator('[data-comment-sent]')).toBeVisible();
  await controls.post('/__test/setting', { site_id: EN_SITE, interval_limit: 60, loopback_exempt: false });
  body = await send('A second comment right away, which is too fast for the rule.');
  expect(body.code).toBe(-1);
  await expect(form.locator('[data-comment-error]')).toContainText(body.msg);
  await expect(form.locator('textarea[name=content]')).toHaveValue('A second comment right away, which is too fast for the rule.');
});

test('faults: a failed list offers a retry; a failed publish keeps the text and a retry sends it', async ({ page, controls }, testInfo) => {
  allowConsoleErrors(testInfo, /status of 500 .*\/api\/comment\/(list|publish)/);
  await controls.fault('/api/comment/list', 'html500');
  await useEnglish(page);
  const picture = page.waitForResponse((r) => r.url().includes('/api/captcha'));
  await page.goto(`/article/${ARTICLE}`);
  const section = page.locator('section.comments');
  const alert = section.locator('.notice--error[role=alert]').first();
  await expect(alert).toBeVisible();
  await controls.reset();
  await alert.locator('button').click();
  await expect(section.locator('li.comment').first()).toBeVisible();
  let captchaId = (await (await picture).json()).data.captcha_id;

  const form = page.locator('form.comment-form');
  await form.locator('input[name=user_name]').fill('Patient Reader');
  await form.locator('textarea[name=content]').fill('Sent while the server is down.');
  await controls.fault('/api/comment/publish', 'html500');
  await answerCaptcha(page, controls, captchaId);
  let next = page.waitForResponse((r) => r.url().includes('/api/captcha'));
  await form.locator('button[type=submit]').click();
  await expect(form.locator('[data-comment-error]')).toBeVisible();
  await expect(form.locator('textarea[name=content]')).toHaveValue('Sent while the server is down.');
  captchaId = (await (await next).json()).data.captcha_id;
  await controls.reset();
  await answerCaptcha(page, controls, captchaId);
  await form.locator('button[type=submit]').click();
  await expect(form.locator('[data-comment-sent]')).toBeVisible();
});

test('hostile names and text in comments are shown as text and never run', async ({ page, controls }) => {
  await controls.hostile(true);
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  await useEnglish(page);
  await page.goto(`/article/${ARTICLE}`);
  const section = page.locator('section.comments');
  await expect(section.locator('li.comment').first()).toBeVisible();
  const id = await archiveId(page.request, '', ARTICLE, EN_SITE).catch(() => null);
  const rows = id ? await serverComments(page.request, '', id, EN_SITE) : [];
  const hostile = rows.filter((c) => c.status === 1 && /[<>]/.test(`${c.user_name}${c.content}`));
  expect(hostile.length).toBeGreaterThan(0);
  for (const c of hostile) await expect(section.locator(`li[data-comment="${c.id}"]`)).toContainText(c.user_name.trim());
  await expect(section.locator('ol.comment-list').locator('img, script, iframe')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(dialogs).toBe(0);
  expect(await page.evaluate(() => /** @type {any} */ (window).__xss)).toBeUndefined();
});

test.describe('axe on an article with comments', () => {
  for (const width of [360, 1280]) {
    for (const lang of ['zh', 'en']) {
      test(`${width}px ${lang}`, async ({ page }) => {
        await page.setViewportSize({ width, height: 800 });
        if (lang === 'en') await useEnglish(page);
        await page.goto(`/article/${ARTICLE}`);
        await expect(page.locator('section.comments li.comment').first()).toBeVisible();
        if (lang === 'en') await expect(page.locator('form.comment-form img.captcha__image')).toBeVisible();
        await page.waitForLoadState('networkidle');
        const results = await new AxeBuilder({ page }).analyze();
        expect(describe(results.violations)).toEqual([]);
      });
    }
  }
});
