/* Handschlag — the newcomer portal's service worker: visited portal pages stay readable
   offline on a phone with a bad connection. Served by public_views.service_worker at /portal/
   (its scope), which writes in the placeholders below.

   - Guide pages (the server marks them "X-Portal-Offline: guide"): cache first, refreshed in
     the background, so a guide once read opens at once and without a connection.
   - Other portal pages ("X-Portal-Offline: page"): network first; the kept copy only when
     there is no connection.
   - A page never visited, without a connection: the offline page, kept when installed.
   - Only what the server marks is kept (nothing of the editors' pages, nothing personal);
     static files (CSS, scripts) cache first: their names change with their content in
     production, and a new version of this worker drops the old ones (while developing, with
     names that stay, network first). Nothing is sent anywhere. */
"use strict";

var VERSION = "__VERSION__";
var SCOPE = "__SCOPE__";
var STATIC = "__STATIC__";
var OFFLINE_URL = "__OFFLINE_URL__";
var PRECACHE = [] /* __PRECACHE__ */;
var STATIC_NETWORK_FIRST = false /* __DEBUG__ */;
var STATIC_CACHE = "portal-static-" + VERSION;
var GUIDES = "portal-guides"; // not versioned: what a reader kept survives an update
var PAGES = "portal-pages";
var LIMITS = { "portal-guides": 200, "portal-pages": 60 };
// Pages vary by cookie and language header; offline, the copy kept last is the one to read.
var ANY = { ignoreVary: true };

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then(function (cache) { return cache.addAll(PRECACHE); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("portal-static-") === 0 && name !== STATIC_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function cacheFor(response) {
  if (!response || !response.ok || response.type !== "basic") return null;
  var kind = response.headers.get("X-Portal-Offline");
  if (kind === "guide") return GUIDES;
  if (kind === "page") return PAGES;
  return null;
}

function trim(name) {
  return caches.open(name).then(function (cache) {
    return cache.keys().then(function (keys) {
      var extra = keys.length - (LIMITS[name] || 50);
      return Promise.all(keys.slice(0, Math.max(extra, 0)).map(function (key) { return cache.delete(key); }));
    });
  });
}

// Keep a response if the server marked it; the oldest go first when a cache is full.
function keep(request, response) {
  var name = cacheFor(response);
  if (!name) return Promise.resolve();
  var copy = response.clone();
  return caches.open(name)
    .then(function (cache) {
      // one copy per address: a page moves from one cache to the other if its kind changed
      return caches.open(name === GUIDES ? PAGES : GUIDES)
        .then(function (other) { return other.delete(request, ANY); })
        .then(function () { return cache.put(request, copy); });
    })
    .then(function () { return trim(name); });
}

function fromNetwork(request) {
  return fetch(request).then(function (response) {
    return keep(request, response).then(function () { return response; }, function () { return response; });
  });
}

function kept(request) {
  return caches.open(GUIDES).then(function (guides) {
    return guides.match(request, ANY).then(function (found) {
      if (found) return found;
      return caches.open(PAGES).then(function (pages) { return pages.match(request, ANY); });
    });
  });
}

function page(event) {
  var request = event.request;
  return caches.open(GUIDES).then(function (guides) {
    return guides.match(request, ANY);
  }).then(function (guide) {
    if (guide) {
      event.waitUntil(fromNetwork(request).catch(function () {}));
      return guide;
    }
    return fromNetwork(request).catch(function () {
      return kept(request).then(function (found) {
        return found || caches.match(OFFLINE_URL, ANY).then(function (offline) {
          return offline || Response.error();
        });
      });
    });
  });
}

function staticFile(request) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    function fetchAndKeep() {
      return fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
    }
    if (STATIC_NETWORK_FIRST) {
      return fetchAndKeep().catch(function () {
        return cache.match(request, ANY).then(function (found) { return found || Response.error(); });
      });
    }
    return cache.match(request, ANY).then(function (found) { return found || fetchAndKeep(); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf(STATIC) === 0) {
    event.respondWith(staticFile(request));
  } else if (request.mode === "navigate" && url.pathname.indexOf(SCOPE) === 0) {
    event.respondWith(page(event));
  }
});

// The page a reader opened first was loaded before this worker ran: it asks to keep it.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (typeof data.keep !== "string") return;
  var url = new URL(data.keep, self.location.href);
  if (url.origin !== self.location.origin || url.pathname.indexOf(SCOPE) !== 0) return;
  var request = new Request(url.href, { credentials: "same-origin" });
  event.waitUntil(fromNetwork(request).catch(function () {}));
});
