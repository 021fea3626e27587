import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import type { SessionReply } from '../../lib/api';
import type { QuadrantId } from '../../lib/quadrants';
import { csvField, neutraliseFormula } from '../../server/export/csv';
import { escapeMarkdown } from '../../server/export/markdown';
import { Harness, synced } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

const NOTES: { quadrant: QuadrantId; text: string }[] = [
  { quadrant: 'sees', text: 'Zoë sees the trams of Łódź' },
  { quadrant: 'hears', text: '東京の同僚' },
  { quadrant: 'pains', text: '=HYPERLINK("https://evil.example","click")' },
  { quadrant: 'pains', text: '+1 more queue, -5 degrees' },
  { quadrant: 'pains', text: '@everyone, "quoted", and\na second line' },
  { quadrant: 'gains', text: '# not a heading <script>alert(1)</script> [link](https://x.example) *bold*' },
];

async function boardWithNotes(): Promise<{ code: string; key: string; ana: SessionReply }> {
  const { code, facilitatorKey } = await h.createWorkshop('Café Łódź');
  const ana = await h.join(code, 'Zoë');
  await h.join(code, 'Москва');
  const provider = h.provider(code, ana.token);
  await synced(provider);
  const personaId = readPersonas(provider.doc)[0]!.id;
  provider.doc.transact(() => {
    NOTES.forEach((note, i) =>
      addNote(provider.doc, { personaId, ...note, authorId: ana.participantId, authorName: ana.name, now: 1_700_000_000_000 + i }),
    );
  });
  const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
  await vi.waitFor(async () => await h.server.rooms.readDoc(workshopId, (doc) => expect(readNotes(doc)).toHaveLength(NOTES.length)));
  return { code, key: facilitatorKey, ana };
}

async function download(code: string, format: string, key: string): Promise<Response> {
  return fetch(`${h.server.url}/api/workshops/${code}/export.${format}`, { headers: { authorization: `Bearer ${key}` } });
}

/** RFC 4180 reader (CRLF rows, quoted fields), to check the writer from the outside. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (isQuoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      isQuoted = !isQuoted;
    } else if (!isQuoted && (char === ',' || (char === '\r' && text[i + 1] === '\n'))) {
      rows.at(-1)!.push(field);
      field = '';
      if (char === '\r') {
        rows.push([]);
        i++;
      }
    } else {
      field += char;
    }
  }
  return rows.slice(0, -1); // the file ends with CRLF
}

describe('Markdown, CSV and JSON export', () => {
  it('refuses without the key (401) and with another workshop’s key (403), for every format', async () => {
    const first = await h.createWorkshop('First');
    const second = await h.createWorkshop('Second');
    for (const format of ['md', 'csv', 'json', 'pdf']) {
      const url = `${h.server.url}/api/workshops/${first.code}/export.${format}`;
      expect((await fetch(url)).status, format).toBe(401);
      expect((await download(first.code, format, second.facilitatorKey)).status, format).toBe(403);
      expect((await fetch(url, { method: 'POST' })).status, format).toBe(405);
    }
    expect((await download('ZZZZZZZZ', 'csv', first.facilitatorKey)).status).toBe(404);
  });

  it('writes Markdown: a heading per persona and quadrant, a bullet per note with its author, user text escaped', async () => {
    const { code, key } = await boardWithNotes();
    const res = await download(code, 'md', key);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="workshop-${code.slice(0, 4)}-${code.slice(4)}.md"`);
    const md = await res.text();
    expect(md).toMatch(/^# Café Łódź\n/);
    expect(md).toContain('Participants (2): Zoë, Москва');
    expect(md).toContain('\n## Persona 1\n');
    for (const title of ['Sees', 'Hears', 'Thinks & Feels', 'Says & Does', 'Pains', 'Gains']) expect(md).toContain(`\n### ${title}\n`);
    expect(md).toContain('\n- Zoë sees the trams of Łódź — _Zoë_\n');
    expect(md).toContain('\n- 東京の同僚 — _Zoë_\n');
    expect(md).toContain('\n- @everyone, "quoted", and  \n  a second line — _Zoë_\n');
    expect(md).toContain('\n- \\# not a heading \\<script\\>alert(1)\\</script\\> \\[link\\](https://x.example) \\*bold\\* — _Zoë_\n');
    expect(md).not.toMatch(/^#{1,3} not a heading/m);
    expect(md).toContain('### Thinks & Feels\n\n_No notes._');
  });

  it('writes CSV: one RFC 4180 row per note, formulas neutralised', async () => {
    const { code, key } = await boardWithNotes();
    const res = await download(code, 'csv', key);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="workshop-${code.slice(0, 4)}-${code.slice(4)}.csv"`);
    const body = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(body.startsWith('\uFEFFpersona,quadrant,text,author,colour,created_at,journey_step,evidence,votes,group\r\n')).toBe(true);
    expect(body).toContain('"\'=HYPERLINK(""https://evil.example"",""click"")"');
    const [header, ...rows] = parseCsv(body.slice(1));
    expect(header).toEqual(['persona', 'quadrant', 'text', 'author', 'colour', 'created_at', 'journey_step', 'evidence', 'votes', 'group']);
    expect(rows).toHaveLength(NOTES.length);
    expect(rows.map((row) => row.length)).toEqual(NOTES.map(() => 10));
    expect(rows.map((row) => row[2])).toEqual([
      'Zoë sees the trams of Łódź',
      '東京の同僚',
      '\'=HYPERLINK("https://evil.example","click")',
      "'+1 more queue, -5 degrees",
      '\'@everyone, "quoted", and\na second line',
      '# not a heading <script>alert(1)</script> [link](https://x.example) *bold*',
    ]);
    expect(rows[0]).toEqual([
      'Persona 1',
      'Sees',
      'Zoë sees the trams of Łódź',
      'Zoë',
      'yellow',
      new Date(1_700_000_000_000).toISOString(),
      '',
      '',
      '0',
      '',
    ]);
    expect(rows[2]![1]).toBe('Pains');
  });

  it('keeps the JSON export for re-import, with its filename', async () => {
    const { code, key } = await boardWithNotes();
    const res = await download(code, 'json', key);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="workshop-${code.slice(0, 4)}-${code.slice(4)}.json"`);
    const body = (await res.json()) as { format: string; notes: unknown[]; personas: { notes: unknown[] }[] };
    expect(body.format).toBe('persona-workshop/v1');
    expect(body.notes).toHaveLength(NOTES.length);
    expect(body.personas[0]!.notes).toHaveLength(NOTES.length);
  });
});

describe('export text guards', () => {
  it('prefixes a quote to cells a spreadsheet would run as a formula', () => {
    for (const risky of ['=1+1', '+1', '-1', '@SUM(A1)', '\tcmd', '\r=1']) expect(neutraliseFormula(risky)).toBe(`'${risky}`);
    for (const plain of ['1+1', 'a=b', ' =1', 'Zoë', '']) expect(neutraliseFormula(plain)).toBe(plain);
  });

  it('quotes CSV fields only when RFC 4180 needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1,2')).toBe('"\'=1,2"');
  });

  it('escapes Markdown so a note cannot become a heading, list, link or HTML', () => {
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('> quote')).toBe('\\> quote');
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(escapeMarkdown('[a](b) `c` _d_ |e|')).toBe('\\[a\\](b) \\`c\\` \\_d\\_ \\|e\\|');
    expect(escapeMarkdown('Fish &amp; chips & tea')).toBe('Fish \\&amp; chips & tea');
    expect(escapeMarkdown('Zoë, 東京, Москва')).toBe('Zoë, 東京, Москва');
  });
});
