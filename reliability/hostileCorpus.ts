/**
 * Hostile text for notes, names, persona names and workshop titles: markup that would run if
 * it were ever parsed as HTML (several set `window.__pwned` or call `alert`), `javascript:` and
 * `data:` links, template and markdown syntax, and the characters that change how text reads
 * (right-to-left overrides, isolates, zero-width joiners).
 */
export const CORPUS: readonly string[] = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2;alert(2)">',
  '<svg/onload=window.__pwned=3>',
  '"><script>alert(4)</script>',
  "'><iframe src=javascript:alert(5)>",
  'javascript:alert(6)',
  '[click me](javascript:alert(7))',
  '<a href="javascript:window.__pwned=8">link</a>',
  '<b onmouseover=alert(9)>hover me</b>',
  '{{constructor.constructor("alert(10)")()}}',
  '${alert(11)} #{alert(12)}',
  '<style>*{display:none!important}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(13)>',
  'data:text/html,<script>alert(14)</script>',
  '<details open ontoggle=alert(15)>',
  '%3Cscript%3Ealert(16)%3C/script%3E',
  '&lt;script&gt;alert(17)&lt;/script&gt;',
  '\u202Egnp.exe',
  'invoice\u202Etxt.exe\u202C done',
  'zero\u200Bwidth\u200Cnon\u200Djoiner',
  '\u2066isolate\u2069 and \u200Fmark\u200E',
  'Ana\u0301lisis \u{1F600} \u5BA2\u6237',
];

/** Characters that change how text reads but show nothing themselves. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/g;

/** The visible text of a corpus string, for comparing with what a page or PDF shows. */
export function visibleText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[\s\-\u2010\u2011]/g, '');
}

/**
 * The corpus string as someone looking at it reads it, for the parts under a right-to-left
 * override: a PDF holds glyphs in display order, so extracted text may come out reversed.
 */
export function displayOrder(text: string): string {
  return text.replace(/\u202E([^\u202C]*)\u202C?/g, (_, inner: string) => [...inner].reverse().join(''));
}
