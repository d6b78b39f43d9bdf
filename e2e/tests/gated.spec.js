// @ts-check
// Password-protected and member-only content.
const { test, expect } = require('../support/fixtures');
const { DetailPage } = require('../pages/DetailPage');
const { LoginPage } = require('../pages/LoginPage');
const seed = require('../support/seed');

const locked = seed.seed.articles.find((a) => a.special === 'Password');
const lockedProduct = seed.seed.products.find((p) => p.special === 'Password');
const level1 = seed.seed.articles.find((a) => a.special === 'ReadLevel(1)');
const level3 = seed.seed.articles.find((a) => a.special === 'ReadLevel(3)');

test('a password-protected article unlocks with the right password only', async ({ page }) => {
  if (!locked) throw new Error('the seed has no password-protected article');
  const detail = new DetailPage(page);
  await detail.open(`/article/${locked.slug}`);
  await expect(detail.title).toHaveText(locked.zh);
  await expect(detail.gate).toContainText('此内容受密码保护。');
  await expect(detail.prose).toHaveCount(0);

  await detail.unlock('wrong-one');
  await expect(detail.gateError).toHaveText('密码不正确。');
  await expect(detail.prose).toHaveCount(0);

  await detail.unlock(seed.ARCHIVE_PASSWORD);
  await expect(detail.gate).toHaveCount(0);
  // The company-news body (seed/data.rs, article_text).
  await expect(detail.prose).toContainText('发生了什么');
});

test('a password-protected product unlocks too', async ({ page }) => {
  if (!lockedProduct) throw new Error('the seed has no password-protected product');
  const detail = new DetailPage(page);
  await detail.open(`/product/${lockedProduct.slug}`);
  await expect(detail.title).toHaveText(lockedProduct.zh);
  await expect(detail.price).toHaveText(seed.formatPrice(lockedProduct.price));
  // Locked: the gate instead of the body, and nothing of the body on the page.
  await expect(detail.gate).toContainText('此内容受密码保护。');
  await expect(detail.prose).toHaveCount(0);
  await expect(detail.main).not.toContainText('产品亮点');

  // A wrong password is refused and the body stays hidden.
  await detail.unlock('not-the-password');
  await expect(detail.gateError).toHaveText('密码不正确。');
  await expect(detail.prose).toHaveCount(0);
  await expect(detail.main).not.toContainText('产品亮点');

  await detail.unlock(seed.ARCHIVE_PASSWORD);
  await expect(detail.gate).toHaveCount(0);
  await expect(detail.prose).toContainText('产品亮点');
});

test('a member-only article shows the level notice to visitors and to lower levels', async ({ page }) => {
  if (!level1 || !level3) throw new Error('the seed has no level-gated articles');
  const detail = new DetailPage(page);
  await detail.open(`/article/${level1.slug}`);
  await expect(detail.title).toHaveText(level1.zh);
  await expect(detail.levelNotice).toContainText('此内容需要 1 级及以上会员才能阅读。');
  await expect(detail.levelNotice.getByRole('link', { name: '登录后阅读' })).toBeVisible();
  await expect(detail.prose).toHaveCount(0);

  // A level-1 member reads level-1 content but not level-3 content.
  const login = new LoginPage(page);
  await login.open();
  await login.signIn(seed.USERS.demo.userName, seed.USERS.demo.password);
  await expect(login.accountName).toBeVisible();
  await detail.open(`/article/${level1.slug}`);
  await expect(detail.prose).toContainText('挑选要点');
  await expect(detail.levelNotice).toHaveCount(0);
  await detail.open(`/article/${level3.slug}`);
  await expect(detail.levelNotice).toContainText('此内容需要 3 级及以上会员才能阅读。');
  await expect(detail.levelNotice.getByRole('link', { name: '登录后阅读' })).toHaveCount(0);
});
