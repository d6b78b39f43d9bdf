// @ts-check
// The app's runtime config (dist/config.json), as a site owner would edit it.

/**
 * Serves config.json with a shorter `request_timeout_ms` (a legitimate site-owner setting),
 * so timeout faults surface quickly.
 * @param {import('@playwright/test').Page} page
 */
async function shortenRequestTimeout(page, ms) {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.request_timeout_ms = ms;
    await route.fulfill({ response, json });
  });
}

module.exports = { shortenRequestTimeout };
