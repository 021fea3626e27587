import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import type { SessionReply } from '../../lib/api';
import type { QuadrantId } from '../../lib/quadrants';
import { Harness, synced } from './harness';
import { pageCount, pdfText, poppler, squash } from './pdfTools';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

interface NewNote {
  quadrant: QuadrantId;
  text: string;
}

/** Adds the notes through a real y-websocket client (one transaction) and waits for the server to hold them. */
async function addNotes(code: string, author: SessionReply, notes: NewNote[]): Promise<string> {
  const provider = h.provider(code, author.token);
  await synced(provider);
  const persona = readPersonas(provider.doc)[0]!;
  provider.doc.transact(() => {
    for (const note of notes) {
      const added = addNote(provider.doc, { personaId: persona.id, ...note, authorId: author.participantId, authorName: author.name });
      expect(added.ok).toBe(true);
    }
  });
  const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
  await vi.waitFor(
    async () => await h.server.rooms.readDoc(workshopId, (doc) => expect(readNotes(doc).length).toBeGreaterThanOrEqual(notes.length)),
    {
      timeout: 10_000,
    },
  );
  return persona.name;
}

async function exportPdf(code: string, key: string): Promise<string> {
  const res = await fetch(`${h.server.url}/api/workshops/${code}/export.pdf`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="workshop-${code.slice(0, 4)}-${code.slice(4)}.pdf"`);
  const file = path.join(h.dataDir, `${code}.pdf`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

const LONG_NOTE = Array.from({ length: 200 }, (_, i) => `insight${i}`)
  .join(' ')
  .slice(0, 1500);
const WORLD_NOTES: NewNote[] = [
  { quadrant: 'sees', text: 'Zoë sees the trams of Łódź every morning' },
  { quadrant: 'hears', text: '東京の同僚から新しいカフェの話を聞く' },
  { quadrant: 'thinks_feels', text: 'Москва: хочет тихое место для работы' },
  { quadrant: 'says_does', text: 'Αθήνα: buys coffee before the 8:10 train' },
  { quadrant: 'gains', text: 'Loves ☕ and 🎉 and 👍🏽 on a Friday' },
  { quadrant: 'gains', text: LONG_NOTE },
];

describe('PDF export (react-pdf, Noto fonts)', () => {
  it('writes every note, in any script, as extractable text, and flows a long quadrant onto more pages', async () => {
    const { code, facilitatorKey } = await h.createWorkshop('Kawiarnia Łódź — 東京 — Москва');
    const zoe = await h.join(code, 'Zoë');
    await h.join(code, 'Мария');
    await h.join(code, '田中');
    const pains = Array.from({ length: 150 }, (_, i) => ({
      quadrant: 'pains' as const,
      text: `Pain ${i}: the queue at the till moves slowly when the card reader fails again (${i})`,
    }));
    const personaName = await addNotes(code, zoe, [...WORLD_NOTES, ...pains]);

    const file = await exportPdf(code, facilitatorKey);
    const text = pdfText(file);
    const flat = squash(text);
    // Emoji are best effort (drawn from Noto Emoji, but not always extracted the same): not compared.
    for (const note of [...WORLD_NOTES.filter((n) => !n.text.startsWith('Loves')), ...pains]) {
      expect(flat, note.text.slice(0, 40)).toContain(squash(note.text));
    }
    for (const word of ['Zoë', 'Łódź', '東京', 'Москва', 'Αθήνα', 'Мария', '田中', personaName, 'Kawiarnia']) expect(text).toContain(word);
    for (const title of ['SEES', 'HEARS', 'THINKS & FEELS', 'SAYS & DOES', 'PAINS', 'GAINS']) expect(text).toContain(title);
    expect(text).toContain('Loves'); // the emoji note did not break the render
    // Cover, then the persona: 150 notes in one quadrant do not fit on one page.
    expect(pageCount(file)).toBeGreaterThanOrEqual(1 + 3);
    expect(text).toMatch(/\(continued\)/);
  });

  it('makes a one-page poster per persona after the cover, with vector text and embedded fonts', async () => {
    const { code, facilitatorKey } = await h.createWorkshop('Small board');
    const ana = await h.join(code, 'Ana');
    await addNotes(code, ana, WORLD_NOTES.slice(0, 4));
    const file = await exportPdf(code, facilitatorKey);
    expect(pageCount(file)).toBe(2);
    const fonts = poppler('pdffonts', [file]);
    expect(fonts).toMatch(/NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    // No picture uploaded: no raster image (the initials avatar is a vector shape and text).
    expect(poppler('pdfimages', ['-list', file]).trim().split('\n')).toHaveLength(2);
  });

  it('contains no scripts, forms, actions or links', async () => {
    const { code, facilitatorKey } = await h.createWorkshop('Safe');
    const ana = await h.join(code, 'Ana');
    await addNotes(code, ana, [
      { quadrant: 'sees', text: 'https://evil.example/phish and javascript:alert(1)' },
      { quadrant: 'hears', text: '/JavaScript /JS /AcroForm /URI (app.alert(1))' },
    ]);
    const file = await exportPdf(code, facilitatorKey);
    const raw = readFileSync(file).toString('latin1');
    for (const token of [/\/JavaScript\b/, /\/JS\b/, /\/AcroForm\b/, /\/URI\b/, /\/OpenAction\b/, /\/Launch\b/])
      expect(raw).not.toMatch(token);
    expect(squash(pdfText(file))).toContain(squash('/JavaScript /JS /AcroForm /URI (app.alert(1))'));
  });

  it('needs the facilitator key', async () => {
    const first = await h.createWorkshop('First');
    const second = await h.createWorkshop('Second');
    const url = `${h.server.url}/api/workshops/${first.code}/export.pdf`;
    const missing = await fetch(url);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: expect.any(String) });
    expect((await fetch(url, { headers: { authorization: `Bearer ${second.facilitatorKey}` } })).status).toBe(403);
  });
});
