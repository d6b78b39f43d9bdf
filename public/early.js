// Starts the shop's first API requests while the wasm is still downloading, and registers the
// service worker. Loaded with <script src> from <head> (the CSP allows no new inline script).
//
// The app reads config.json and then connects to the site (languages, settings, modules,
// menu); without this script those requests wait for the whole wasm to download and start.
// Here they start as soon as config.json (preloaded by index.html) has arrived, with the
// headers the app would send, and the app takes each answer once (`window.__early.take`),
// matching on the exact URL and headers; anything that does not match is fetched as usual.
//
// Why config.json first rather than same-origin only: the API may be on another origin
// (`api_base`), and a guess would fetch the wrong site. config.json is preloaded, so reading
// it costs no extra round trip, and the app takes the same text instead of fetching it again.
(function () {
  'use strict';
  // The app started first (it marks that by setting window.__early itself): its reads are
  // under way, so starting them here would only repeat them.
  var late = !!window.__early;
  var entries = {};
  var early = {
    // The config.json text, or null when it could not be read (the app then reports it).
    config: null,
    // The answer to `url` fetched with exactly these `token`/`cart` headers ("" for none),
    // taken once: a promise of {status, type, body, renewed}, or null. A failed request
    // rejects, so the app reports it as it reports its own.
    take: function (url, token, cart) {
      var entry = entries[url];
      if (!entry) return null;
      delete entries[url];
      if (entry.token !== (token || '') || entry.cart !== (cart || '')) return null;
      return entry.answer;
    },
  };
  if (!late) window.__early = early;

  // The wasm chunks of each area of the shop (chunks.json), written in by the split hook
  // (xtask/src/split.rs), so that the entry route's chunks download alongside the main wasm
  // instead of after it has started.
  var AREA_FILES = {};

  // The area of a route's first segment, as pages/lazy.rs `page_for` and `split_areas!`
  // group the pages (only the areas a shopper is likely to open a link into).
  var AREA_OF_SEGMENT = {
    '': 'area_home',
    products: 'area_listing',
    articles: 'area_listing',
    category: 'area_listing',
    tags: 'area_listing',
    tag: 'area_listing',
    search: 'area_listing',
    product: 'area_detail',
    article: 'area_detail',
    page: 'area_detail',
    cart: 'area_cart',
  };

  function preloadEntryChunks() {
    var files = AREA_FILES[AREA_OF_SEGMENT[routePath().split('/')[1] || '']];
    if (!Array.isArray(files)) return;
    for (var i = 0; i < files.length; i++) {
      var link = document.createElement('link');
      // As the link module fetches them (`fetch(url)`: CORS mode, same-origin credentials),
      // so the browser hands this download to that fetch.
      link.rel = 'preload';
      link.as = 'fetch';
      link.crossOrigin = 'anonymous';
      link.href = new URL(files[i], document.baseURI).href;
      document.head.appendChild(link);
    }
  }
  if (!late) preloadEntryChunks();

  function read(key) {
    try {
      return window.localStorage.getItem(key) || '';
    } catch (e) {
      return '';
    }
  }

  // The same cleaning as config.rs `parse`: trimmed, no trailing "/" or "/api".
  function apiBase(config) {
    var base = String((config && config.api_base) || '').trim().replace(/\/+$/, '');
    if (/\/api$/.test(base)) base = base.slice(0, -4);
    return base;
  }

  function sameOrigin(base) {
    return base === '' || base.charAt(0) === '/' || base.indexOf(location.origin) === 0;
  }

  // The app's URL for a path (client.rs `url_for`): `<base>/api/<path>?<params>&site_id=N`.
  function apiUrl(base, site, path, query) {
    var pairs = query ? [query] : [];
    if (site !== null && site !== undefined) pairs.push('site_id=' + site);
    return base + '/api/' + path + (pairs.length ? '?' + pairs.join('&') : '');
  }

  function start(url, token, cart, timeoutMs) {
    var headers = { Accept: 'application/json' };
    if (token) headers.token = token;
    if (cart) headers.cart = cart;
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, timeoutMs);
    var answer = fetch(url, { headers: headers, signal: controller ? controller.signal : undefined })
      .then(function (response) {
        return response.text().then(function (body) {
          clearTimeout(timer);
          return {
            status: response.status,
            type: response.headers.get('content-type') || '',
            body: body,
            renewed: response.headers.get('Update-Token') || '',
          };
        });
      })
      .catch(function (error) {
        clearTimeout(timer);
        throw new Error(controller && controller.signal.aborted ? 'timeout' : String(error && error.message || error));
      });
    // A request nobody takes must not log an unhandled rejection.
    answer.catch(function () {});
    entries[url] = { token: token || '', cart: cart || '', answer: answer };
    return answer;
  }

  // Locale::from_tag (domain/locale.rs): Chinese or English.
  function localeOf(tag) {
    var lower = String(tag || '').trim().toLowerCase();
    var zh = lower === 'zh' || lower.indexOf('zh-') === 0 || lower.indexOf('zh_') === 0 || lower === 'cn';
    return zh ? 'zh-CN' : 'en';
  }

  // The data of a successful envelope, or undefined.
  function envelopeData(answer) {
    if (answer.status !== 200 || answer.body.trim().charAt(0) !== '{') return undefined;
    try {
      var envelope = JSON.parse(answer.body);
      return envelope && envelope.code === 0 ? envelope.data : undefined;
    } catch (e) {
      return undefined;
    }
  }

  // The likely largest paint, fetched before the app has even started.
  function preloadImage(url) {
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return;
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'image';
    link.href = url;
    link.setAttribute('fetchpriority', 'high');
    document.head.appendChild(link);
  }

  // The route the page opened, under the deploy's base path: "/", "/product/x", …
  function routePath() {
    var basePath = new URL(document.baseURI).pathname.replace(/\/+$/, '');
    var path = location.pathname;
    if (basePath && path.indexOf(basePath) === 0) path = path.slice(basePath.length);
    return path.replace(/\/+$/, '') || '/';
  }

  // Slug::parse (domain/catalog.rs) for the plain slugs that need no percent-encoding.
  function slugQuery(segment) {
    var slug = segment.replace(/\.html$/, '');
    if (/^[0-9]{1,15}$/.test(slug)) return Number(slug) > 0 ? 'id=' + Number(slug) : null;
    return /^[A-Za-z0-9_-]+$/.test(slug) && !/^[0-9]+$/.test(slug) ? 'filename=' + slug : null;
  }

  // capabilities.rs `known`: declared in config.json, or cached for this API base for a day.
  function capabilitiesKnown(config, base) {
    if (Array.isArray(config.features)) return true;
    var edition = String(config.edition || '').trim();
    if (edition === 'documented' || edition === 'open-source' || edition === 'opensource') return true;
    var parts = read('storefront.capabilities').split('\t');
    if (parts.length < 3 || parts[0] !== base) return false;
    var at = Number(parts[1]);
    var now = Date.now();
    return isFinite(at) && now >= at && now - at < 24 * 60 * 60 * 1000;
  }

  // Whether the declared or cached features include SKUs (domain Capabilities keys).
  function hasSkus(config) {
    if (Array.isArray(config.features)) return config.features.indexOf('skus') >= 0;
    var edition = String(config.edition || '').trim();
    if (edition === 'documented') return true;
    if (edition) return false;
    var keys = read('storefront.capabilities').split('\t')[2] || '';
    return keys.split(/[ ,]+/).indexOf('skus') >= 0;
  }

  function signedIn() {
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i) || '';
        if (key.indexOf('storefront.token:') === 0 && read(key)) return true;
      }
    } catch (e) {
      return true;
    }
    return false;
  }

  // What the app reads before its first paint (api/startup.rs `connect`): the language
  // list, the system settings, and what the opened route reads first (a product's or
  // article's record and a product's options, or the module table and the home page's
  // banners, whose first image is the likely largest paint). The modules of a record page
  // and a record's parameters are read by the app after the paint.
  function startAll(config) {
    var base = apiBase(config);
    var configured = typeof config.site_id === 'number' ? config.site_id : null;
    var timeoutMs = config.request_timeout_ms >= 1000 ? config.request_timeout_ms : 10000;
    var cart = sameOrigin(base) ? read('storefront.cart') : '';
    var tokenOf = function (site) {
      return read('storefront.token:' + (site === null ? 0 : site));
    };
    var go = function (site, path, query) {
      return start(apiUrl(base, site, path, query), tokenOf(site), cart, timeoutMs);
    };
    var locale = localeOf(read('storefront.language') || config.default_language || 'zh-CN');

    var reads = [['setting/system', '']];
    var route = routePath();
    var record = /^\/(product|article)\/([^/]+)$/.exec(route);
    var slug = record && slugQuery(record[2]);
    if (slug) {
      reads.push(['archive/detail', slug, function (data) {
        if (data && typeof data === 'object') {
          preloadImage((Array.isArray(data.images) && data.images[0]) || data.thumb || data.logo);
        }
      }]);
      // A product's options, by the same slug (api/shop.rs `product_options_by_slug`), unless
      // the server is known to have no SKUs. When the edition is not known this read is also
      // the edition probe.
      var skus = capabilitiesKnown(config, base) ? hasSkus(config) : null;
      if (record[1] === 'product' && skus !== false) reads.push(['archive/sku', slug]);
    } else {
      // Listings and the home shelves name their module by the module table.
      reads.push(['module/list', '']);
      if (route === '/') {
        reads.push(['banner/list', 'type=default', function (data) {
          if (Array.isArray(data) && data[0]) preloadImage(data[0].logo);
        }]);
      }
    }
    var startReads = function (site) {
      return reads.map(function (item) {
        var answer = go(site, item[0], item[1]);
        if (item[2]) {
          answer.then(function (reply) {
            var data = envelopeData(reply);
            if (data !== undefined) item[2](data);
          }, function () {});
        }
        return apiUrl(base, site, item[0], item[1]);
      });
    };

    // The app reads the language list first, to know which site serves the shopper's
    // language (api/startup.rs `connect`). A signed-out shopper in the default language on a
    // site the config does not pin is very likely on the site that answers without
    // `site_id`: everything starts at once, and the answers count for that site once the
    // list confirms it.
    var usual = localeOf(config.default_language || 'zh-CN') === locale;
    var speculative = configured === null && usual && !signedIn() ? startReads(null) : null;

    go(configured, 'languages', '').then(function (answer) {
      var list = envelopeData(answer);
      if (list === undefined) return;
      var site = configured;
      var current = null;
      if (Array.isArray(list)) {
        for (var i = 0; i < list.length; i++) {
          var entry = list[i] || {};
          if (typeof entry.id !== 'number' || entry.id <= 0) continue;
          if (entry.is_current && current === null) current = entry.id;
          if (site === configured && localeOf(entry.language) === locale) site = entry.id;
        }
      }
      if (speculative && (site === null || site === current)) {
        // The app asks for these with `site_id` of that site: the same answers.
        if (site !== null) {
          reads.forEach(function (item, n) {
            var alias = apiUrl(base, site, item[0], item[1]);
            if (entries[speculative[n]] && !entries[alias]) entries[alias] = entries[speculative[n]];
            delete entries[speculative[n]];
          });
        }
        return;
      }
      if (speculative) speculative.forEach(function (url) { delete entries[url]; });
      startReads(site);
    }, function () {
      // The app reads the languages itself (taking this failure) and explains it.
    });
  }

  var configText = late ? Promise.reject(new Error('late')) : fetch('config.json').then(function (response) {
    if (response.status !== 200) throw new Error('HTTP ' + response.status);
    return response.text();
  });
  early.config = configText.catch(function () { return null; });
  configText
    .then(function (text) {
      var config = JSON.parse(text);
      if (config && typeof config === 'object') startAll(config);
    })
    .catch(function () {
      // The app reads config.json itself and explains the problem on its setup screen.
    });

  // The service worker, at the dist root next to index.html so its scope is the app's (also
  // under a sub-path such as /shop/). Its URL names this build, so a new build is a new
  // worker (the file itself does not change between builds).
  function buildId() {
    var files = [];
    // Only what trunk wrote (it signs its CSS, JS and wasm links with `integrity`): the
    // preloads added here and the app's own links must not make one build two workers.
    var nodes = document.querySelectorAll('link[integrity][href], script[integrity][src]');
    for (var i = 0; i < nodes.length; i++) {
      var ref = nodes[i].getAttribute('href') || nodes[i].getAttribute('src') || '';
      if (/-[0-9a-f]{8,}/.test(ref)) files.push(ref);
    }
    files.sort();
    var text = files.join(' ');
    var hash = 5381;
    for (var j = 0; j < text.length; j++) hash = ((hash * 33) ^ text.charCodeAt(j)) >>> 0;
    return hash.toString(16);
  }

  // The first worker takes this page over only after its first reads went out: it reads the
  // public ones again so the pages seen on this first visit also open offline.
  function warm(worker) {
    var urls = [];
    var seen = performance.getEntriesByType ? performance.getEntriesByType('resource') : [];
    for (var i = 0; i < seen.length; i++) {
      if (seen[i].initiatorType === 'fetch' && seen[i].name.indexOf('/api/') >= 0) urls.push(seen[i].name);
    }
    if (urls.length) worker.postMessage({ type: 'warm', urls: urls });
  }

  if ('serviceWorker' in navigator && window.isSecureContext) {
    var container = navigator.serviceWorker;
    var hadController = !!container.controller;
    container.addEventListener('controllerchange', function () {
      if (!hadController && container.controller) warm(container.controller);
      hadController = true;
    });
    var register = function () {
      var url = new URL('sw.js?v=' + buildId(), document.baseURI).href;
      var scope = new URL('./', document.baseURI).href;
      container
        .getRegistration(scope)
        .then(function (existing) {
          // A worker already installing or waiting takes over at the next navigation; this
          // page's own build registers then, if it still needs to (registering now would
          // replace the waiting one).
          if (existing && (existing.installing || existing.waiting)) return null;
          if (existing && existing.active && existing.active.scriptURL === url) return null;
          return container.register(url, { scope: scope });
        })
        .catch(function () {
          // No worker (private mode, blocked): the shop works online as before.
        });
    };
    // After load, so installing it never competes with the first paint.
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register);
  }
})();
