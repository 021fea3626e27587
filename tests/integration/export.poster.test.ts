import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { addNote, metaMap, readNotes, readPersonas, setNoteEvidence } from '../../lib/board';
import { createGroup } from '../../lib/groups';
import { addPersona, renamePersona, setPersonaPicture } from '../../lib/personaBoard';
import { addCustomProfileField, setCustomFieldValue, setProfileField, setProfileFieldHidden } from '../../lib/profileBoard';
import { CLASSIC_QUADRANTS } from '../../lib/quadrants';
import { command, facilitatedRoom, Harness, synced } from './harness';
import { pageCount, pdfText, poppler, squash } from './pdfTools';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

const HIDDEN_INCOME = 'Income-that-must-not-print-42k';
const LONG_DAY = Array.from({ length: 60 }, (_, i) => `morning${i} tram to Łódź, coffee at the kiosk`)
  .join(', ')
  .slice(0, 1900);
const LONG_NOTE = Array.from({ length: 220 }, (_, i) => `insight${i}`)
  .join(' ')
  .slice(0, 1500);

const PERSONAS = [
  { name: 'Zoë z Łodzi', quote: 'I want my coffee fast, but made with care.', location: 'Łódź', drink: 'Flat white, 東京 style' },
  { name: 'Ahmed from القاهرة', quote: 'أشتري القهوة كل صباح', location: 'القاهرة', drink: 'Turkish coffee' },
  { name: 'סמואל ירושלים', quote: 'קונה קפה כל בוקר', location: 'ירושלים', drink: 'กาแฟเย็น กรุงเทพ' },
];

/** Per persona: notes in every script the fonts cover, a long one, evidence labels. */
const NOTES = [
  { quadrant: 'sees', text: 'Zoë sees the trams of Łódź every morning' },
  { quadrant: 'hears', text: '東京の同僚から新しいカフェの話を聞く' },
  { quadrant: 'thinks_feels', text: 'Москва: хочет тихое место для работы' },
  { quadrant: 'says_does', text: '서울 친구들이 추천한 카페에 간다' },
  { quadrant: 'pains', text: 'القاهرة يشتري القهوة كل صباح' },
  { quadrant: 'pains', text: 'ירושלים קונה קפה כל בוקר' },
  { quadrant: 'gains', text: 'กรุงเทพ ซื้อกาแฟทุกเช้า' },
];

async function uploadPicture(code: string, token: string): Promise<string> {
  const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#7c3aed' } })
    .png()
    .toBuffer();
  const res = await fetch(`${h.server.url}/api/workshops/${code}/pictures`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
    body: new Uint8Array(png),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { pictureId: string }).pictureId;
}

async function exportPdf(code: string, key: string, name: string): Promise<string> {
  const res = await fetch(`${h.server.url}/api/workshops/${code}/export.pdf`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  const file = path.join(h.dataDir, `${name}.pdf`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** The facilitator's part (meta is theirs alone): profile setup, personas and their profiles. */
function setUpPersonas(doc: Y.Doc) {
  doc.transact(() => {
    must(setProfileFieldHidden(doc, 'income', true));
    const drink = must(addCustomProfileField(doc, 'Favourite drink'));
    must(renamePersona(doc, readPersonas(doc)[0]!.id, PERSONAS[0]!.name));
    for (const extra of PERSONAS.slice(1)) must(addPersona(doc, { name: extra.name }));
    readPersonas(doc).forEach((persona, p) => {
      const spec = PERSONAS[p]!;
      if (p === 0) must(setProfileField(doc, persona.id, 'dayInLife', LONG_DAY));
      must(setProfileField(doc, persona.id, 'quote', spec.quote));
      must(setProfileField(doc, persona.id, 'location', spec.location));
      must(setProfileField(doc, persona.id, 'income', HIDDEN_INCOME));
      must(setCustomFieldValue(doc, persona.id, drink.id, spec.drink));
    });
  });
}

/** A participant's part (notes carry their author's id): notes with evidence, a group, Zoë's picture. */
function addNotes(doc: Y.Doc, author: { participantId: string; name: string }, pictureId: string): string[][] {
  const personas = readPersonas(doc);
  const ids: string[][] = [];
  doc.transact(() => {
    personas.forEach((persona, p) => {
      const notes = [...NOTES, ...(p === 0 ? [{ quadrant: 'gains', text: LONG_NOTE }] : [])];
      ids.push(
        notes.map((note, n) => {
          const added = must(
            addNote(doc, {
              personaId: persona.id,
              ...note,
              authorId: author.participantId,
              authorName: author.name,
              now: 1_700_000_000_000 + n,
            }),
          );
          if (n % 2 === 0) must(setNoteEvidence(doc, added.id, n % 4 === 0 ? 'observed' : 'assumed'));
          return added.id;
        }),
      );
    });
    must(setPersonaPicture(doc, personas[0]!.id, pictureId));
    must(createGroup(doc, { personaId: personas[0]!.id, quadrant: 'pains', name: 'Morning routine', noteIds: [ids[0]![4]!, ids[0]![5]!] }));
  });
  return ids;
}

// Uploads, two vote rounds and a render in a worker: slow on a loaded two-core machine.
describe('PDF persona poster', () => {
  it('prints picture or avatar, quote, profile (not hidden fields), evidence balance, votes and groups, in every script', async () => {
    const room = await facilitatedRoom(h, ['Zoë', 'Мария']);
    const [zoe, maria] = room.people as [(typeof room.people)[number], (typeof room.people)[number]];
    const facilitator = await h.facilitator(room.code, room.facilitatorKey);
    const pictureId = await uploadPicture(room.code, zoe.token);
    const provider = h.provider(room.code, facilitator.token);
    await synced(provider);
    setUpPersonas(provider.doc);
    const workshopId = (await h.server.storage.workshops.byCode(room.code))!.id;
    await vi.waitFor(async () => expect(await h.server.rooms.readDoc(workshopId, readPersonas)).toHaveLength(3), { timeout: 10_000 });
    const writer = h.provider(room.code, zoe.token);
    await synced(writer);
    const ids = addNotes(writer.doc, zoe, pictureId);
    await vi.waitFor(async () => expect(await h.server.rooms.readDoc(workshopId, readNotes)).toHaveLength(3 * NOTES.length + 1), {
      timeout: 10_000,
    });

    // A closed round: Zoë's newer pains note (the Hebrew one) gets two dots.
    const [arabicPain, hebrewPain] = [ids[0]![4]!, ids[0]![5]!];
    expect(await command(room.facilitator, { type: 'vote.open', budget: 3 })).toEqual({ ok: true });
    await vi.waitFor(async () => expect(room.session.latest!.state.vote?.status).toBe('open'));
    expect(await command(zoe.socket, { type: 'vote.cast', noteId: hebrewPain, delta: 1 })).toEqual({ ok: true });
    expect(await command(maria.socket, { type: 'vote.cast', noteId: hebrewPain, delta: 1 })).toEqual({ ok: true });
    expect(await command(room.facilitator, { type: 'vote.close' })).toEqual({ ok: true });
    // An open round is blind: its dot must not show (or change the order) in the export.
    expect(await command(room.facilitator, { type: 'vote.open', budget: 3 })).toEqual({ ok: true });
    await vi.waitFor(async () => expect(room.session.latest!.state.vote?.status).toBe('open'));
    expect(await command(zoe.socket, { type: 'vote.cast', noteId: arabicPain, delta: 1 })).toEqual({ ok: true });
    expect(await command(maria.socket, { type: 'vote.cast', noteId: arabicPain, delta: 1 })).toEqual({ ok: true });
    expect(await command(zoe.socket, { type: 'vote.cast', noteId: ids[0]![0]!, delta: 1 })).toEqual({ ok: true });

    const file = await exportPdf(room.code, room.facilitatorKey, 'poster');
    const text = pdfText(file);
    const flat = squash(text);
    for (const persona of PERSONAS) {
      for (const value of [persona.name, persona.quote, persona.location, persona.drink]) {
        // Right-to-left runs come out of pdftotext in visual order: compare word by word.
        for (const word of value.split(' ')) expect(flat, value).toContain(squash(word));
      }
    }
    for (const note of NOTES) for (const word of note.text.split(' ')) expect(flat, note.text).toContain(squash(word));
    expect(flat).toContain(squash(LONG_NOTE));
    expect(flat).toContain(squash(LONG_DAY)); // long profile text flows on, none of it clipped
    // Letter-spaced labels may come out with spaces between the letters: compared squashed.
    for (const label of ['PROFILE', 'WHERE THEY LIVE', 'FAVOURITE DRINK', 'A DAY IN THEIR LIFE']) expect(flat).toContain(squash(label));
    expect(flat).not.toContain(squash('HOUSEHOLD INCOME'));
    expect(flat).not.toContain(squash(HIDDEN_INCOME));
    // Evidence: per quadrant, and the mark on the note.
    expect(text).toMatch(/1 observed · 0 assumed/);
    expect(flat).toContain('OBSERVED');
    expect(flat).toContain('ASSUMED');
    // Votes of the closed round only; the top-voted note comes first in its quadrant.
    const zoePages = squash(pdfText(file, 2) + pdfText(file, 3));
    expect(zoePages).toContain('2VOTES');
    expect(flat).not.toContain('1VOTE');
    expect(zoePages.indexOf(squash('ירושלים'))).toBeLessThan(zoePages.indexOf(squash('القاهرة')));
    expect(zoePages).toContain(squash('Morning routine'));
    // The picture (a JPEG from the stored WebP) for Zoë; the others get the initials avatar.
    const images = poppler('pdfimages', ['-list', file]).trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*2\s+\d+\s+image\s+320\s+320\s+rgb\s+3\s+8\s+jpeg/);
    const fonts = poppler('pdffonts', [file]);
    for (const face of [
      'NotoSans-Regular',
      'NotoSansSC-Regular',
      'NotoSansKR-Regular',
      'NotoSansArabic-Regular',
      'NotoSansHebrew-Regular',
      'NotoSansThai-Regular',
    ]) {
      expect(fonts).toMatch(new RegExp(`${face}\\s+CID TrueType\\s+Identity-H\\s+yes yes yes`));
    }
    // Cover; Zoë's long profile and notes flow over two pages; the others are one-page posters.
    expect(pageCount(file)).toBe(1 + 2 + 1 + 1);
    expect(pdfText(file, 3)).toContain('(continued)');
    expect(squash(pdfText(file, 4))).toContain(squash('PERSONA 2 OF 3'));
    expect(squash(pdfText(file, 5))).toContain(squash('PERSONA 3 OF 3'));
  }, 60_000);

  it('prints the classic four quadrants, and notes whose quadrant left the map under "Not on this map"', async () => {
    const { code, facilitatorKey } = await h.createWorkshop('Classic');
    const facilitator = await h.facilitator(code, facilitatorKey);
    const provider = h.provider(code, facilitator.token);
    await synced(provider);
    const doc = provider.doc;
    const personaId = readPersonas(doc)[0]!.id;
    doc.transact(() => {
      metaMap(doc).set('template', 'classic');
      metaMap(doc).set('quadrants', CLASSIC_QUADRANTS);
      for (const [quadrant, text] of [
        ['says', 'Says the queue is too long'],
        ['thinks', 'Thinks the price is fair'],
        ['does', 'Does pay by phone'],
        ['feels', 'Feels rushed at 8:10'],
        ['pains', 'A pain from the six-quadrant map'],
      ]) {
        must(addNote(doc, { personaId, quadrant: quadrant!, text: text!, authorId: facilitator.participantId, authorName: 'Facilitator' }));
      }
    });
    const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
    await vi.waitFor(async () => expect(await h.server.rooms.readDoc(workshopId, readNotes)).toHaveLength(5));
    const file = await exportPdf(code, facilitatorKey, 'classic');
    const text = pdfText(file);
    const order = ['SAYS', 'THINKS', 'DOES', 'FEELS', 'NOT ON THIS MAP'].map((title) => text.indexOf(`${title} `));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const title of ['SEES', 'HEARS', 'PAINS', 'GAINS']) expect(text).not.toContain(`${title} `);
    expect(text.slice(order[4]!)).toContain('A pain from the six-quadrant map');
    expect(pageCount(file)).toBe(2);
  }, 60_000);
});
