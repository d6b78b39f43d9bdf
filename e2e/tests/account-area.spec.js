// @ts-check
// The account area (issue 7): the overview, profile editing (the whole field set is sent),
// the avatar (checked before upload, previewed, uploaded with progress, cropped by the
// server), the password change, email verification and the forgotten-password reset
// through the demo server's outbox, and sign-out. Faults on each new API path, hostile
// nicknames, and axe on every new route. Tests that change an account register a fresh one.
const AxeBuilder = require('@axe-core/playwright').default;
const { test, expect, allowConsoleErrors } = require('../support/fixtures');
const { shortenRequestTimeout } = require('../support/app-config');
const { LoginPage } = require('../pages/LoginPage');
const { ShopPage } = require('../pages/ShopPage');
const { registerThroughPage, tokenOf, SHOPPER_PASSWORD } = require('../support/shopper');
const { USERS } = require('../support/seed');
const { png } = require('../support/png');
const { signInDemo } = require('../support/account-area');

const { storefrontUrl, ossUrl } = require('../support/env');

const EDITIONS = [
  { name: 'documented', base: storefrontUrl },
  { name: 'open-source', base: ossUrl },
];

/** The failed-request messages (locales/zh-CN.yml `error.*`). */
const MESSAGE = {
  html500: '商城暂时出了点问题，请稍后重试。',
  'code-1': '商城无法完成此请求。',
  timeout: '商城响应超时，请重试。',
};

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The server's view of the signed-in shopper. */
async function serverUser(page, base) {
  const response = await page.request.get(`${base}/api/user/detail`, { headers: { token: await tokenOf(page) } });
  const body = await response.json();
  expect(body.code, JSON.stringify(body)).toBe(0);
  return body.data;
}

/** The newest mail to `to` in the demo server's outbox. */
async function newestMail(request, base, to) {
  let mails = [];
  await expect
    .poll(async () => {
      const response = await request.get(`${base}/__test/outbox`, { params: { to } });
      mails = await response.json();
      return Array.isArray(mails) ? mails.length : 0;
    })
    .toBeGreaterThan(0);
  return mails[0];
}

/** Signs out through the account navigation and waits until the header says "登录". */
async function signOutHere(page) {
  await page.locator('nav.account-nav button.account-nav__sign-out').click();
  await expect(new ShopPage(page).accountLink).toHaveText('登录');
}

async function signIn(page, base, name, password) {
  await page.goto(`${base}/login`);
  const login = new LoginPage(page);
  await login.signIn(name, password);
  await expect(login.accountName).toBeVisible();
}

const profileForm = (page) => page.locator('main#main form.profile-form');

for (const edition of EDITIONS) {
  test.describe(`account area (${edition.name})`, () => {
    test('the overview shows the shopper, their orders by status, balance, favorites and membership', async ({ page }) => {
      const base = edition.base();
      const name = await registerThroughPage(page, base, '/account');
      await expect(page).toHaveURL(/\/account$/);
      const main = page.locator('main#main');
      await expect(main.locator('[data-account-user]')).toHaveText(name);
      await expect(main.locator('[data-account-email]')).toHaveText(`${name}@example.com`);
      await expect(main.locator('[data-account-favorites]')).toHaveText('0');
      await expect(main.locator('[data-count-tab=all] .account-orders__n')).toHaveText('0');
      await expect(main.locator('[data-account-balance]')).toContainText('0');
      // Every page of the area is one click away.
      const nav = page.locator('nav.account-nav');
      for (const label of ['概览', '我的订单', '个人资料', '密码', 'VIP 会员']) {
        await expect(nav.getByRole('link', { name: label })).toBeVisible();
      }
      await expect(nav.getByRole('link', { name: '概览' })).toHaveAttribute('aria-current', 'page');
    });

    test('profile edit round trip: every field is sent, a set email stays locked', async ({ page }) => {
      const base = edition.base();
      const name = await registerThroughPage(page, base, '/account/profile');
      const form = profileForm(page);
      await expect(form.locator('input[name=user_name]')).toHaveValue(name);
      // Registered with an email: it can no longer be changed here; the phone can be set.
      await expect(form.locator('input[name=email]')).toHaveJSProperty('readOnly', true);
      await expect(form.locator('input[name=phone]')).toHaveJSProperty('readOnly', false);
      await form.locator('input[name=real_name]').fill('Ada Lovelace');
      await form.locator('input[name=last_name]').fill('Lovelace');
      await form.locator('textarea[name=introduce]').fill('Analyst of engines');
      await form.locator('button[type=submit]').click();
      await expect(form.locator('[data-profile-saved]')).toBeVisible();
      let user = await serverUser(page, base);
      expect(user.user_name).toBe(name);
      expect(user.introduce).toBe('Analyst of engines');
      expect(user.last_name).toBe('Lovelace');
      expect(user.email).toBe(`${name}@example.com`);

      // Emptying a field sends it empty (the overwrite quirk works for the shopper here),
      // and what was not touched survives the whole-set update.
      await page.reload();
      await expect(form.locator('textarea[name=introduce]')).toHaveValue('Analyst of engines');
      await form.locator('textarea[name=introduce]').fill('');
      await form.locator('button[type=submit]').click();
      await expect(form.locator('[data-profile-saved]')).toBeVisible();
      user = await serverUser(page, base);
      expect(user.introduce).toBe('');
      expect(user.last_name).toBe('Lovelace');
      expect(user.user_name).toBe(name);
    });

    test('avatar: checked before upload, previewed, uploaded with progress, shown as the server’s 256×256 image', async ({ page }) => {
      const base = edition.base();
      await registerThroughPage(page, base, '/account/profile');
      const section = page.locator('main#main section.avatar-form');
      const input = section.locator('input[type=file]');
      const uploads = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/user/avatar')) uploads.push(r.url());
      });
      // Not an image, and too large: refused here, nothing sent.
      await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      await expect(section.locator('[data-avatar-problem]')).toHaveText('此文件不是 JPG、PNG、GIF 或 WebP 图片。');
      await input.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(2 * 1024 * 1024 + 1, 1) });
      await expect(section.locator('[data-avatar-problem]')).toHaveText('图片超过 2 MB。');
      await expect(section.locator('[data-avatar-upload]')).toHaveCount(0);
      expect(uploads).toEqual([]);

      await input.setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png(300, 200) });
      await expect(section.locator('[data-avatar-problem]')).toHaveCount(0);
      const preview = section.locator('img[data-avatar-preview]');
      await expect(preview).toHaveAttribute('src', /^blob:/);
      await expect.poll(() => preview.evaluate((img) => /** @type {HTMLImageElement} */ (img).naturalWidth)).toBe(300);
      await section.locator('[data-avatar-upload]').click();
      await expect(section.locator('[data-avatar-saved]')).toBeVisible();
      await expect(section.locator('[data-avatar-percent]')).toHaveText('100%');
      expect(uploads).toHaveLength(1);
      const user = await serverUser(page, base);
      expect(user.full_avatar_url).toBeTruthy();
      const current = section.locator('img[data-avatar-current]');
      await expect(current).toHaveAttribute('src', user.full_avatar_url);
      await expect.poll(() => current.evaluate((img) => [/** @type {HTMLImageElement} */ (img).naturalWidth, /** @type {HTMLImageElement} */ (img).naturalHeight])).toEqual([256, 256]);
      // The overview shows it too.
      await page.locator('nav.account-nav').getByRole('link', { name: '概览' }).click();
      await expect(page.locator('main#main img.account-summary__avatar')).toHaveAttribute('src', user.full_avatar_url);
    });

    test('password change, then signing in with the new one', async ({ page }) => {
      const base = edition.base();
      const name = await registerThroughPage(page, base, '/account/password');
      const form = page.locator('main#main form.password-form');
      // Checked here first: too short, and two different passwords.
      await form.locator('input[name=old_password]').fill(SHOPPER_PASSWORD);
      await form.locator('input[name=password]').fill('newpass1');
      await form.locator('input[name=repeat]').fill('newpass2');
      await form.locator('button[type=submit]').click();
      await expect(form.locator('.field__error')).toHaveText('两次输入的新密码不一致。');
      // A wrong current password: the server's refusal.
      await form.locator('input[name=old_password]').fill('wrong-password');
      await form.locator('input[name=repeat]').fill('newpass1');
      await form.locator('button[type=submit]').click();
      await expect(form.locator('.notice--error').first()).toBeVisible();
      await expect(form.locator('[data-password-changed]')).toHaveCount(0);
      await form.locator('input[name=old_password]').fill(SHOPPER_PASSWORD);
      await form.locator('button[type=submit]').click();
      await expect(form.locator('[data-password-changed]')).toBeVisible();

      await signOutHere(page);
      await page.goto(`${base}/login`);
      const login = new LoginPage(page);
      await login.signIn(name, SHOPPER_PASSWORD);
      await expect(login.fieldError).toBeVisible();
      await login.signIn(name, 'newpass1');
      await expect(login.accountName).toBeVisible();
    });

    test('email verification: the mail’s link lands on the account, verified', async ({ page }) => {
      const base = edition.base();
      const name = await registerThroughPage(page, base, '/account');
      const main = page.locator('main#main');
      await expect(main.locator('[data-email-verified]')).toHaveAttribute('data-email-verified', 'false');
      await main.locator('[data-send-verify]').click();
      await expect(main.locator('[data-verify-sent]')).toBeVisible();
      const mail = await newestMail(page.request, base, `${name}@example.com`);
      expect(mail.link).toMatch(/\/api\/verify\/email\?/);
      await page.goto(mail.link);
      await expect(page).toHaveURL(/\/account$/);
      await expect(main.locator('[data-email-verified]')).toHaveAttribute('data-email-verified', 'true');
      expect((await serverUser(page, base)).email_verified).toBe(true);
    });

    test('forgotten password: the reset mail’s link sets a new password, then sign-in works', async ({ page }) => {
      const base = edition.base();
      const name = await registerThroughPage(page, base, '/account');
      await signOutHere(page);
      await page.goto(`${base}/login`);
      const forgot = page.locator('main#main details.forgot');
      await forgot.locator('summary').click();
      await forgot.locator('input[name=email]').fill(`${name}@example.com`);
      await forgot.locator('button[type=submit]').click();
      await expect(forgot.locator('[data-reset-sent]')).toBeVisible();
      const mail = await newestMail(page.request, base, `${name}@example.com`);
      await page.goto(mail.link);
      // Not under the protected /account: a signed-out visitor stays on the reset page.
      await expect(page).toHaveURL(/\/account\/password\/reset\?/);
      const form = page.locator('main#main form.reset-form');
      await form.locator('input[name=password]').fill('resetpass1');
      await form.locator('input[name=repeat]').fill('resetpass1');
      await form.locator('button[type=submit]').click();
      await expect(page.locator('main#main [data-password-reset]')).toBeVisible();
      await signIn(page, base, name, 'resetpass1');
    });

    test('sign-out forgets the tokens, the cart token and every cached account read', async ({ page }) => {
      const base = edition.base();
      await registerThroughPage(page, base, '/account/orders');
      await expect(page.locator('main#main')).toBeVisible();
      await page.goto(`${base}/account`);
      await expect(page.locator('main#main [data-account-user]')).toBeVisible();
      // A stale guest cart token, as one left from before sign-in would be.
      await page.evaluate(() => localStorage.setItem('storefront.cart', 'stale-guest-cart'));
      await signOutHere(page);
      // The account page sends the signed-out visitor to sign-in.
      await expect(page).toHaveURL(/\/login\?next=%2Faccount/);
      const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('storefront.token') || k === 'storefront.cart'));
      expect(left).toEqual([]);
      // The account again, inside the running app (its in-memory cache is what is at stake):
      // nothing of it is shown, sign-in is asked for.
      await page.evaluate(() => {
        history.pushState({}, '', '/account/orders');
        dispatchEvent(new PopStateEvent('popstate'));
      });
      await expect(page).toHaveURL(/\/login\?next=/);
      await expect(page.locator('[data-account-user], li.order-card')).toHaveCount(0);
    });

    test('a hostile nickname is shown as text and never runs', async ({ page }) => {
      const base = edition.base();
      await registerThroughPage(page, base, '/account/profile');
      const hostile = '<img src=x onerror="window.__xss=1">';
      const form = profileForm(page);
      await form.locator('input[name=real_name]').fill(hostile);
      await form.locator('textarea[name=introduce]').fill('<script>window.__xss=2</script>');
      await form.locator('button[type=submit]').click();
      await expect(form.locator('[data-profile-saved]')).toBeVisible();
      await page.goto(`${base}/account`);
      await expect(page.locator('main#main [data-account-name]')).toHaveText(hostile);
      await expect(page.locator('main#main [data-account-name] img')).toHaveCount(0);
      await page.goto(`${base}/account/profile`);
      await expect(form.locator('textarea[name=introduce]')).toHaveValue('<script>window.__xss=2</script>');
      expect(await page.evaluate(() => /** @type {any} */ (window).__xss)).toBeUndefined();
    });
  });
}

// ----- Faults on each new API path: the message, a retry that works, nothing typed lost. -----

/**
 * Each path: how to get the form ready (`prepare`), the submit, what success looks like,
 * and how to check the typed values survived.
 */
const FAULT_PATHS = [
  {
    path: '/api/user/detail',
    url: '/account/profile',
    async prepare(page) {
      await profileForm(page).locator('textarea[name=introduce]').fill('kept across the failure');
    },
    submit: (page) => profileForm(page).locator('button[type=submit]').click(),
    done: (page) => profileForm(page).locator('[data-profile-saved]'),
    kept: (page) => expect(profileForm(page).locator('textarea[name=introduce]')).toHaveValue('kept across the failure'),
  },
  {
    path: '/api/user/avatar',
    url: '/account/profile',
    async prepare(page) {
      await page.locator('section.avatar-form input[type=file]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png(64, 64) });
    },
    submit: (page) => page.locator('section.avatar-form [data-avatar-upload]').click(),
    done: (page) => page.locator('section.avatar-form [data-avatar-saved]'),
    kept: (page) => expect(page.locator('section.avatar-form img[data-avatar-preview]')).toHaveAttribute('src', /^blob:/),
  },
  {
    path: '/api/user/password',
    url: '/account/password',
    async prepare(page) {
      const form = page.locator('form.password-form');
      await form.locator('input[name=old_password]').fill(SHOPPER_PASSWORD);
      await form.locator('input[name=password]').fill('faultpass1');
      await form.locator('input[name=repeat]').fill('faultpass1');
    },
    submit: (page) => page.locator('form.password-form button[type=submit]').click(),
    done: (page) => page.locator('form.password-form [data-password-changed]'),
    kept: (page) => expect(page.locator('form.password-form input[name=password]')).toHaveValue('faultpass1'),
    // A write whose answer is lost may have been done (the demo server does it, as a Go
    // server would): the shop says so, and the new password is the one that works.
    async recoverAfterTimeout(page, name) {
      await expect(page.locator('form.password-form [data-password-maybe]')).toBeVisible();
      await signOutHere(page);
      await signIn(page, new URL(page.url()).origin, name, 'faultpass1');
    },
  },
  {
    path: '/api/verify/email',
    url: '/account',
    async prepare(page) {
      await expect(page.locator('main#main [data-send-verify]')).toBeVisible();
    },
    submit: (page) => page.locator('main#main [data-send-verify]').click(),
    done: (page) => page.locator('main#main [data-verify-sent]'),
    kept: async () => {},
  },
];

test.describe('account faults', () => {
  for (const sc of FAULT_PATHS) {
    for (const kind of /** @type {const} */ (['html500', 'code-1', 'timeout'])) {
      test(`${sc.path} ${kind}: the message, then a retry that works`, async ({ page, controls, baseURL }, testInfo) => {
        test.setTimeout(90_000);
        const origin = new URL(/** @type {string} */ (baseURL)).origin;
        if (kind === 'html500') {
          allowConsoleErrors(
            testInfo,
            new RegExp(`^console\\.error: Failed to load resource: the server responded with a status of 500 \\([^)]*\\) \\(${escapeRe(`${origin}${sc.path}`)}(\\?[^)]*)?\\)$`),
          );
        }
        if (kind === 'timeout') await shortenRequestTimeout(page, 2000);
        const name = await registerThroughPage(page, origin, sc.url);
        await expect(page.locator('main#main h1')).toBeVisible();
        await sc.prepare(page);
        await controls.fault(sc.path, kind, kind === 'timeout' ? 9000 : undefined);
        await sc.submit(page);
        const panel = page.locator('main#main .notice--error').first();
        await expect(panel).toContainText(MESSAGE[kind], { timeout: 20_000 });
        if (kind === 'code-1') await expect(panel).toContainText('simulated failure');
        await expect(sc.done(page)).toHaveCount(0);
        await sc.kept(page);
        await controls.reset();
        if (kind === 'timeout' && sc.recoverAfterTimeout) {
          await sc.recoverAfterTimeout(page, name);
          return;
        }
        await sc.submit(page);
        await expect(sc.done(page)).toBeVisible({ timeout: 15_000 });
      });
    }
  }

  test('/api/password/reset and the forgot-password mail fail with a message and recover', async ({ page, controls, baseURL }, testInfo) => {
    const origin = new URL(/** @type {string} */ (baseURL)).origin;
    allowConsoleErrors(testInfo, new RegExp(`^console\\.error: Failed to load resource: the server responded with a status of 500 \\([^)]*\\) \\(${escapeRe(`${origin}/api/password/reset`)}(\\?[^)]*)?\\)$`));
    const name = await registerThroughPage(page, origin, '/account');
    await signOutHere(page);
    await page.goto('/login');
    const forgot = page.locator('main#main details.forgot');
    await forgot.locator('summary').click();
    await forgot.locator('input[name=email]').fill(`${name}@example.com`);
    await controls.fault('/api/verify/email', 'code-1');
    await forgot.locator('button[type=submit]').click();
    await expect(forgot.locator('.notice--error')).toContainText('simulated failure');
    await expect(forgot.locator('input[name=email]')).toHaveValue(`${name}@example.com`);
    await controls.reset();
    await forgot.locator('button[type=submit]').click();
    await expect(forgot.locator('[data-reset-sent]')).toBeVisible();
    const mail = await newestMail(page.request, origin, `${name}@example.com`);
    await page.goto(mail.link);
    const form = page.locator('main#main form.reset-form');
    await form.locator('input[name=password]').fill('resetpass2');
    await form.locator('input[name=repeat]').fill('resetpass2');
    await controls.fault('/api/password/reset', 'html500');
    await form.locator('button[type=submit]').click();
    await expect(form.locator('.notice--error')).toContainText(MESSAGE.html500);
    await expect(form.locator('input[name=password]')).toHaveValue('resetpass2');
    await controls.reset();
    await form.locator('button[type=submit]').click();
    await expect(page.locator('main#main [data-password-reset]')).toBeVisible();
  });
});

// ----- axe on every new route, on a phone and a desktop, in both languages. -----

function describeViolations(violations) {
  return violations.map(
    (v) =>
      `${v.id} [${v.impact}] ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join('; ')}`).join('\n'),
  );
}

const AXE_ROUTES = [
  { path: '/account', ready: (page) => expect(page.locator('main#main [data-account-user]')).toBeVisible() },
  { path: '/account/profile', ready: (page) => expect(page.locator('main#main form.profile-form')).toBeVisible() },
  { path: '/account/password', ready: (page) => expect(page.locator('main#main form.password-form')).toBeVisible() },
  { path: '/account/vip', ready: (page) => expect(page.locator('main#main .vip-group').first()).toBeVisible() },
];

for (const width of [360, 1280]) {
  for (const lang of ['zh-CN', 'en']) {
    test(`axe: the account pages at ${width} px in ${lang}${width > 360 ? ' @desktop' : ''}`, async ({ page, controls }) => {
      test.setTimeout(60_000);
      await page.setViewportSize({ width, height: 800 });
      await signInDemo(page, controls, lang);
      for (const r of AXE_ROUTES) {
        await page.goto(r.path);
        await r.ready(page);
        await page.waitForLoadState('networkidle');
        const results = await new AxeBuilder({ page }).analyze();
        expect(describeViolations(results.violations), `axe violations on ${r.path}`).toEqual([]);
      }
      // The signed-out pages: sign-in with the forgot-password form open, and the reset page.
      await page.locator('nav.account-nav button.account-nav__sign-out').click();
      await expect(page.locator('header .account--anonymous')).toBeVisible();
      await page.goto('/login');
      await page.locator('main#main details.forgot summary').click();
      await expect(page.locator('main#main details.forgot input[name=email]')).toBeVisible();
      await page.waitForLoadState('networkidle');
      let results = await new AxeBuilder({ page }).analyze();
      expect(describeViolations(results.violations), 'axe violations on /login with the reset request').toEqual([]);
      await page.goto('/account/password/reset?email=a%40example.com&token=t&code=c');
      await expect(page.locator('main#main form.reset-form')).toBeVisible();
      await page.waitForLoadState('networkidle');
      results = await new AxeBuilder({ page }).analyze();
      expect(describeViolations(results.violations), 'axe violations on the reset page').toEqual([]);
    });
  }
}

