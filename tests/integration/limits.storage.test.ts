import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { setPersonaPicture } from '../../lib/personaBoard';
import { Harness, synced, eventually, sqliteOf } from './harness';

let h: Harness;
afterEach(() => h.close());

const KIB = 1024;

async function start(limits: Record<string, number> = {}) {
  h = new Harness();
  await h.start({ limits });
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/** A noisy picture, so its WebP stays large (about 100 KB) and the quotas are reached quickly. */
async function noisyPng(seed: number): Promise<Uint8Array> {
  const pixels = Buffer.alloc(640 * 480 * 3);
  let x = seed;
  for (let i = 0; i < pixels.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = x >> 16;
  }
  return sharp(pixels, { raw: { width: 640, height: 480, channels: 3 } })
    .png()
    .toBuffer();
}

function upload(code: string, token: string, body: Uint8Array): Promise<Response> {
  return fetch(`${h.server.url}/api/workshops/${code}/pictures`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'image/png' },
    body: new Uint8Array(body),
  });
}

const snapshot = (code: string, key: string, name: string) => h.post(`/api/workshops/${code}/snapshots`, { name }, bearer(key));

/** Writes `count` notes as a participant, so the board (and each snapshot of it) has some weight. */
async function fill(code: string, count: number) {
  const ana = await h.join(code, 'Ana');
  const provider = h.provider(code, ana.token);
  await synced(provider);
  const personaId = readPersonas(provider.doc)[0]!.id;
  provider.doc.transact(() => {
    for (let i = 0; i < count; i++) {
      addNote(provider.doc, {
        personaId,
        quadrant: 'sees',
        text: `${i} ${'a fairly long note '.repeat(10)}`,
        authorId: ana.participantId,
        authorName: 'Ana',
      });
    }
  });
  const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
  await eventually(async () => expect(await h.server.rooms.readDoc(workshopId, readNotes)).toHaveLength(count));
  return { ana, provider, personaId, workshopId };
}

describe('storage per workshop', () => {
  it('counts the board, snapshots and pictures together: 507 past the limit, room again after a snapshot is deleted', async () => {
    await start({ workshopStorageBytes: 400 * KIB });
    const { code, facilitatorKey } = await h.createWorkshop();
    const { ana } = await fill(code, 300); // about 70 KB of board
    const taken: string[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 10 && !refused; i++) {
      const res = await snapshot(code, facilitatorKey, `Snapshot ${i}`);
      if (res.status === 201) taken.push(((await res.json()) as { id: string }).id);
      else refused = res;
    }
    expect(taken.length).toBeGreaterThanOrEqual(2);
    expect(refused?.status).toBe(507);
    expect(await refused!.json()).toEqual({ error: expect.stringMatching(/limit of 400 KB .*Delete snapshots/) });
    const picture = await upload(code, ana.token, await noisyPng(1));
    expect(picture.status).toBe(507);
    // Told in the asker's language (here the browser's German), the limit as configured.
    const german = await h.post(
      `/api/workshops/${code}/snapshots`,
      { name: 'Noch eins' },
      { ...bearer(facilitatorKey), 'accept-language': 'de' },
    );
    expect(german.status).toBe(507);
    expect(await german.json()).toEqual({
      error: 'Dieser Workshop hat sein Limit von 400 KB erreicht (Board, Snapshots und Bilder). Lösch Snapshots, um Platz zu schaffen.',
    });

    const deleted = await fetch(`${h.server.url}/api/workshops/${code}/snapshots/${taken[0]}`, {
      method: 'DELETE',
      headers: bearer(facilitatorKey),
    });
    expect(deleted.status).toBe(204);
    expect((await snapshot(code, facilitatorKey, 'After making room')).status).toBe(201);
    const list = (await (await fetch(`${h.server.url}/api/workshops/${code}/snapshots`, { headers: bearer(facilitatorKey) })).json()) as {
      snapshots: { id: string }[];
    };
    expect(list.snapshots.map((s) => s.id)).not.toContain(taken[0]);
  });

  it('a copy takes only the pictures its personas show, and counts them', async () => {
    await start();
    const source = await h.createWorkshop('Source');
    const ana = await h.join(source.code, 'Ana');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await upload(source.code, ana.token, await noisyPng(i + 10));
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { pictureId: string }).pictureId);
    }
    const facilitator = h.provider(source.code, (await h.facilitator(source.code, source.facilitatorKey)).token);
    await synced(facilitator);
    setPersonaPicture(facilitator.doc, readPersonas(facilitator.doc)[0]!.id, ids[2]!);
    const sourceId = (await h.server.storage.workshops.byCode(source.code))!.id;
    await eventually(async () => expect((await h.server.rooms.readDoc(sourceId, readPersonas))[0]!.pictureId).toBe(ids[2]));

    const copied = await h.post(`/api/workshops/${source.code}/copy`, {}, bearer(source.facilitatorKey));
    expect(copied.status).toBe(201);
    const copy = (await copied.json()) as { code: string };
    const copyId = (await h.server.storage.workshops.byCode(copy.code))!.id;
    const pictures = sqliteOf(h.server).prepare('SELECT id FROM pictures WHERE workshop_id = ?').all(copyId) as { id: string }[];
    expect(pictures.map((p) => p.id)).toEqual([ids[2]]);
  });
});

describe('storage of the whole server', () => {
  it('refuses new workshops, imports, copies, snapshots and pictures with 507 below the free-disk floor, while live rooms keep working', async () => {
    await start();
    const existing = await h.createWorkshop('Before the disk filled');
    const { ana, provider, personaId, workshopId } = await fill(existing.code, 5);
    const exported = await (
      await fetch(`${h.server.url}/api/workshops/${existing.code}/export.json`, { headers: bearer(existing.facilitatorKey) })
    ).json();
    provider.destroy();
    await h.restart({ limits: { minFreeDiskBytes: Number.MAX_SAFE_INTEGER } });

    const attempts = [
      await h.post('/api/workshops', { title: 'New' }),
      await h.post('/api/workshops/import', exported),
      await h.post(`/api/workshops/${existing.code}/copy`, {}, bearer(existing.facilitatorKey)),
      await snapshot(existing.code, existing.facilitatorKey, 'Now'),
      await upload(existing.code, ana.token, await noisyPng(3)),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(507);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/disk space/) });
    }
    // The room in use keeps taking notes.
    const again = h.provider(existing.code, ana.token);
    await synced(again);
    addNote(again.doc, { personaId, quadrant: 'gains', text: 'Still writing', authorId: ana.participantId, authorName: 'Ana' });
    await eventually(async () =>
      expect((await h.server.rooms.readDoc(workshopId, readNotes)).map((n) => n.text)).toContain('Still writing'),
    );
  });

  it('counts imports against the configured total', async () => {
    await start();
    const source = await h.createWorkshop('Heavy');
    await fill(source.code, 400);
    const exported = await (
      await fetch(`${h.server.url}/api/workshops/${source.code}/export.json`, { headers: bearer(source.facilitatorKey) })
    ).json();
    const used = sqliteOf(h.server).pragma('page_count', { simple: true }) as number;
    const pageSize = sqliteOf(h.server).pragma('page_size', { simple: true }) as number;
    await h.restart({ limits: { totalStorageBytes: used * pageSize + 40 * KIB } });
    const imported = await h.post('/api/workshops/import', exported);
    expect(imported.status).toBe(507);
    expect(await imported.json()).toEqual({ error: expect.stringMatching(/limit of/) });
    expect((await h.post('/api/workshops', { title: 'Small is fine' })).status).toBe(201);
  });
});
