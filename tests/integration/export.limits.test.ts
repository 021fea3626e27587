import { SIX_QUADRANTS } from '../../lib/quadrants';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { ExportRefusedError } from '../../server/export/ExportGate';
import type { ExportModel } from '../../server/export/exportModel';
import { PdfExporter } from '../../server/export/PdfExporter';
import { Harness, synced } from './harness';

const MODEL: ExportModel = {
  code: 'ABCD2345',
  locale: 'en',
  title: 'Limits',
  workshopDate: 0,
  exportedAt: 0,
  participants: [],
  withheldParticipants: 0,
  quadrants: SIX_QUADRANTS,
  personas: [],
};

/** A render that finishes when the test says so, counting how many run at once. */
function controlledRender() {
  const pending: (() => void)[] = [];
  const state = { running: 0, maxRunning: 0 };
  const render = () =>
    new Promise<Uint8Array>((resolve) => {
      state.running += 1;
      state.maxRunning = Math.max(state.maxRunning, state.running);
      pending.push(() => {
        state.running -= 1;
        resolve(new Uint8Array([37, 80, 68, 70]));
      });
    });
  return { render, pending, state };
}

describe('PDF export limits', () => {
  it('runs at most two renders at once, queues a few briefly, refuses the rest', async () => {
    const { render, pending, state } = controlledRender();
    const exporter = new PdfExporter({ maxConcurrent: 2, maxQueued: 1, queueWaitMs: 10_000 }, render);
    const first = exporter.render(MODEL);
    const second = exporter.render(MODEL);
    const queued = exporter.render(MODEL);
    await expect(exporter.render(MODEL)).rejects.toBeInstanceOf(ExportRefusedError);
    await vi.waitFor(async () => expect(pending).toHaveLength(2));
    expect(state.running).toBe(2);

    pending.shift()!(); // the first finishes: the queued one takes its slot
    await expect(first).resolves.toBeInstanceOf(Uint8Array);
    await vi.waitFor(async () => expect(pending).toHaveLength(2));
    for (const finish of pending.splice(0)) finish();
    await expect(Promise.all([second, queued])).resolves.toHaveLength(2);
    expect(state.maxRunning).toBe(2);
  });

  it('gives up on a queued request after the wait, with a retry hint', async () => {
    const { render, pending } = controlledRender();
    const exporter = new PdfExporter({ maxConcurrent: 1, maxQueued: 4, queueWaitMs: 50 }, render);
    const running = exporter.render(MODEL);
    const refused = await exporter.render(MODEL).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ExportRefusedError);
    expect((refused as ExportRefusedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await vi.waitFor(async () => expect(pending).toHaveLength(1));
    pending.shift()!();
    await expect(running).resolves.toBeInstanceOf(Uint8Array);
  });

  it('stops a render that passes its time limit, and the next export still works', async () => {
    const exporter = new PdfExporter({ timeoutMs: 30 });
    try {
      // Starting a worker and loading react-pdf alone takes far longer than 30 ms.
      const error = await exporter.render(MODEL).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ExportRefusedError);
      expect((error as Error).message).toMatch(/longer than/);
    } finally {
      await exporter.close();
    }
    const patient = new PdfExporter({ timeoutMs: 20_000 });
    try {
      const pdf = await patient.render(MODEL);
      expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    } finally {
      await patient.close();
    }
  });
});

describe('PDF export limits over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = new Harness();
    await h.start();
  });
  afterEach(() => h.close());

  it('answers a burst of PDF exports with 503, Retry-After and a JSON reason beyond the limit', async () => {
    const { code, facilitatorKey } = await h.createWorkshop('Burst');
    const ana = await h.join(code, 'Ana');
    const provider = h.provider(code, ana.token);
    await synced(provider);
    const personaId = readPersonas(provider.doc)[0]!.id;
    provider.doc.transact(() => {
      for (let i = 0; i < 120; i++) {
        addNote(provider.doc, {
          personaId,
          quadrant: 'hears',
          text: `Heard at the counter, item ${i}`,
          authorId: ana.participantId,
          authorName: 'Ana',
        });
      }
    });
    const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
    await vi.waitFor(async () => await h.server.rooms.readDoc(workshopId, (doc) => expect(readNotes(doc)).toHaveLength(120)));

    // Two render, four wait (at most 3 s), so of eight at once at least two are refused at once.
    const url = `${h.server.url}/api/workshops/${code}/export.pdf`;
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => fetch(url, { headers: { authorization: `Bearer ${facilitatorKey}` } })),
    );
    const statuses = replies.map((res) => res.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(2);
    const refused = replies.filter((res) => res.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    for (const res of refused) {
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('content-disposition')).toBeNull();
      expect(await res.json()).toEqual({ error: expect.stringMatching(/busy/) });
    }
    await Promise.all(replies.filter((res) => res.status === 200).map((res) => res.arrayBuffer()));
  });
});
