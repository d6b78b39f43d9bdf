// @ts-check
// The demo server's seeded content, read from its source (demo-server/src/seed/data.rs)
// so that tests assert on what the server really holds instead of copied values.
//
// Facts that demo-server/src/seed/mod.rs derives from that data, and that tests rely on:
// * archives are inserted interleaved (article i, product i, …) with ids and creation dates
//   increasing in that order, so "newest first" is the reverse of the lists below;
// * products with index n % 3 == 0 carry the "c" (recommended) flag;
// * tag "handmade" is given to products whose slug contains one of HANDMADE_WORDS;
// * the password of password-protected archives is `anqi2026`;
// * the hostile-HTML block is appended to the XSS archives, the `kitchen` category and the
//   `about` page.
// Colour and size of each product are pseudo-random there, so tests read them back from the
// API (`/api/archive/params`) rather than predicting them.
const fs = require('fs');
const path = require('path');

const DATA_RS = path.resolve(__dirname, '../../demo-server/src/seed/data.rs');

function load() {
  let source;
  try {
    source = fs.readFileSync(DATA_RS, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the demo server's seed at ${DATA_RS}: ${err}`);
  }
  let consts;
  try {
    consts = parseConsts(source, ['CATEGORIES', 'PRODUCTS', 'ARTICLES', 'TAGS', 'COLORS', 'SIZES']);
  } catch (err) {
    throw new Error(`could not read the seed in ${DATA_RS}: ${err}`);
  }

  const products = consts.PRODUCTS.map((/** @type {any} */ m) => {
    const a = m.args;
    return {
      slug: a[0],
      category: a[1],
      zh: a[2],
      en: a[3],
      price: a[4],
      special: specialOf(a[9]),
    };
  });
  const articles = consts.ARTICLES.map((/** @type {any} */ m) => {
    const a = m.args;
    return { slug: a[0], category: a[1], zh: a[2], en: a[3], special: specialOf(a[4]) };
  });
  const categories = consts.CATEGORIES.map((/** @type {any} */ c) => ({
    id: c.fields.id,
    parentId: c.fields.parent_id,
    moduleId: c.fields.module_id,
    kind: c.fields.kind,
    slug: c.fields.slug,
    zh: c.fields.title[0],
    en: c.fields.title[1],
    descZh: c.fields.description[0],
    descEn: c.fields.description[1],
  }));
  const tags = consts.TAGS.map((/** @type {any} */ t) => ({ slug: t[0], zh: t[1][0], en: t[1][1] }));
  const colors = { zh: consts.COLORS[0], en: consts.COLORS[1] };
  const sizes = consts.SIZES;

  const problems = [];
  if (products.length < 40 || products.some((p) => typeof p.price !== 'number')) problems.push(`${products.length} products`);
  if (articles.length < 40) problems.push(`${articles.length} articles`);
  if (categories.length < 10 || categories.some((c) => typeof c.slug !== 'string')) problems.push(`${categories.length} categories`);
  if (tags.length < 10) problems.push(`${tags.length} tags`);
  if (!Array.isArray(colors.zh) || colors.zh.length < 2 || !Array.isArray(sizes)) problems.push('no colours/sizes');
  if (problems.length) {
    throw new Error(`could not read the seed in ${DATA_RS} (found ${problems.join(', ')}); has its format changed?`);
  }
  return { products, articles, categories, tags, colors, sizes };
}

// A tiny reader for the Rust literals data.rs is made of (strings, numbers, tuples, slices,
// struct literals, macro calls and paths), independent of how rustfmt lays them out.
function tokenize(source) {
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (source.startsWith('/*', i)) {
      i = source.indexOf('*/', i + 2) + 2;
      if (i < 2) break;
    } else if (c === 'r' && /^r#*"/.test(source.slice(i, i + 10))) {
      const hashes = /^r(#*)"/.exec(source.slice(i, i + 10))[1];
      const close = `"${hashes}`;
      const start = i + 2 + hashes.length;
      const end = source.indexOf(close, start);
      tokens.push({ t: 'str', v: source.slice(start, end) });
      i = end + close.length;
    } else if (c === '"') {
      let j = i + 1;
      let v = '';
      while (source[j] !== '"') {
        if (source[j] === '\\') {
          const e = source[j + 1];
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else {
          v += source[j++];
        }
      }
      tokens.push({ t: 'str', v });
      i = j + 1;
    } else if (c === "'" && /^'[a-z_]+\b(?!')/.test(source.slice(i, i + 20))) {
      // A lifetime such as 'static.
      const m = /^'[a-z_]+/.exec(source.slice(i));
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9_]*/.exec(source.slice(i));
      tokens.push({ t: 'num', v: Number(m[0].replace(/_/g, '')) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
      tokens.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else if (source.startsWith('::', i)) {
      tokens.push({ t: 'p', v: '::' });
      i += 2;
    } else {
      tokens.push({ t: 'p', v: c });
      i++;
    }
  }
  return tokens;
}

function parseConsts(source, names) {
  const tokens = tokenize(source);
  /** @type {Record<string, any>} */
  const out = {};
  for (const name of names) {
    const at = tokens.findIndex((tok, k) => tok.t === 'id' && tok.v === name && tokens[k - 1] && tokens[k - 1].v === 'const');
    if (at < 0) throw new Error(`no const ${name}`);
    let k = at;
    while (k < tokens.length && tokens[k].v !== '=') k++;
    out[name] = parseValue(tokens, { i: k + 1 });
  }
  return out;
}

function expect(tokens, pos, v) {
  if (!tokens[pos.i] || tokens[pos.i].v !== v) {
    throw new Error(`expected "${v}" at token ${pos.i}, found ${JSON.stringify(tokens[pos.i])}`);
  }
  pos.i++;
}

function parseList(tokens, pos, close) {
  const items = [];
  while (tokens[pos.i].v !== close) {
    items.push(parseValue(tokens, pos));
    if (tokens[pos.i].v === ',') pos.i++;
  }
  pos.i++;
  return items;
}

function parseValue(tokens, pos) {
  const tok = tokens[pos.i];
  if (!tok) throw new Error('unexpected end of file');
  if (tok.v === '&') {
    pos.i++;
    return parseValue(tokens, pos);
  }
  if (tok.t === 'str' || tok.t === 'num') {
    pos.i++;
    return tok.v;
  }
  if (tok.v === '-' && tokens[pos.i + 1].t === 'num') {
    pos.i += 2;
    return -tokens[pos.i - 1].v;
  }
  if (tok.v === '(') {
    pos.i++;
    return parseList(tokens, pos, ')');
  }
  if (tok.v === '[') {
    pos.i++;
    return parseList(tokens, pos, ']');
  }
  if (tok.t === 'id') {
    let name = tok.v;
    pos.i++;
    while (tokens[pos.i].v === '::' && tokens[pos.i + 1].t === 'id') {
      name += `::${tokens[pos.i + 1].v}`;
      pos.i += 2;
    }
    if (tokens[pos.i].v === '!' && tokens[pos.i + 1].v === '(') {
      pos.i += 2;
      return { macro: name, args: parseList(tokens, pos, ')') };
    }
    if (tokens[pos.i].v === '(') {
      pos.i++;
      return { path: name, args: parseList(tokens, pos, ')') };
    }
    if (tokens[pos.i].v === '{') {
      pos.i++;
      /** @type {Record<string, any>} */
      const fields = {};
      while (tokens[pos.i].v !== '}') {
        const key = tokens[pos.i].v;
        pos.i++;
        expect(tokens, pos, ':');
        fields[key] = parseValue(tokens, pos);
        if (tokens[pos.i].v === ',') pos.i++;
      }
      pos.i++;
      return { type: name, fields };
    }
    return { path: name };
  }
  throw new Error(`unexpected token ${JSON.stringify(tok)} at ${pos.i}`);
}

function specialOf(value) {
  if (!value || !value.path) return 'None';
  const name = value.path.replace(/^Special::/, '');
  if (name === 'N') return 'None';
  return value.args ? `${name}(${value.args.join(',')})` : name;
}

const seed = load();

/** Category by slug (throws on an unknown slug, so a renamed seed fails loudly). */
function category(slug) {
  const found = seed.categories.find((c) => c.slug === slug);
  if (!found) throw new Error(`no seeded category "${slug}"`);
  return found;
}

/** A category's id and the ids of all its descendants. */
function categoryTree(slug) {
  const root = category(slug);
  const ids = [root.id];
  for (let i = 0; i < ids.length; i++) {
    for (const c of seed.categories) if (c.parentId === ids[i]) ids.push(c.id);
  }
  return ids.map((id) => /** @type {any} */ (seed.categories.find((c) => c.id === id)).slug);
}

function product(slug) {
  const found = seed.products.find((p) => p.slug === slug);
  if (!found) throw new Error(`no seeded product "${slug}"`);
  return found;
}

function article(slug) {
  const found = seed.articles.find((a) => a.slug === slug);
  if (!found) throw new Error(`no seeded article "${slug}"`);
  return found;
}

/** Products (in seed order) whose category is `slug` or below it. */
function productsIn(slug) {
  const tree = categoryTree(slug);
  return seed.products.filter((p) => tree.includes(p.category));
}

function articlesIn(slug) {
  const tree = categoryTree(slug);
  return seed.articles.filter((a) => tree.includes(a.category));
}

/** Newest first, the storefront's default order. */
function newestFirst(list) {
  return [...list].reverse();
}

/** Products in the home page's "recommended" shelf (flag c), newest first. */
function recommendedProducts() {
  return newestFirst(seed.products.filter((_, n) => n % 3 === 0));
}

const HANDMADE_WORDS = ['yixing', 'ceramic', 'leather', 'qipao', 'teapot', 'cashmere'];

/** Products tagged "handmade" (articles never are). */
function handmadeProducts() {
  return seed.products.filter((p) => HANDMADE_WORDS.some((w) => p.slug.includes(w)));
}

/** `¥1,299.00` (zh-CN) / `CN¥1,299.00` (en) for an amount in cents, as the app shows it. */
function formatPrice(cents, lang = 'zh') {
  const whole = Math.floor(cents / 100).toLocaleString('en-US');
  const fraction = String(cents % 100).padStart(2, '0');
  return `${lang === 'en' ? 'CN¥' : '¥'}${whole}.${fraction}`;
}

/**
 * The headline price a product page shows before a SKU is chosen: on a server with SKUs the
 * range over the buyable SKUs (all SKUs when none is in stock), else the archive price. Read
 * from the server through `controls`, since SKU prices are the server's.
 */
async function shownPrice(controls, product, lang = 'zh') {
  let info = null;
  try {
    info = (await controls.api('/api/archive/sku', { filename: product.slug })).data;
  } catch (err) {
    // The open-source edition has no SKU route: the archive price is the price.
    if (!/answered 404/.test(String(err))) throw err;
  }
  const skus = (info && info.options && info.options.length && info.skus) || [];
  if (!skus.length) return formatPrice(product.price, lang);
  const buyable = skus.filter((s) => s.stock > 0);
  const prices = (buyable.length ? buyable : skus).map((s) => s.price);
  const [low, high] = [Math.min(...prices), Math.max(...prices)];
  return low === high ? formatPrice(low, lang) : `${formatPrice(low, lang)}–${formatPrice(high, lang)}`;
}

/** Parses a shown price back to cents ("¥1,299.00" → 129900). */
function parsePrice(text) {
  const m = /([\d,]+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`not a price: "${text}"`);
  return Number(m[1].replace(/,/g, '')) * 100 + Number(m[2]);
}

const SITE_NAME = { zh: '安企优选', en: 'AnQi Select' };
const ARCHIVE_PASSWORD = 'anqi2026';
const USERS = {
  demo: { userName: 'demo', password: 'demo123456', realName: { zh: '演示用户', en: 'Demo User' }, level: 1 },
  vip: { userName: 'vip', password: 'vip123456', realName: { zh: 'VIP 用户', en: 'VIP User' }, level: 3 },
};

module.exports = {
  seed,
  category,
  categoryTree,
  product,
  article,
  productsIn,
  articlesIn,
  newestFirst,
  recommendedProducts,
  handmadeProducts,
  formatPrice,
  shownPrice,
  parsePrice,
  SITE_NAME,
  ARCHIVE_PASSWORD,
  USERS,
};
