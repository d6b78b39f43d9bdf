// The shop's service worker: a repeat visit paints the shell, and the pages already seen,
// with no network; cached API data is revalidated; a new build takes over only at a
// navigation, never under a page that is running.
//
// Registered by early.js as `sw.js?v=<build id>` (the id is derived from the hashed file
// names in index.html), so every build is a new worker with its own cache, and the cache of
// a build is deleted only once no page of that build is left.
'use strict';

var VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
var CACHE = 'storefront-' + VERSION;
var SCOPE = new URL(self.registration.scope);
var INDEX = new URL('index.html', SCOPE).href;
var CONFIG = new URL('config.json', SCOPE).href;
// A navigation waits this long for the network before the cached shell answers.
var NAVIGATION_TIMEOUT_MS = 3000;
// trunk's file hash (`-<hex>` before the extension; wasm chunks are named alike): such a file never changes.
// The split build's link module is `__wasm_split.<hex>.js`.
var HASHED = /(-[0-9a-f]{8,}(_bg)?|\/__wasm_split\.[0-9a-f]{16,})\.(js|wasm|css)$/;
// API reads that are the same for every shopper. Anything else (the account, the cart,
// orders, coupons, favourites, captchas) is never cached, nor is any request that carries a
// `token` header: one shopper's answers must never be shown to another.
var PUBLIC_API = /\/api\/(languages|setting\/[a-z]+|module\/list|nav\/list|banner\/list|friendlink\/list|category\/(list|detail)|page\/(list|detail)|archive\/(list|detail|params|prev|next|filters|sku)|tag\/(list|detail)|tag\/data\/list|comment\/list|review\/(list|summary))$/;

// The files of this build: a manifest written by the build (`precache.json`, a JSON list of
// paths relative to index.html) when there is one, else every local file index.html links.
function shellFiles(indexText) {
  return fetch(new URL('precache.json', SCOPE).href, { cache: 'no-cache' })
    .then(function (response) {
      if (!response.ok) throw new Error('no manifest');
      return response.json();
    })
    .then(function (list) {
      if (!Array.isArray(list)) throw new Error('not a list');
      return list.map(String);
    })
    .catch(function () {
      var files = [];
      var pattern = /<(?:link|script)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']+)["']/gi;
      var match;
      while ((match = pattern.exec(indexText))) files.push(match[1]);
      return files;
    })
    .then(function (files) {
      return files
        .map(function (file) {
          try {
            return new URL(file, INDEX);
          } catch (e) {
            return null;
          }
        })
        .filter(function (url) {
          return url && url.origin === SCOPE.origin && url.pathname.indexOf(SCOPE.pathname) === 0;
        })
        .map(function (url) {
          return url.href;
        });
    });
}

self.addEventListener('install', function (event) {
  event.waitUntil(
    fetch(INDEX, { cache: 'no-cache' }).then(function (response) {
      if (!response.ok) throw new Error('index.html: HTTP ' + response.status);
      return response
        .clone()
        .text()
        .then(shellFiles)
        .then(function (files) {
          return caches.open(CACHE).then(function (cache) {
            // A file that cannot be fetched is cached on first use instead.
            return Promise.all(
              [CONFIG].concat(files).map(function (file) {
                return cache.add(new Request(file, { cache: 'no-cache' })).catch(function () {});
              }),
            ).then(function () {
              return cache.put(INDEX, response);
            });
          });
        });
    }),
  );
  // No skipWaiting here: a page of the previous build may still need that build's files.
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys
            .filter(function (key) {
              return key.indexOf('storefront-') === 0 && key !== CACHE;
            })
            .map(function (key) {
              return caches.delete(key);
            }),
        );
      })
      .then(function () {
        // The first worker takes the page that installed it, so what it reads from now on is
        // cached; a later worker activates only at a navigation (see `navigate`).
        return self.clients.claim();
      }),
  );
});

self.addEventListener('message', function (event) {
  var data = event.data || {};
  if (data.type === 'take-over') {
    // Held open until it has taken effect: a worker started only to receive this message
    // may otherwise be stopped, idle, before the skip is done.
    event.waitUntil(self.skipWaiting());
  } else if (data.type === 'warm' && Array.isArray(data.urls)) {
    // The page's first reads went out before this worker controlled it: read the public ones
    // again so the pages seen on the first visit also open offline.
    event.waitUntil(
      caches.open(CACHE).then(function (cache) {
        return Promise.all(
          data.urls.map(function (url) {
            if (!isPublicApi(new URL(url, SCOPE))) return null;
            return cache.match(url, { ignoreVary: true }).then(function (hit) {
              if (hit) return null;
              return fetch(url, { headers: { Accept: 'application/json' } })
                .then(function (response) {
                  if (cacheableApi(response)) return cache.put(url, response);
                  return null;
                })
                .catch(function () {});
            });
          }),
        );
      }),
    );
  }
});

function isPublicApi(url) {
  return PUBLIC_API.test(url.pathname);
}

// Only a JSON envelope with code 0 is kept: an error page or a refusal is not data.
function cacheableApi(response) {
  if (!response.ok || (response.headers.get('content-type') || '').indexOf('json') < 0) return false;
  return true;
}

function timeout(ms) {
  return new Promise(function (resolve) {
    setTimeout(resolve, ms, null);
  });
}

// Navigations: the network first (a deploy is seen at once), the cached shell when the
// network is down or slow. A waiting new build takes over here, between two pages, when this
// tab is the build's only page.
function navigate(event) {
  var handover = Promise.resolve();
  if (self.registration.waiting) {
    handover = self.clients.matchAll({ type: 'window' }).then(function (windows) {
      // The page being replaced may be listed, the one being loaded must not count.
      var others = windows.filter(function (client) {
        return client.id !== event.resultingClientId;
      });
      if (others.length <= 1 && self.registration.waiting) {
        self.registration.waiting.postMessage({ type: 'take-over' });
      }
    });
  }
  var network = fetch(event.request).then(function (response) {
    var html = (response.headers.get('content-type') || '').indexOf('text/html') >= 0;
    if (response.ok && html) {
      var copy = response.clone();
      event.waitUntil(
        caches.open(CACHE).then(function (cache) {
          return cache.put(INDEX, copy);
        }),
      );
    }
    return response;
  });
  // Answered by the cache after all: a late failure is nobody's concern.
  network.catch(function () {});
  var cached = function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(INDEX, { ignoreVary: true });
    });
  };
  return handover.then(function () {
    return Promise.race([network, timeout(NAVIGATION_TIMEOUT_MS)])
      .then(function (response) {
        if (response) return response;
        return cached().then(function (hit) {
          return hit || network;
        });
      })
      .catch(function () {
        return cached().then(function (hit) {
          return hit || Response.error();
        });
      });
  });
}

// Hashed files and wasm chunks: the cache first; they never change.
function cacheFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (hit) {
      if (hit) return hit;
      return fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
    });
  });
}

// config.json and other unhashed files: the network first, the cache when offline.
function networkFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    return fetch(request)
      .then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      })
      .catch(function () {
        return cache.match(request, { ignoreVary: true }).then(function (hit) {
          return hit || Response.error();
        });
      });
  });
}

// Public API reads: the cached answer at once, revalidated in the background; the network
// when nothing is cached.
function staleWhileRevalidate(event) {
  var request = event.request;
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request.url, { ignoreVary: true }).then(function (hit) {
      var fresh = fetch(request).then(function (response) {
        if (cacheableApi(response)) cache.put(request.url, response.clone());
        return response;
      });
      if (hit) {
        event.waitUntil(fresh.catch(function () {}));
        return hit;
      }
      return fresh;
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (request.mode === 'navigate') {
    event.respondWith(navigate(event));
    return;
  }
  if (url.pathname.indexOf('/api/') >= 0) {
    // A signed-in read is the shopper's own: straight to the network, never stored.
    if (request.headers.has('token') || !isPublicApi(url)) return;
    event.respondWith(staleWhileRevalidate(event));
    return;
  }
  if (url.origin !== SCOPE.origin || url.pathname.indexOf(SCOPE.pathname) !== 0) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request));
  }
});
