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

module.exports = { storefrontUrl, ossUrl };
