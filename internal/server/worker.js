// Gloss service worker; go-app fills in the version and the resource list.
// It differs from go-app's default worker where offline use needs it to:
//  - precaching is awaited (event.waitUntil) and atomic: if any resource
//    fails, the new version is not installed and the old one keeps serving;
//  - resources are fetched with cache:"reload" so a stale HTTP-cached
//    app.wasm never lands in a new version's cache;
//  - navigations to app routes (/s/<id>, queries) fall back to the cached
//    app shell when the network is down;
//  - /api/ requests are never answered from the cache.
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      try {
        const cache = await caches.open(cacheName);
        await cache.addAll(
          resourcesToCache.map((url) => new Request(url, { cache: "reload" }))
        );
      } catch (err) {
        // Leave no half-filled cache behind; failing install keeps the
        // previous version in charge.
        await caches.delete(cacheName);
        throw err;
      }
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(
        keys
          .filter((k) => k.startsWith("app-") && k !== cacheName)
          .map((k) => caches.delete(k))
      );
      await self.clients.claim();
    })()
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") {
    return;
  }
  const url = new URL(req.url);
  if (url.origin === self.location.origin && url.pathname.startsWith("/api/")) {
    return;
  }
  event.respondWith(respond(req));
});

async function respond(req) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(req);
  if (hit) {
    return hit;
  }
  try {
    return await fetch(req);
  } catch (err) {
    if (req.mode === "navigate") {
      const shell = await cache.match("/");
      if (shell) {
        return shell;
      }
    }
    throw err;
  }
}
