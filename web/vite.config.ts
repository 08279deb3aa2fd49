import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The PWA: built into web/dist, served by the Worker as static assets on the same origin as /api. */
export default defineConfig({
  root,
  publicDir: 'public',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  plugins: [
    solid(),
    VitePWA({
      registerType: 'prompt',
      // The glob below already precaches every icon; the plugin adds the manifest itself.
      includeManifestIcons: false,
      injectRegister: false,
      manifest: {
        name: 'Hadi',
        short_name: 'Hadi',
        description: 'The HADI-cycle experiment log: hypotheses, tests, results and learnings.',
        theme_color: '#1e3a8a',
        background_color: '#0b1220',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        // "Share → Hadi" from a downloads folder on Android: the service worker keeps the file (public/share-target.js).
        share_target: {
          action: '/share-target',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: {
            title: 'title',
            text: 'text',
            files: [
              {
                name: 'file',
                accept: [
                  'text/csv',
                  'text/tab-separated-values',
                  'text/plain',
                  'application/vnd.ms-excel',
                  '.csv',
                  '.tsv',
                ],
              },
            ],
          },
        },
        icons: [
          { src: 'pwa-64x64.png', sizes: '64x64', type: 'image/png' },
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The whole app shell (every lazy route too) is precached, so the app opens and navigates offline.
        globPatterns: ['**/*.{js,css,html,svg,png,ico}'],
        globIgnores: ['share-target.js'],
        importScripts: ['share-target.js'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // Data is kept in IndexedDB by the app itself; the API is never served stale from the SW cache.
        runtimeCaching: [],
      },
    }),
  ],
});
