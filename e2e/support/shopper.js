// @ts-check
// A shopper's steps shared by the commerce specs: a fresh account, its token, the server's
// view of its orders, and the address form.
const { expect } = require('@playwright/test');
const { ShopPage } = require('../pages/ShopPage');

function uniqueName(prefix) {
  // Letters only: 11 digits starting 1[3-9] would be looked up as a phone number.
  return `${prefix}${[...Array(10)].map(() => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
}

const SHOPPER_PASSWORD = 'buyer123456';

/** Registers a new shopper through the page and waits until the shop shows them signed in. */
async function registerThroughPage(page, base, next) {
  const name = uniqueName('buyer');
  await page.goto(`${base}/register?next=${encodeURIComponent(next)}`);
  const form = page.locator('main#main form.auth__form');
  await form.locator('input[name=user_name]').fill(name);
  await form.locator('input[name=contact]').fill(`${name}@example.com`);
  await form.locator('input[name=password]').fill(SHOPPER_PASSWORD);
  await form.locator('button[type=submit]').click();
  await expect(new ShopPage(page).accountName).toContainText(name);
  return name;
}

/** The shopper's token (`storefront.token:<site_id>`): the first one kept, or `site`'s. */
async function tokenOf(page, site) {
  return page.evaluate(
    (site) =>
      Object.entries(localStorage)
        .filter(([k]) => k.startsWith('storefront.token:') && (site === undefined || k === `storefront.token:${site}`))
        .map(([, v]) => v)[0] || '',
    site,
  );
}

/** The server's order, read with the shopper's own token. */
async function serverOrder(page, base, orderId) {
  const response = await page.request.get(`${base}/api/order/detail`, {
    params: { order_id: orderId },
    headers: { token: await tokenOf(page) },
  });
  const body = await response.json();
  expect(body.code, JSON.stringify(body)).toBe(0);
  return body.data;
}

async function orderCount(page, base) {
  const response = await page.request.get(`${base}/api/orders`, {
    params: { current: '1', pageSize: '1' },
    headers: { token: await tokenOf(page) },
  });
  return (await response.json()).total || 0;
}

const ADDRESS = { name: '李雷', phone: '13800138000', province: '浙江', city: '杭州', address_info: '西湖路 1 号' };
const ADDRESS_SUMMARY = '李雷 · 13800138000 · 浙江 杭州 西湖路 1 号';

/** Fills the address form (the first address of a new shopper); submits unless told not to. */
async function addAddress(page, { submit = true } = {}) {
  const form = page.locator('form.address-form');
  await expect(form).toBeVisible();
  for (const [field, value] of Object.entries(ADDRESS)) await form.locator(`input[name=${field}]`).fill(value);
  if (submit) await form.locator('button[type=submit]').click();
}

const orderIdFromUrl = (page) => decodeURIComponent(new URL(page.url()).pathname.split('/').pop() || '');

/** Places an order through the API as the shopper `token` (for tests about what comes after). */
async function placeOrderByApi(request, base, token, details) {
  const response = await request.post(`${base}/api/order/create`, {
    headers: { token },
    data: { type: 'goods', details, remark: '', address: { id: 0, ...ADDRESS } },
  });
  const body = await response.json();
  expect(body.code, JSON.stringify(body)).toBe(0);
  return String(body.data.order_id);
}

module.exports = {
  uniqueName,
  SHOPPER_PASSWORD,
  registerThroughPage,
  tokenOf,
  serverOrder,
  orderCount,
  ADDRESS,
  ADDRESS_SUMMARY,
  addAddress,
  orderIdFromUrl,
  placeOrderByApi,
};
