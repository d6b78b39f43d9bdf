// @ts-check
// The SKU picker and the cart, on both editions: what the shopper sees, checked against what
// the demo server holds (its SKU route, its cart, the browser's storage).
const { test, expect } = require('../support/fixtures');
const { DetailPage } = require('../pages/DetailPage');
const { ShopPage } = require('../pages/ShopPage');
const { LoginPage } = require('../pages/LoginPage');
const seed = require('../support/seed');
const { appPath } = require('../support/env');

const SHOES = seed.product('trail-running-shoes');
const SWEATER = seed.product('merino-wool-sweater');
const GLOVES = seed.product('fingerless-cycling-gloves');
const JACKET = seed.product('lightweight-down-jacket');
const TENT = seed.product('ultralight-tent-2p');

/** `/api/archive/sku` of a product: groups as {title, values:[{id,title}]} and SKUs. */
async function skuInfo(controls, product) {
  return (await controls.api('/api/archive/sku', { filename: product.slug })).data;
}

/** The value titles of a SKU, in group order. */
function valuesOf(info, sku) {
  return info.options.map((o) => {
    const v = o.values.find((val) => sku.option_ids.includes(val.id));
    return { group: o.title, value: v.title };
  });
}

async function choose(detail, info, sku) {
  for (const { group, value } of valuesOf(info, sku)) await detail.skuValue(group, value).click();
}

test.describe('SKU picker (documented edition)', () => {
  test('out-of-stock values are disabled, incompatible ones clear the rest, and price, URL and JSON-LD follow the SKU @smoke', async ({
    page,
    controls,
  }) => {
    const info = await skuInfo(controls, SHOES);
    expect(info.options).toHaveLength(3);
    const [colour, size, width] = info.options;
    const detail = new DetailPage(page);
    await detail.open(`/product/${SHOES.slug}`);
    await expect(detail.skuGroups).toHaveCount(3);
    await expect(detail.price).toHaveText(await seed.shownPrice(controls, SHOES));
    await expect(detail.addButton).toHaveText(`请选择${colour.title}`);

    // The seed's sold-out combination: first colour, second size, first width.
    const soldOut = info.skus.find(
      (s) => s.option_ids.join() === [colour.values[0].id, size.values[1].id, width.values[0].id].join(),
    );
    expect(soldOut.stock).toBe(0);
    await detail.skuValue(colour.title, colour.values[0].title).click();
    await detail.skuValue(size.title, size.values[1].title).click();
    await expect(detail.addButton).toHaveText(`请选择${width.title}`);
    const incompatible = detail.skuValue(width.title, width.values[0].title);
    await expect(incompatible).toHaveClass(/sku-value--incompatible/);
    await expect(incompatible).toBeEnabled();
    // Clicking it keeps it and clears the other groups; the URL names no SKU.
    await incompatible.click();
    await expect(incompatible).toHaveAttribute('aria-pressed', 'true');
    await expect(detail.skuValue(colour.title, colour.values[0].title)).toHaveAttribute('aria-pressed', 'false');
    await expect(detail.skuValue(size.title, size.values[1].title)).toHaveAttribute('aria-pressed', 'false');
    expect(detail.searchParams().get('sku')).toBeNull();

    // A complete, in-stock selection: its price, stock, the URL and the JSON-LD.
    await detail.open(`/product/${SHOES.slug}`);
    const wanted = info.skus.find((s) => s.stock > 5 && s.price !== info.min_price) || info.skus.find((s) => s.stock > 5);
    await choose(detail, info, wanted);
    await expect(page).toHaveURL(new RegExp(`[?&]sku=${wanted.id}$`));
    await expect(detail.price).toHaveText(seed.formatPrice(wanted.price));
    await expect(detail.stock).toHaveText(`库存 ${wanted.stock} 件`);
    await expect(detail.addButton).toHaveText('加入购物车');
    await expect.poll(async () => (await detail.product()).sku).toBe(String(wanted.id));
    const product = await detail.product();
    expect(product['@type']).toBe('Product');
    expect(product.name).toBe(SHOES.zh);
    expect(product.offers).toMatchObject({ '@type': 'Offer', priceCurrency: 'CNY', availability: 'https://schema.org/InStock' });
    expect(Math.round(Number(product.offers.price) * 100)).toBe(wanted.price);
  });

  test('a product with every SKU sold out disables every value and the button', async ({ page, controls }) => {
    const info = await skuInfo(controls, GLOVES);
    expect(info.skus.every((s) => s.stock === 0)).toBe(true);
    const detail = new DetailPage(page);
    await detail.open(`/product/${GLOVES.slug}`);
    const values = detail.main.locator('button.sku-value');
    await expect(values).toHaveCount(info.options.reduce((n, o) => n + o.values.length, 0));
    for (const value of await values.all()) await expect(value).toBeDisabled();
    await expect(detail.addButton).toBeDisabled();
    await expect(detail.addButton).toHaveText('已售罄');
    await expect.poll(async () => (await detail.product()).offers.availability).toBe('https://schema.org/OutOfStock');
  });

  test('deep links: a SKU, a sold-out SKU and a SKU that does not exist', async ({ page, controls }) => {
    const info = await skuInfo(controls, SHOES);
    const detail = new DetailPage(page);
    const inStock = info.skus.find((s) => s.stock > 0);
    await detail.open(`/product/${SHOES.slug}?sku=${inStock.id}`);
    for (const { group, value } of valuesOf(info, inStock)) {
      await expect(detail.skuValue(group, value)).toHaveAttribute('aria-pressed', 'true');
    }
    await expect(detail.price).toHaveText(seed.formatPrice(inStock.price));
    await expect(detail.addButton).toBeEnabled();

    const soldOut = info.skus.find((s) => s.stock === 0);
    await detail.open(`/product/${SHOES.slug}?sku=${soldOut.id}`);
    for (const { group, value } of valuesOf(info, soldOut)) {
      await expect(detail.skuValue(group, value)).toHaveAttribute('aria-pressed', 'true');
    }
    await expect(detail.stock).toHaveText('已售罄');
    await expect(detail.addButton).toBeDisabled();

    await detail.open(`/product/${SHOES.slug}?sku=99999999`);
    await expect(detail.linkProblem).toHaveText('链接中的规格已不再销售，请在下方重新选择。');
    await expect(detail.main.locator('button.sku-value[aria-pressed=true]')).toHaveCount(0);
    // The page still sells: choosing a SKU clears the problem.
    await choose(detail, info, inStock);
    await expect(detail.linkProblem).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`[?&]sku=${inStock.id}$`));
  });

  test('the quantity stepper stops at the stock, and the cart line too', async ({ page, controls }) => {
    const info = await skuInfo(controls, JACKET);
    expect(info.skus.length).toBe(1000);
    const sku = info.skus[17];
    await controls.post('/__test/stock', { archive_id: info.id, sku_id: sku.id, stock: 2 });
    const detail = new DetailPage(page);
    await detail.open(`/product/${JACKET.slug}?sku=${sku.id}`);
    await expect(detail.stock).toHaveText('仅剩 2 件');
    await detail.more.click();
    await expect(detail.quantity).toHaveText('2');
    await expect(detail.more).toBeDisabled();
    await detail.addButton.click();
    await expect(detail.drawer).toBeVisible();
    const line = detail.drawerLines.first();
    await expect(line.locator('.stepper__value')).toHaveText('2');
    await expect(line.locator('.stepper__button').last()).toBeDisabled();
  });
});

test.describe('cart (documented edition: the server cart)', () => {
  test('a guest adds two products; the drawer opens, the badge counts, and the cart survives a reload @smoke', async ({
    page,
    controls,
  }) => {
    const shoes = await skuInfo(controls, SHOES);
    const sweater = await skuInfo(controls, SWEATER);
    const shoe = shoes.skus.find((s) => s.stock > 3);
    const knit = sweater.skus.find((s) => s.stock > 3);
    const detail = new DetailPage(page);
    await detail.open(`/product/${SHOES.slug}?sku=${shoe.id}`);
    await detail.addButton.click();
    await expect(detail.drawer).toBeVisible();
    await expect(detail.drawerLines).toHaveCount(1);
    await detail.drawerClose.click();
    await expect(detail.drawer).toBeHidden();

    await detail.open(`/product/${SWEATER.slug}?sku=${knit.id}`);
    await detail.more.click();
    await detail.addButton.click();
    await expect(detail.drawerLines).toHaveCount(2);
    await expect(detail.cartButton).toHaveAttribute('aria-label', '购物车，3 件商品');
    await expect(detail.cartBadge).toHaveText('3');
    // Every line settles with its server record (no busy line left).
    await expect(detail.drawer.locator('li.cart-line[aria-busy=true]')).toHaveCount(0);

    await page.goto(appPath('/cart'));
    const shop = new ShopPage(page);
    await expect(shop.pageTitle).toHaveText('购物车');
    const variant = (info, sku) => valuesOf(info, sku).map((v) => v.value).join(' / ');
    await expect.poll(() => shop.cartLines(shop.main)).toEqual([
      { title: SHOES.zh, variant: variant(shoes, shoe), quantity: 1, amount: seed.formatPrice(shoe.price) },
      { title: SWEATER.zh, variant: variant(sweater, knit), quantity: 2, amount: seed.formatPrice(knit.price * 2) },
    ]);
    await expect(shop.main.locator('.cart-summary__total')).toHaveText(seed.formatPrice(shoe.price + knit.price * 2));

    // A quantity change and a removal are the server's, after a reload too.
    const first = shop.main.locator('li.cart-line').first();
    await first.locator('.stepper__button').last().click();
    await expect(first.locator('.stepper__value')).toHaveText('2');
    await expect(shop.main.locator('li.cart-line[aria-busy=true]')).toHaveCount(0);
    await shop.main.locator('li.cart-line').nth(1).locator('.cart-line__remove').click();
    await expect(shop.main.locator('li.cart-line')).toHaveCount(1);
    await expect(shop.main.locator('li.cart-line[aria-busy=true]')).toHaveCount(0);
    await page.reload();
    await expect.poll(() => shop.cartLines(shop.main)).toEqual([
      { title: SHOES.zh, variant: variant(shoes, shoe), quantity: 2, amount: seed.formatPrice(shoe.price * 2) },
    ]);
    await expect(shop.cartBadge).toHaveText('2');
  });

  test("on sign-in the guest's lines are merged into the shopper's cart", async ({ page, controls, baseURL }) => {
    // Letters only: a name with 11 digits starting 1[3-9] would be looked up as a phone number.
    const userName = `merge${[...Array(10)].map(() => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
    const registered = await page.request.post(`${baseURL}/api/register`, {
      data: { user_name: userName, password: 'merge123456', email: `${userName}@example.com` },
    });
    expect((await registered.json()).code).toBe(0);
    // The new account already has a line of its own.
    const shoes = await skuInfo(controls, SHOES);
    const own = shoes.skus.filter((s) => s.stock > 3)[1];
    const guestLine = shoes.skus.filter((s) => s.stock > 3)[0];
    const signIn = await page.request.post(`${baseURL}/api/login`, { data: { user_name: userName, password: 'merge123456' } });
    const token = (await signIn.json()).data.token;
    const added = await page.request.post(`${baseURL}/api/cart/add`, {
      headers: { token },
      data: { archive_id: shoes.id, sku_id: own.id, quantity: 1 },
    });
    expect((await added.json()).code).toBe(0);
    await page.context().clearCookies();

    const detail = new DetailPage(page);
    await detail.open(`/product/${SHOES.slug}?sku=${guestLine.id}`);
    await detail.addButton.click();
    await expect(detail.drawerLines).toHaveCount(1);
    await expect(detail.drawer.locator('li.cart-line[aria-busy=true]')).toHaveCount(0);
    await detail.drawerClose.click();

    const login = new LoginPage(page);
    await login.goto('/login?next=%2Fcart');
    await login.signIn(userName, 'merge123456');
    await expect(page).toHaveURL(/\/cart$/);
    const shop = new ShopPage(page);
    await expect(shop.main.locator('li.cart-line')).toHaveCount(2);
    await expect(shop.cartBadge).toHaveText('2');
    // The guest token is gone: the lines now belong to the account, on the server.
    expect(await page.evaluate(() => localStorage.getItem('storefront.cart'))).toBeNull();
    const list = await page.request.get(`${baseURL}/api/cart/list`, { headers: { token } });
    const ids = ((await list.json()).data || []).map((l) => l.sku_id).sort();
    expect(ids).toEqual([own.id, guestLine.id].sort());
  });

  test('a guest with two SKUs of different products registers; the cart is merged and the next page is kept', async ({
    page,
    controls,
  }) => {
    const shoes = await skuInfo(controls, SHOES);
    const sweater = await skuInfo(controls, SWEATER);
    const shoe = shoes.skus.find((s) => s.stock > 3);
    const knit = sweater.skus.find((s) => s.stock > 3);
    const detail = new DetailPage(page);
    for (const [product, sku] of [[SHOES, shoe], [SWEATER, knit]]) {
      await detail.open(`/product/${product.slug}?sku=${sku.id}`);
      await detail.addButton.click();
      await expect(detail.drawer.locator('li.cart-line[aria-busy=true]')).toHaveCount(0);
      await detail.drawerClose.click();
    }
    await expect(detail.cartBadge).toHaveText('2');

    const login = new LoginPage(page);
    await login.goto('/login?next=%2Fcart');
    await login.main.locator('.auth__switch a').click();
    await expect(page).toHaveURL(/\/register\?next=%2Fcart$/);
    const userName = `reg${[...Array(10)].map(() => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
    const form = login.main.locator('form.auth__form');
    await form.locator('input[name=user_name]').fill(userName);
    await form.locator('input[name=contact]').fill(`${userName}@example.com`);
    await form.locator('input[name=password]').fill('register123');
    // A double click makes one account: the second submit waits for the first.
    await form.locator('button[type=submit]').dblclick();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(login.accountName).toContainText(userName);
    const shop = new ShopPage(page);
    await expect(shop.main.locator('li.cart-line')).toHaveCount(2);
    await expect(shop.cartBadge).toHaveText('2');
    expect(await page.evaluate(() => localStorage.getItem('storefront.cart'))).toBeNull();
    // The account's server cart holds both SKUs.
    const token = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('storefront.token'))?.[1]);
    const list = await page.request.get('/api/cart/list', { headers: { token: String(token) } });
    expect(((await list.json()).data || []).map((l) => l.sku_id).sort()).toEqual([shoe.id, knit.id].sort());
  });

  test('registration refused by the server shows its reason and keeps the form', async ({ page }) => {
    await page.goto('/register');
    const form = page.locator('main#main form.auth__form');
    await form.locator('input[name=user_name]').fill('demo');
    await form.locator('input[name=contact]').fill('someone-new@example.com');
    await form.locator('input[name=password]').fill('register123');
    await form.locator('button[type=submit]').click();
    await expect(form.locator('.notice--error')).toContainText('The user name is already registered');
    await expect(form.locator('input[name=user_name]')).toHaveValue('demo');
    await expect(page).toHaveURL(/\/register$/);
  });

  test('a failed add goes back, says so, and a second add works', async ({ page, controls }, testInfo) => {
    const info = await skuInfo(controls, SHOES);
    const sku = info.skus.find((s) => s.stock > 3);
    const detail = new DetailPage(page);
    await detail.open(`/product/${SHOES.slug}?sku=${sku.id}`);
    await expect(detail.addButton).toBeEnabled();
    await controls.fault('/api/cart/add', 'code-1');
    await detail.addButton.click();
    await expect(detail.cartNotice).toContainText(`${SHOES.zh} 未能更新，购物车已恢复原样。`);
    await expect(detail.cartNotice).toContainText('simulated failure');
    await expect(detail.drawerLines).toHaveCount(0);
    await expect(detail.cartBadge).toHaveText('0');
    await controls.reset();
    await detail.drawerClose.click();
    await detail.addButton.click();
    await expect(detail.drawerLines).toHaveCount(1);
    await expect(detail.drawer.locator('li.cart-line[aria-busy=true]')).toHaveCount(0);
    await expect(detail.cartNotice).toHaveCount(0);
    void testInfo;
  });
});

test.describe('cart (open-source edition: the local cart)', () => {
  test('a local cart: added, kept over a reload, changed, versioned in storage', async ({ page, oss }) => {
    const detail = new DetailPage(page);
    await detail.open(`${oss}/product/${TENT.slug}`);
    await expect(detail.skuGroups).toHaveCount(0);
    await expect(detail.price).toHaveText(seed.formatPrice(TENT.price));
    await detail.more.click();
    await detail.addButton.click();
    await expect(detail.drawerLines).toHaveCount(1);
    await expect(detail.cartBadge).toHaveText('2');
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('storefront.cart.local'))) || 'null');
    expect(stored.version).toBe(1);
    expect(stored.lines).toMatchObject([{ quantity: 2, unit_price: TENT.price, title: TENT.zh }]);

    await page.goto(`${oss}/cart`);
    const shop = new ShopPage(page);
    await expect.poll(() => shop.cartLines(shop.main)).toEqual([
      { title: TENT.zh, variant: '', quantity: 2, amount: seed.formatPrice(TENT.price * 2) },
    ]);
    await shop.main.locator('li.cart-line .stepper__button').first().click();
    await expect(shop.main.locator('li.cart-line .stepper__value')).toHaveText('1');
    await page.reload();
    await expect(shop.main.locator('li.cart-line .stepper__value')).toHaveText('1');
    await expect(shop.cartBadge).toHaveText('1');
  });

  test('storage that refuses the cart: the line stays for this visit, with a message', async ({ page, oss }) => {
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function guarded(key, value) {
        if (String(key).startsWith('storefront.cart')) throw new DOMException('full', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    });
    const detail = new DetailPage(page);
    await detail.open(`${oss}/product/${TENT.slug}`);
    await detail.addButton.click();
    await expect(detail.drawerLines).toHaveCount(1);
    await expect(detail.cartNotice).toContainText('此浏览器无法保存购物车，本次访问结束后将不再保留。');
    await expect(detail.cartBadge).toHaveText('1');
  });

  test('an unreadable stored cart is set aside, not misread, and the cart starts empty', async ({ page, oss }) => {
    await page.goto(`${oss}/`);
    await page.evaluate(() => localStorage.setItem('storefront.cart.local', '{"version":99,"lines":[{"archive_id":1}]}'));
    await page.goto(`${oss}/cart`);
    const shop = new ShopPage(page);
    await expect(shop.main.locator('.cart__empty')).toContainText('购物车是空的。');
    expect(await page.evaluate(() => localStorage.getItem('storefront.cart.local.unreadable'))).toContain('"version":99');
  });
});
