import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAction } from '../../lib/actions';
import type { CreateWorkshopReply } from '../../lib/api';
import { addNote, readNotes, readPersonas, setNoteEvidence } from '../../lib/board';
import type { Locale } from '../../lib/i18n/locales';
import { setProfileField } from '../../lib/profileBoard';
import { Harness, synced } from './harness';
import { pdfText, poppler, squash } from './pdfTools';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

/** Compared as `squash` does, ignoring case. */
const flat = (text: string) => squash(text).toLowerCase();
const ARTIFACTS = path.join(process.cwd(), 'artifacts', 'exports');

/** Notes typed in the workshop's language (and one in English: what people type is never translated). */
const NOTES: Record<'de' | 'ja' | 'ar', string[]> = {
  de: ['Sieht jeden Morgen die Schlange vor der Bäckerei', 'Hört auf die Empfehlung der Kollegin', 'Fürchtet zu hohe Preise'],
  ja: ['毎朝パン屋の行列を見る', '同僚のおすすめを聞く', '高すぎる値段が心配'],
  ar: ['يرى طابور المخبز كل صباح', 'يستمع إلى توصية زميلته', 'يخاف من الأسعار المرتفعة'],
};

/**
 * What the export's own words must say, per language, straight from the catalogs' translations.
 * `pdftotext` lists a right-to-left line's words in visual order (and splits a word at its
 * vowel marks), so Arabic is checked word by word, with words that carry no marks.
 */
const EXPECTED = {
  de: {
    pdf: [
      'Deckblatt',
      'Seite 1',
      'Persona 1 von 1',
      'Profil',
      'Alter',
      'beobachtet',
      'angenommen',
      'Maßnahmenplan',
      'Verantwortlich',
      'Sieht',
      'Hört',
    ],
    csv: 'Persona,Quadrant,Text,Autor:in,Farbe,Erstellt am,Journey-Schritt,Evidenz,Punkte,Gruppe',
    md: ['### Maßnahmenplan', '### Was wir nicht wissen', '(beobachtet)', '24. Dez. 2026', 'Raumcode '],
  },
  ja: {
    pdf: ['表紙', '1 ページ', 'ペルソナ 1 / 1', 'プロフィール', '年齢', '観察した事実', '仮説', 'アクションプラン', '担当者'],
    csv: 'ペルソナ,象限,テキスト,作成者,色,作成日時,ジャーニーのステップ,根拠,票,グループ',
    md: ['### アクションプラン', '### わかっていないこと', '(観察した事実)', '2026年12月24日', 'ルームコード '],
  },
  ar: {
    pdf: ['الغلاف', 'الملف', 'الشخصي', 'العمر', 'خطة', 'العمل', 'المسؤول', 'صفحة'],
    csv: 'الشخصية,الربع,النص,الكاتب,اللون,تاريخ_الإنشاء,خطوة_الرحلة,الدليل,الأصوات,المجموعة',
    md: ['### خطة العمل', '### ما لا نعرفه', '(ملاحَظ)', 'رمز الغرفة '],
  },
} satisfies Record<'de' | 'ja' | 'ar', { pdf: string[]; csv: string; md: string[] }>;

async function createIn(locale: Locale): Promise<CreateWorkshopReply> {
  const res = await h.post('/api/workshops', { title: 'Bäckerei am Markt', locale });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateWorkshopReply;
}

/** Three notes (one observed, one assumed), a profile field and an action with a due date. */
async function fill(created: CreateWorkshopReply, notes: string[]) {
  const facilitator = await h.join(created.code, 'Zoë');
  const provider = h.provider(created.code, facilitator.token);
  await synced(provider);
  const doc = provider.doc;
  const persona = readPersonas(doc)[0]!;
  const quadrants = ['sees', 'hears', 'pains'];
  doc.transact(() => {
    notes.forEach((text, i) => {
      const note = addNote(doc, {
        personaId: persona.id,
        quadrant: quadrants[i]!,
        text,
        authorId: facilitator.participantId,
        authorName: 'Zoë',
      });
      if (!note.ok) throw new Error(note.error);
      if (i < 2) expect(setNoteEvidence(doc, note.value.id, i === 0 ? 'observed' : 'assumed').ok).toBe(true);
    });
    expect(setProfileField(doc, persona.id, 'age', '42').ok).toBe(true);
    expect(
      addAction(doc, {
        personaId: persona.id,
        text: notes[0]!,
        owner: { participantId: facilitator.participantId, name: 'Zoë' },
        dueDate: '2026-12-24',
      }).ok,
    ).toBe(true);
  });
  const workshopId = (await h.server.storage.workshops.byCode(created.code))!.id;
  await vi.waitFor(() => h.server.rooms.readDoc(workshopId, (server) => expect(readNotes(server)).toHaveLength(notes.length)), {
    timeout: 10_000,
  });
  provider.destroy();
}

async function download(created: CreateWorkshopReply, format: 'pdf' | 'md' | 'csv') {
  const res = await fetch(`${h.server.url}/api/workshops/${created.code}/export.${format}`, {
    headers: { authorization: `Bearer ${created.facilitatorKey}` },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('exports in the workshop language', () => {
  it.each(['de', 'ja', 'ar'] as const)('%s: the PDF, Markdown and CSV speak it; every note is in them', async (locale) => {
    const created = await createIn(locale);
    await fill(created, NOTES[locale]);

    // Kept as artifacts, with a render of each page, to be looked at (as the e2e screenshots are).
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `export-${locale}.pdf`);
    writeFileSync(file, await download(created, 'pdf'));
    poppler('pdftoppm', ['-png', '-r', '60', file, path.join(ARTIFACTS, `export-${locale}`)]);
    const text = flat(pdfText(file));
    const notes = locale === 'ar' ? NOTES.ar.flatMap((note) => note.split(' ')) : NOTES[locale];
    for (const expected of [...EXPECTED[locale].pdf, ...notes]) expect(text, expected).toContain(flat(expected));
    // None of the poster's English words is left.
    for (const english of ['Cover', 'Profile', 'observed', 'Action plan', 'Page 1']) expect(text).not.toContain(flat(english));
    expect(poppler('pdfinfo', [file])).toMatch(/Pages:\s+3/);

    const markdown = (await download(created, 'md')).toString('utf8');
    for (const text of [...EXPECTED[locale].md, ...NOTES[locale]]) expect(markdown, text).toContain(text);
    expect(markdown).not.toMatch(/### Action plan|Room code|\(observed\)/);

    const csv = (await download(created, 'csv')).toString('utf8');
    const [header, ...rows] = csv.split('\r\n');
    expect(header).toBe(`\uFEFF${EXPECTED[locale].csv}`);
    for (const note of NOTES[locale]) expect(rows.some((row) => row.includes(note))).toBe(true);
  });

  it('an English workshop keeps the English words and ISO due dates (tools read them)', async () => {
    const created = await createIn('en');
    await fill(created, ['Sees the queue at the bakery', 'Hears a colleague', 'Fears high prices']);
    const markdown = (await download(created, 'md')).toString('utf8');
    expect(markdown).toContain('— owner: Zoë — due 2026-12-24');
    expect(markdown).toContain('3 notes by 1 person · 1 observed · 1 assumed');
    expect((await download(created, 'csv')).toString('utf8').split('\r\n')[0]).toBe(
      '\uFEFFpersona,quadrant,text,author,colour,created_at,journey_step,evidence,votes,group',
    );
  });
});
