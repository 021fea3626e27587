'use client';

import '../../lib/zodBrowser';

/** Loads the browser-only setup (see `lib/zodBrowser.ts`) before any page parses data. Renders nothing. */
export function BrowserSetup() {
  return null;
}
