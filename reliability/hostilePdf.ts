import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { displayOrder, visibleText } from './hostileCorpus';

/**
 * Checks an exported PDF for anything active (scripts, forms, links, launch actions), in the
 * raw bytes and inside compressed object streams, and that the corpus text is extractable
 * (`pdftotext`), in reading or display order.
 */

const ACTIVE_NAMES = [
  'JavaScript',
  'JS',
  'AcroForm',
  'URI',
  'Launch',
  'SubmitForm',
  'OpenAction',
  'AA',
  'EmbeddedFile',
  'RichMedia',
  'XFA',
  'ImportData',
  'GoToR',
];
const ACTIVE = new RegExp(`/(${ACTIVE_NAMES.join('|')})(?![A-Za-z0-9#_.-])`, 'g');

function countActive(text: string, into: Record<string, number>): void {
  for (const match of text.matchAll(ACTIVE)) into[match[1]!] = (into[match[1]!] ?? 0) + 1;
}

/** Object streams hold dictionaries compressed: inflate those and scan them too. */
function objectStreams(raw: string): string[] {
  const found: string[] = [];
  const pattern = /<<((?:(?!>>\s*stream)[\s\S]){0,2000})>>\s*stream\r?\n/g;
  for (const match of raw.matchAll(pattern)) {
    if (!/\/Type\s*\/ObjStm/.test(match[1]!)) continue;
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      found.push(inflateSync(Buffer.from(raw.slice(start, end), 'latin1')).toString('latin1'));
    } catch {
      found.push('');
    }
  }
  return found;
}

export interface PdfReport {
  bytes: number;
  activeObjects: Record<string, number>;
  objectStreams: number;
  pdfinfo: { javaScript: string; form: string; pages: number; jsListing: number };
  /** Corpus strings found by `pdftotext`, per kind of place they were put. */
  extractable: Record<string, { found: number; of: number; reversedOnly: number; missing: string[] }>;
}

export function checkPdf(pdf: Buffer, dir: string, expected: Record<string, readonly string[]>): PdfReport {
  const file = path.join(dir, 'export.pdf');
  writeFileSync(file, pdf);
  const raw = pdf.toString('latin1');
  const activeObjects: Record<string, number> = {};
  countActive(raw, activeObjects);
  const streams = objectStreams(raw);
  for (const stream of streams) countActive(stream, activeObjects);

  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  const jsListing = execFileSync('pdfinfo', ['-js', file], { encoding: 'utf8' }).trim();
  const text = visibleText(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));

  const extractable: PdfReport['extractable'] = {};
  for (const [kind, strings] of Object.entries(expected)) {
    const result = { found: 0, of: strings.length, reversedOnly: 0, missing: [] as string[] };
    for (const s of strings) {
      if (text.includes(visibleText(s))) result.found++;
      else if (text.includes(visibleText(displayOrder(s)))) {
        result.found++;
        result.reversedOnly++;
      } else result.missing.push(JSON.stringify(s).slice(0, 50));
    }
    extractable[kind] = result;
  }
  return {
    bytes: pdf.byteLength,
    activeObjects,
    objectStreams: streams.length,
    pdfinfo: { javaScript: field('JavaScript'), form: field('Form'), pages: Number(field('Pages')), jsListing: jsListing.length },
    extractable,
  };
}
