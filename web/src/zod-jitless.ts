import { config } from 'zod';

// The PWA's CSP allows no eval: without this, zod probes `new Function` on its first parse, which the browser reports
// as a CSP violation (Lighthouse "best practices"). Imported first by every screen that loads the shared schemas.
config({ jitless: true });
