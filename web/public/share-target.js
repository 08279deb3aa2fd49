// "Share → Hadi" (Web Share Target, see share_target in web/vite.config.ts): Android posts the shared file here.
// Loaded into the generated service worker with importScripts, before Workbox's own routes. The file waits in
// Cache Storage until the import screen picks it up (web/src/imports/file.ts), then the app opens on /import.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'POST' || url.pathname !== '/share-target') return;
  event.respondWith(
    (async () => {
      const form = await event.request.formData().catch(() => null);
      const file = form ? [...form.getAll('file'), ...form.getAll('files')].find((f) => typeof f !== 'string') : null;
      if (!file) return Response.redirect('/import?shared=none', 303);
      const cache = await caches.open('hadi-shared');
      await cache.put(
        '/shared-file',
        new Response(file, {
          headers: { 'content-type': file.type || 'text/csv', 'x-file-name': encodeURIComponent(file.name || 'shared.csv') },
        }),
      );
      return Response.redirect('/import?shared=1', 303);
    })(),
  );
});
