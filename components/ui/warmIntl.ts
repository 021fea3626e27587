/**
 * Builds this locale's number format and plural rules once, when the main thread is idle. The
 * first `Intl` formatter of a page loads the browser's locale data (about 0.3 s on a slow phone);
 * done while a person types their name, the board's first screen (counts, "15 notes") no longer
 * waits for it. The browser keeps that data for the page's life, however the formatters are made.
 */
export function warmIntlWhenIdle(locale: string): () => void {
  const warm = () => {
    try {
      new Intl.NumberFormat(locale).format(1000);
      new Intl.PluralRules(locale).select(2);
    } catch {
      // An unknown locale: the board makes its formatters as it would have.
    }
  };
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(warm, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(warm, 200);
  return () => clearTimeout(handle);
}
