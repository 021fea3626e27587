/**
 * PDF export benchmark: a workshop with 6 personas × 300 notes, written straight into SQLite
 * through the server factory, exported over HTTP like the presenter view does. Prints one
 * JSON line. Run: `npm run bench:export` (or `npx tsx bench/exportPdf.ts [personas] [notes]`).
 * `--in-process` renders on this thread instead, for `node --cpu-prof --import tsx …`.
 *
 * cpuMs is the CPU time of the whole process (every thread: the PDF worker, GC helpers) during
 * an export; on a busy machine it says more than the wall time.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { personasMap, notesMap } from '../lib/board';
import { NOTE_COLORS } from '../lib/note';
import { QUADRANT_IDS } from '../lib/quadrants';
import type { CreateWorkshopReply } from '../lib/api';
import { createAppServer, type AppServer } from '../server/createAppServer';
import { buildExportModel } from '../server/export/exportModel';
import { renderPosterPdf } from '../server/export/pdf/renderPoster';
import { createLogger } from '../server/log';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const isInProcess = process.argv.includes('--in-process');
const PERSONAS = Number(args[0] ?? 6);
const NOTES_PER_PERSONA = Number(args[1] ?? 300);
const RUNS = 3;
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

function writeBoard(server: AppServer, code: string): number {
  const workshop = server.store.workshopByCode(code)!;
  const doc = new Y.Doc();
  server.rooms.readDoc(workshop.id, (stored) => Y.applyUpdate(doc, Y.encodeStateAsUpdate(stored)));
  const before = Y.encodeStateVector(doc);
  let count = 0;
  doc.transact(() => {
    for (const existing of [...personasMap(doc).keys()]) personasMap(doc).delete(existing);
    for (let p = 0; p < PERSONAS; p++) {
      const personaId = `persona${String(p).padStart(9, '0')}`;
      const persona = new Y.Map<unknown>();
      personasMap(doc).set(personaId, persona);
      for (const [key, value] of Object.entries({ id: personaId, name: `Persona ${p + 1}`, order: p + 1, createdAt: Date.now() })) {
        persona.set(key, value);
      }
      for (let n = 0; n < NOTES_PER_PERSONA; n++, count++) {
        const id = `note${String(count).padStart(12, '0')}`;
        const note = new Y.Map<unknown>();
        notesMap(doc).set(id, note);
        const fields = {
          id,
          personaId,
          quadrant: QUADRANT_IDS[n % QUADRANT_IDS.length],
          text: noteText(count),
          color: NOTE_COLORS[count % NOTE_COLORS.length],
          authorId: `author${String(count % 12).padStart(10, '0')}`,
          authorName: `Person ${count % 12}`,
          createdAt: 1_700_000_000_000 + count,
        };
        for (const [key, value] of Object.entries(fields)) note.set(key, value);
      }
    }
  });
  server.store.appendUpdate(workshop.id, Y.encodeStateAsUpdate(doc, before));
  return count;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

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
    const workshop = server.store.workshopByCode(code)!;
    const model = server.rooms.readDoc(workshop.id, (doc) => buildExportModel(doc, workshop, []));
    return renderPosterPdf(model);
  }
  const res = await fetch(`${server.url}/api/workshops/${code}/export.pdf`, { headers: { authorization: `Bearer ${key}` } });
  if (res.status !== 200) throw new Error(`export failed: ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'pw-bench-export-'));
const server = await createAppServer({ dataDir, logger: createLogger('silent') });
try {
  const created = await fetch(`${server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Export benchmark' }),
  });
  const { code, facilitatorKey } = (await created.json()) as CreateWorkshopReply;
  const notes = writeBoard(server, code);
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
  const [coldMs, ...warm] = walls;
  console.log(
    JSON.stringify({
      bench: 'export.pdf',
      mode: isInProcess ? 'in-process' : 'http+worker',
      personas: PERSONAS,
      notes,
      pages: pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0,
      bytes: pdf.length,
      coldMs: Math.round(coldMs!),
      medianMs: Math.round(median(warm)),
      runsMs: warm.map(Math.round),
      medianCpuMs: Math.round(median(cpus.slice(1))),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
      targetMs: 2000,
    }),
  );
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
