// @ts-check
// The demo server's `/__test/*` controls (only mounted with --test-controls), see
// demo-server/src/routes/test_controls.rs and demo-server/src/faults.rs.

/** Every failure the server can inject (FaultKind in demo-server/src/faults.rs). */
const FAULT_KINDS = /** @type {const} */ (['html500', 'text429', 'timeout', 'malformed', 'code-1', 'code1001', 'null-data']);

class TestControls {
  /**
   * @param {import('@playwright/test').APIRequestContext} request a context whose baseURL is the server
   * @param {string} baseURL
   */
  constructor(request, baseURL) {
    this.request = request;
    this.baseURL = baseURL;
  }

  async post(path, data) {
    const response = await this.request.post(path, { data: data === undefined ? {} : data });
    if (!response.ok()) {
      throw new Error(`${this.baseURL}${path} answered ${response.status()}: ${await response.text()}`);
    }
    return response.json();
  }

  /** Clears every fault, re-opens the content API and switches the hostile state off. */
  async reset() {
    await this.post('/__test/reset');
  }

  /**
   * Makes every request to exactly `path` fail in the way `kind` says, until reset.
   * @param {string} path e.g. /api/archive/list
   * @param {typeof FAULT_KINDS[number]} kind
   * @param {number} [delayMs] for `timeout`: how long the server sleeps before answering
   */
  async fault(path, kind, delayMs) {
    /** @type {Record<string, unknown>} */
    const body = { path, kind };
    if (delayMs !== undefined) body.delay_ms = delayMs;
    await this.post('/__test/fault', body);
  }

  /** Switches the content API on or off (off: every content route answers code -1). */
  async apiOpen(open) {
    await this.post('/__test/api-open', { open });
  }

  /**
   * Switches the hostile seed on or off (`POST /__test/hostile`): nav items, banners, friend
   * links, settings, an archive, a category and a tag carry script-like text and markup, on
   * both sites (demo-server/src/seed/hostile.rs). `reset` (run after every test) switches
   * it off again.
   */
  async hostile(on) {
    await this.post('/__test/hostile', { on });
  }

  /**
   * A valid token for `userName` that expires in `expiresIn` seconds (main site, or `siteId`).
   * @returns {Promise<string>}
   */
  async token(userName, expiresIn, siteId) {
    /** @type {Record<string, unknown>} */
    const req = { user_name: userName, expires_in: expiresIn };
    if (siteId !== undefined) req.site_id = siteId;
    const body = await this.post('/__test/token', req);
    if (typeof body.token !== 'string' || !body.token) throw new Error(`no token in ${JSON.stringify(body)}`);
    return body.token;
  }

  /** GET a JSON API route directly (for cross-checking what the page shows). */
  async api(path, params = {}) {
    const response = await this.request.get(path, { params });
    if (!response.ok()) throw new Error(`${path} answered ${response.status()}`);
    const body = await response.json();
    if (body.code !== 0) throw new Error(`${path} answered code ${body.code}: ${body.msg}`);
    return body;
  }

  /**
   * One page of `/api/archive/list` as the shop asks for it (newest first, 12 a page):
   * the total and the url_tokens, to compare with what a listing shows.
   */
  async listing(params) {
    const body = await this.api('/api/archive/list', { type: 'page', limit: 12, order: 'created_time desc,id desc', ...params });
    return { total: Number(body.total), slugs: (body.data || []).map((a) => String(a.url_token)) };
  }

  /**
   * Every page of `/api/archive/list` as the shop asks for it, concatenated: the total and
   * all url_tokens in the shop's order.
   */
  async listingAll(params) {
    const first = await this.listing({ ...params, page: 1 });
    const slugs = [...first.slugs];
    for (let page = 2; slugs.length < first.total; page++) {
      const next = await this.listing({ ...params, page });
      if (next.slugs.length === 0) throw new Error(`page ${page} of ${JSON.stringify(params)} is empty before the total ${first.total}`);
      slugs.push(...next.slugs);
    }
    return { total: first.total, slugs };
  }

  /**
   * GET a JSON API route as a signed-in shopper (the `token` header), returning the whole
   * envelope whatever its code.
   */
  async apiWithToken(path, token, params = {}) {
    const response = await this.request.get(path, { params, headers: { token } });
    if (!response.ok()) throw new Error(`${path} answered ${response.status()}`);
    return response.json();
  }

  /** The custom-field values of an archive (`/api/archive/params?filename=`), as {field_name: value}. */
  async archiveFields(urlToken) {
    const body = await this.api('/api/archive/params', { filename: urlToken, sorted: 'false' });
    /** @type {Record<string, string>} */
    const out = {};
    for (const [name, field] of Object.entries(body.data || {})) out[name] = String(/** @type {any} */ (field).value);
    return out;
  }
}

module.exports = { TestControls, FAULT_KINDS };
