import * as z from './zod';

/**
 * Our Content-Security-Policy allows no `eval`, so in the browser zod must not compile its
 * object parsers with `new Function` (it probes for that once, and the probe alone is a CSP
 * violation on every page). The server keeps the faster compiled parsers.
 */
if (typeof window !== 'undefined') z.config({ jitless: true });
