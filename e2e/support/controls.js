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

  /** Clears every fault and re-opens the content API. */
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
   * A valid token for `userName` that expires in `expiresIn` seconds (main site).
   * @returns {Promise<string>}
   */
  async token(userName, expiresIn) {
    const body = await this.post('/__test/token', { user_name: userName, expires_in: expiresIn });
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
