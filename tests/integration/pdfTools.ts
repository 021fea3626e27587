import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Runs one of poppler's tools (`pdftotext`, `pdfinfo`, `pdffonts`, `pdfimages`, `pdftoppm`) and returns what it printed. */
export const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

/** The PDF's text in content order (`pdftotext -raw`), of one page when `page` is given. */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return poppler('pdftotext', ['-raw', ...range, file, '-']);
}

/** The text of a PDF held in memory (written to a temporary file for poppler, then removed). */
export function pdfBytesText(bytes: ArrayBuffer | Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pw-pdf-'));
  try {
    const file = path.join(dir, 'export.pdf');
    writeFileSync(file, bytes instanceof Uint8Array ? bytes : Buffer.from(bytes));
    return pdfText(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const pageCount = (file: string) => Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', [file]))?.[1]);

/**
 * Text as compared with a PDF's: without whitespace (line breaks are the layout's), soft hyphens
 * and the hyphens react-pdf adds when it splits a long word, and bidi controls (pdftotext wraps
 * right-to-left runs in them); compatibility-decomposed, so ligatures and presentation forms
 * compare equal to the letters typed.
 */
export const squash = (text: string) => text.normalize('NFKD').replace(/[\s\u00AD\u200E\u200F\u202A-\u202E-]/g, '');
