// The pseudo-locale: English made accented and about 40 % longer, to find text that overflows or
// is cut before a real translation does. Generated from messages/en.json when Next.js builds (see
// next.config.js); never a language in the menus. The app serves it only when started with
// PSEUDO_LOCALE=1, to a device whose NEXT_LOCALE cookie says `en-XA` (e2e/languagesPseudo.spec.ts).
// Plain JavaScript with no dependencies: next.config.js runs it before anything is compiled.
import { readFileSync, statSync, writeFileSync } from 'node:fs';

/** The pseudo-locale's tag: the one Android and Chromium use for accented English. */
export const PSEUDO_LOCALE = 'en-XA';

const ACCENTED = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ĺ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'û',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Í',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ĺ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/** Each run of words gets a vowel doubled every few letters: ~40 % longer, still one word per word (it wraps like real text). */
function pseudoText(text) {
  let letters = 0;
  let out = '';
  for (const char of text) {
    const accented = ACCENTED[char];
    if (!accented) {
      out += char;
      continue;
    }
    out += accented;
    letters += 1;
    // Two extra letters for every five: 40 % longer words, as German or French often are.
    if (letters % 5 === 2 || letters % 5 === 4) out += /[aeiouAEIOU]/.test(char) ? accented : accented.toLowerCase();
  }
  return out;
}

/**
 * An ICU message with its words replaced and its syntax kept: argument names, `plural`/`select`
 * keywords and selectors, `#`, rich-text tag names and quoted text stay as they are.
 */
export function pseudoMessage(message) {
  let i = 0;
  function text(untilBrace) {
    let out = '';
    while (i < message.length) {
      const char = message[i];
      if (char === '}' && untilBrace) return out;
      if (char === '{') out += argument();
      else if (char === '<') {
        const end = message.indexOf('>', i);
        out += message.slice(i, end + 1);
        i = end + 1;
      } else if (char === "'" && /['{}<#]/.test(message[i + 1] ?? '')) {
        const end = message[i + 1] === "'" ? i + 1 : message.indexOf("'", i + 1);
        out += message.slice(i, end + 1);
        i = end + 1;
      } else {
        let run = '';
        while (i < message.length && !/[{}<']/.test(message[i])) run += message[i++];
        if (run === '' && char === "'") {
          run = "'";
          i += 1;
        }
        out += pseudoText(run);
      }
    }
    return out;
  }
  function argument() {
    const start = i;
    let depth = 0;
    // `{name}` or `{name, number…}`: copied. `{name, plural|select|selectordinal, … sel {text} …}`: text inside options.
    const head = /^\{\s*\w+\s*(?:,\s*(\w+)\s*)?/.exec(message.slice(i));
    const kind = head?.[1];
    if (kind !== 'plural' && kind !== 'select' && kind !== 'selectordinal') {
      for (; i < message.length; i++) {
        if (message[i] === '{') depth += 1;
        else if (message[i] === '}' && --depth === 0) return message.slice(start, ++i);
      }
      return message.slice(start);
    }
    let out = head[0];
    i += head[0].length;
    out += message[i] === ',' ? ',' : '';
    if (message[i] === ',') i += 1;
    while (i < message.length && message[i] !== '}') {
      const selector = /^\s*[^\s{}]+\s*/.exec(message.slice(i));
      if (!selector) break;
      out += selector[0];
      i += selector[0].length;
      if (message[i] !== '{') break;
      i += 1;
      out += `{${text(true)}}`;
      i += 1;
    }
    i += 1;
    return `${out}}`;
  }
  return text(false);
}

/** The whole catalog, message by message. */
export function pseudoCatalog(catalog) {
  if (typeof catalog === 'string') return pseudoMessage(catalog);
  return Object.fromEntries(Object.entries(catalog).map(([key, value]) => [key, pseudoCatalog(value)]));
}

/** Writes messages/en-XA.json from messages/en.json when it is missing or older. */
export function writePseudoCatalog(messagesDir) {
  const source = `${messagesDir}/en.json`;
  const target = `${messagesDir}/${PSEUDO_LOCALE}.json`;
  try {
    if (statSync(target).mtimeMs >= statSync(source).mtimeMs) return;
  } catch {
    // Not generated yet.
  }
  writeFileSync(target, `${JSON.stringify(pseudoCatalog(JSON.parse(readFileSync(source, 'utf8'))), null, 2)}\n`);
}
