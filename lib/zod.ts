import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * The schemas in lib/ are shared by the browser and the server, so they are written with Zod
 * Mini (`zod/mini`): the same parser core as `zod`, with functions where `zod` has methods, so
 * the bundler leaves out what no schema uses (about 20 kB gzip less on every phone). Zod Mini
 * brings no messages of its own (every failed check reads "Invalid input"); English is set here,
 * so a failed check reads as it does with `zod`, on every side (the API's 400 bodies quote it).
 *
 * Import it as `import * as z from './zod'`, never `zod` itself (ESLint holds lib/, components/
 * and app/ to that): a namespace re-exported as one object could not be tree-shaken.
 */
config(en());

export * from 'zod/mini';
