// @ts-check
// The two demo servers the suite runs against. `cargo xtask test --layer e2e` sets both.

function required(name, hint) {
  const value = (process.env[name] || '').trim();
  if (!value) {
    throw new Error(
      `${name} is not set. ${hint}\n` +
        'Run the suite with `cargo xtask test --layer e2e`, or start the demo servers yourself:\n' +
        '  target/debug/demo-server --port 0 --dist dist --data-dir $(mktemp -d) --test-controls\n' +
        '  target/debug/demo-server --port 0 --dist dist --data-dir $(mktemp -d) --test-controls --edition open-source\n' +
        'and export STOREFRONT_URL / STOREFRONT_OSS_URL with the printed addresses.',
    );
  }
  return value.replace(/\/+$/, '');
}

/** The documented-edition server (Playwright's baseURL). */
function storefrontUrl() {
  return required('STOREFRONT_URL', 'It must point at a demo server started with --test-controls.');
}

/** The open-source-edition server. */
function ossUrl() {
  return required('STOREFRONT_OSS_URL', 'It must point at a demo server started with --edition open-source --test-controls.');
}

/**
 * The path the shop is deployed under, from STOREFRONT_URL: "" at the origin root (the demo
 * servers), "/shop" when `cargo xtask test --layer deploy` runs the smoke tests through nginx
 * against a `--public-url /shop/` build. The test controls and /api stay at the origin root.
 */
function basePath() {
  return new URL(storefrontUrl()).pathname.replace(/\/+$/, '');
}

/**
 * A shop route ("/products?page=2") as an address under the deploy's base path
 * ("/shop/products?page=2"); absolute URLs (another server's) are left alone.
 * @param {string} path
 */
function appPath(path) {
  return path.startsWith('/') && !path.startsWith('//') ? `${basePath()}${path}` : path;
}

/**
 * The shop route of an address path: the base path taken off. A path outside the base path
 * is returned whole, so a check against the route fails on it.
 * @param {string} pathname
 */
function routePath(pathname) {
  const base = basePath();
  if (!base) return pathname;
  if (pathname === base) return '/';
  return pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : pathname;
}

/**
 * The home page's address as a pattern: `/` at the root; under a base path the router's
 * home, `/shop` or `/shop/` (leptos_router drops the trailing slash when it navigates to `/`).
 */
function homeUrl() {
  const base = basePath();
  if (!base) return /\/$/;
  return new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?$`);
}

module.exports = { storefrontUrl, ossUrl, basePath, appPath, routePath, homeUrl };
