import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

// Regenerate the committed icons: `npx pwa-assets-generator --config web/pwa-assets.config.ts`
export default defineConfig({ preset: minimal2023Preset, images: ['web/public/icon.svg'] });
