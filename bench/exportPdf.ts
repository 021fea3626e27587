/**
 * PDF export benchmark: a workshop with 6 personas × 300 notes, each persona with a picture
 * (uploaded through the API), a quote and a full profile (plus a custom field, one hidden), the
 * notes with evidence labels, groups and closed-vote dots, written straight into SQLite through
 * the server factory, exported over HTTP like the presenter view does. Prints one JSON line.
 * Run: `npm run bench:export` (or `npx tsx bench/exportPdf.ts [personas] [notes] [--runs=N]`).
 * `--in-process` renders on this thread instead, for `node --cpu-prof --import tsx …`;
 * `--out=file.pdf` keeps the last PDF, to look at.
 *
 * cpuMs is the CPU time of the whole process (every thread: the PDF worker, GC helpers) during
 * an export; on a busy machine it says more than the wall time. peakRssMb is the process's
 * high-water mark (the worker threads live in it), over the whole run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import * as Y from 'yjs';
import { metaMap, personasMap, notesMap } from '../lib/board';
import { groupsMap } from '../lib/groups';
import { NOTE_COLORS } from '../lib/note';
import { customValueKey, PROFILE_FIELD_KEYS } from '../lib/profile';
import { QUADRANT_IDS } from '../lib/quadrants';
import type { CreateWorkshopReply, SessionReply } from '../lib/api';
import { createAppServer, type AppServer } from '../server/createAppServer';
import { buildExportModel } from '../server/export/exportModel';
import { attachPosterPictures } from '../server/export/posterPictures';
import { closedVoteTotals } from '../server/export/voteTotals';
import { renderPosterPdf } from '../server/export/pdf/renderPoster';
import { createLogger } from '../server/log';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const isInProcess = process.argv.includes('--in-process');
const outFile = process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length);
const PERSONAS = Number(args[0] ?? 6);
const NOTES_PER_PERSONA = Number(args[1] ?? 300);
const RUNS = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 7);
const CUSTOM_FIELD_ID = 'benchfield000001';
const PHRASES = [
  'Queues at lunch are too long',
  'Zoë from Łódź hears about offers from friends',
  '東京の朝はとても忙しい',
  'Москва: ищет тихое место для работы',
  'Αθήνα — wants coffee before the 8:10 train',
  'Compares prices on the phone while waiting, and leaves if the line does not move',
  'Would pay more for a loyalty card that works across the whole chain of shops in town',
];

/** Deterministic note text: mostly short, a quarter medium, one in twenty long. */
function noteText(i: number): string {
  const phrase = PHRASES[i % PHRASES.length]!;
  const repeat = i % 20 === 0 ? 12 : i % 4 === 0 ? 3 : 1;
  return Array.from({ length: repeat }, () => phrase)
    .join('. ')
    .slice(0, 2000);
}

/** A photo-like picture (smooth colour fields, not a flat fill that compresses to nothing), 1024 px. */
function photo(seed: number): Promise<Buffer> {
  const size = 24;
  const pixels = Buffer.alloc(size * size * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (Math.sin(i * 0.37 + seed) * 0.5 + 0.5) * 255;
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .resize(1024, 1024, { kernel: 'cubic' })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function uploadPictures(server: AppServer, code: string, token: string): Promise<string[]> {
  const ids: string[] = [];
  for (let p = 0; p < PERSONAS; p++) {
    const res = await fetch(`${server.url}/api/workshops/${code}/pictures`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(await photo(p)),
    });
    if (res.status !== 201) throw new Error(`picture upload failed: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { pictureId: string }).pictureId);
  }
  return ids;
}

/** Every standard field filled (short ones short, long ones a few sentences), and a custom one. */
function profileOf(p: number): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const key of PROFILE_FIELD_KEYS) {
    fields[key] =
      key === 'quote'
        ? `I want it fast, but I want it to feel like someone cared (${p + 1}).`
        : `${key} of persona ${p + 1}: ${PHRASES[p % PHRASES.length]}`;
  }
  fields.dayInLife = Array.from({ length: 4 }, (_, i) => PHRASES[(p + i) % PHRASES.length]).join('. ');
  fields[customValueKey(CUSTOM_FIELD_ID)] = 'Flat white with oat milk, 東京 style';
  return fields;
}

function setFields(map: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
}

/** Personas with pictures and profiles, their notes (a third observed, a third assumed, some grouped); returns the note ids. */
async function writeBoard(server: AppServer, code: string, pictureIds: string[]): Promise<string[]> {
  const workshop = (await server.storage.workshops.byCode(code))!;
  const doc = new Y.Doc();
  await server.rooms.readDoc(workshop.id, (stored) => Y.applyUpdate(doc, Y.encodeStateAsUpdate(stored)));
  const before = Y.encodeStateVector(doc);
  const noteIds: string[] = [];
  doc.transact(() => {
    metaMap(doc).set('hiddenProfileFields', ['income']);
    metaMap(doc).set('customProfileFields', [{ id: CUSTOM_FIELD_ID, label: 'Favourite drink' }]);
    for (const existing of [...personasMap(doc).keys()]) personasMap(doc).delete(existing);
    for (let p = 0; p < PERSONAS; p++) {
      const personaId = `persona${String(p).padStart(9, '0')}`;
      const persona = new Y.Map<unknown>();
      personasMap(doc).set(personaId, persona);
      setFields(persona, {
        id: personaId,
        name: `Persona ${p + 1}`,
        order: p + 1,
        createdAt: Date.now(),
        pictureId: pictureIds[p]!,
        ...profileOf(p),
      });
      const groupIds = QUADRANT_IDS.map((quadrant, q) => {
        const id = `group${String(p * 10 + q).padStart(11, '0')}`;
        const group = new Y.Map<unknown>();
        groupsMap(doc).set(id, group);
        setFields(group, { id, personaId, quadrant, name: `Theme ${q + 1}`, createdAt: 1_700_000_000_000 });
        return id;
      });
      for (let n = 0; n < NOTES_PER_PERSONA; n++) {
        const count = noteIds.length;
        const id = `note${String(count).padStart(12, '0')}`;
        const note = new Y.Map<unknown>();
        notesMap(doc).set(id, note);
        setFields(note, {
          id,
          personaId,
          quadrant: QUADRANT_IDS[n % QUADRANT_IDS.length],
          text: noteText(count),
          color: NOTE_COLORS[count % NOTE_COLORS.length],
          authorId: `author${String(count % 12).padStart(10, '0')}`,
          authorName: count % 10 === 9 ? '' : `Person ${count % 12}`,
          createdAt: 1_700_000_000_000 + count,
          evidence: (['observed', 'assumed', null] as const)[count % 3],
          ...(n % 7 === 0 ? { groupId: groupIds[n % QUADRANT_IDS.length] } : {}),
        });
        noteIds.push(id);
      }
    }
  });
  await server.storage.docs.append([{ workshopId: workshop.id, update: Y.encodeStateAsUpdate(doc, before) }]);
  return noteIds;
}

/** A closed vote round: a dot from the participant on every eleventh note. */
async function castVotes(server: AppServer, code: string, participantId: string, noteIds: string[]): Promise<void> {
  const workshopId = (await server.storage.workshops.byCode(code))!.id;
  const rules = { budget: noteIds.length * 3, allowMultiplePerNote: true };
  for (const [i, noteId] of noteIds.entries()) {
    if (i % 11 !== 0) continue;
    for (let dot = 0; dot < 1 + (i % 3); dot++)
      await server.storage.votes.cast(workshopId, 'benchround000001', participantId, noteId, 1, rules);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** Nearest-rank percentile. */
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)]!;

/** CPU time of every live thread of this process, in ms (Linux schedstat, nanosecond exact). */
function processCpuMs(): number {
  let ns = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      ns += Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ns / 1e6;
}

async function exportOnce(server: AppServer, code: string, key: string): Promise<Buffer> {
  if (isInProcess) {
    const workshop = (await server.storage.workshops.byCode(code))!;
    const votes = await closedVoteTotals(server.storage.votes, { get: async () => ({ vote: null }) }, workshop.id);
    const model = await server.rooms.readDoc(workshop.id, (doc) => buildExportModel(doc, workshop, [], { votes }));
    return renderPosterPdf(await attachPosterPictures(model, server.storage.pictures, workshop.id, createLogger('silent')));
  }
  const res = await fetch(`${server.url}/api/workshops/${code}/export.pdf`, { headers: { authorization: `Bearer ${key}` } });
  if (res.status !== 200) throw new Error(`export failed: ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'pw-bench-export-'));
// The benchmark downloads the same board more often than a facilitator would.
const server = await createAppServer({
  dataDir,
  logger: createLogger('silent'),
  limits: { exportsPerAddressPerMinute: 1_000_000, exportsPerWorkshopPerMinute: 1_000_000 },
});
try {
  const created = await fetch(`${server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Export benchmark' }),
  });
  const { code, facilitatorKey } = (await created.json()) as CreateWorkshopReply;
  const joined = await fetch(`${server.url}/api/workshops/${code}/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench' }),
  });
  const participant = (await joined.json()) as SessionReply;
  const pictureIds = await uploadPictures(server, code, participant.token);
  const noteIds = await writeBoard(server, code, pictureIds);
  await castVotes(server, code, participant.participantId, noteIds);
  const walls: number[] = [];
  const cpus: number[] = [];
  let pdf: Buffer = Buffer.alloc(0);
  // Run 0 is cold: it starts the worker and loads react-pdf and the fonts.
  for (let run = 0; run <= RUNS; run++) {
    const cpuBefore = processCpuMs();
    const startedAt = performance.now();
    pdf = await exportOnce(server, code, facilitatorKey);
    walls.push(performance.now() - startedAt);
    cpus.push(processCpuMs() - cpuBefore);
  }
  if (outFile) writeFileSync(outFile, pdf);
  const [coldMs, ...warm] = walls;
  console.log(
    JSON.stringify({
      bench: 'export.pdf',
      mode: isInProcess ? 'in-process' : 'http+worker',
      personas: PERSONAS,
      notes: noteIds.length,
      pages: pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0,
      bytes: pdf.length,
      coldMs: Math.round(coldMs!),
      medianMs: Math.round(median(warm)),
      p95Ms: Math.round(percentile(warm, 95)),
      maxMs: Math.round(Math.max(...warm)),
      runsMs: warm.map(Math.round),
      medianCpuMs: Math.round(median(cpus.slice(1))),
      // The least disturbed run: on a shared machine, the steadiest figure for comparing builds.
      minCpuMs: Math.round(Math.min(...cpus.slice(1))),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
      targetMs: 2000,
    }),
  );
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
