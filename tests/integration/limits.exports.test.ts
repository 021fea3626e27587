import { afterEach, describe, expect, it, vi } from 'vitest';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { Harness, synced, eventually } from './harness';

let h: Harness;
afterEach(() => h.close());

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function withSnapshot() {
  const created = await h.createWorkshop();
  const res = await h.post(`/api/workshops/${created.code}/snapshots`, { name: 'Noon' }, bearer(created.facilitatorKey));
  const { id } = (await res.json()) as { id: string };
  return { ...created, snapshotId: id };
}

/** Every way to download a board: the four export formats and the two snapshot reads. */
const downloads = (code: string, snapshotId: string) => [
  `/api/workshops/${code}/export.json`,
  `/api/workshops/${code}/export.md`,
  `/api/workshops/${code}/export.csv`,
  `/api/workshops/${code}/snapshots/${snapshotId}`,
  `/api/workshops/${code}/snapshots/${snapshotId}/export.json`,
];

describe('downloads of a board', () => {
  it('are limited per address, in every format (429 with Retry-After), and other addresses are unaffected', async () => {
    h = new Harness();
    await h.start({ trustProxy: true, limits: { exportsPerAddressPerMinute: 12, exportsPerWorkshopPerMinute: 1000 } });
    const { code, facilitatorKey, snapshotId } = await withSnapshot();
    const paths = downloads(code, snapshotId);
    const from = (address: string) => ({ ...bearer(facilitatorKey), 'x-forwarded-for': address });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${h.server.url}${paths[i % paths.length]}`, { headers: from('198.51.100.7') });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(await res.json()).toEqual({ error: expect.stringMatching(/Too many downloads/) });
      } else await res.arrayBuffer();
    }
    expect(statuses.slice(0, 12).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(12).every((status) => status === 429)).toBe(true);
    const pdf = await fetch(`${h.server.url}/api/workshops/${code}/export.pdf`, { headers: from('198.51.100.7') });
    expect(pdf.status).toBe(429);
    expect((await fetch(`${h.server.url}${paths[0]}`, { headers: from('198.51.100.8') })).status).toBe(200);
  });

  it('are limited per workshop, whichever addresses ask', async () => {
    h = new Harness();
    await h.start({ trustProxy: true, limits: { exportsPerAddressPerMinute: 1000, exportsPerWorkshopPerMinute: 6 } });
    const { code, facilitatorKey, snapshotId } = await withSnapshot();
    const other = await h.createWorkshop('Other');
    const paths = downloads(code, snapshotId);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${h.server.url}${paths[i % paths.length]}`, {
        headers: { ...bearer(facilitatorKey), 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
    const elsewhere = await fetch(`${h.server.url}/api/workshops/${other.code}/export.json`, { headers: bearer(other.facilitatorKey) });
    expect(elsewhere.status).toBe(200);
  });
});

describe('the PDF export', () => {
  it('takes its slot before it reads the board: a request refused as busy costs no work', { timeout: 150_000 }, async () => {
    h = new Harness();
    // One slot and no queue; a render may take long on a loaded machine: only the order is tested.
    await h.start({ pdfExport: { maxConcurrent: 1, maxQueued: 0, timeoutMs: 120_000 } });
    const { code, facilitatorKey } = await h.createWorkshop('Gate first');
    const ana = await h.join(code, 'Ana');
    const provider = h.provider(code, ana.token);
    await synced(provider);
    const personaId = readPersonas(provider.doc)[0]!.id;
    provider.doc.transact(() => {
      for (let i = 0; i < 20; i++)
        addNote(provider.doc, { personaId, quadrant: 'hears', text: `Note ${i}`, authorId: ana.participantId, authorName: 'Ana' });
    });
    const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
    await eventually(async () => expect(await h.server.rooms.readDoc(workshopId, readNotes)).toHaveLength(20));

    const reads = vi.spyOn(h.server.rooms, 'readDoc');
    const url = `${h.server.url}/api/workshops/${code}/export.pdf`;
    // The first render starts a worker and loads react-pdf: far longer than a second request takes.
    const first = fetch(url, { headers: bearer(facilitatorKey) });
    await eventually(async () => expect(reads).toHaveBeenCalled());
    const readsOfFirst = reads.mock.calls.length;
    const second = await fetch(url, { headers: bearer(facilitatorKey) });
    expect(second.status).toBe(503);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(reads.mock.calls.length).toBe(readsOfFirst);
    expect((await first).status).toBe(200);
  });
});
