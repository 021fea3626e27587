import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

describe('HTTP API contract', () => {
  it('creates a workshop with a Crockford room code, a key and the links', async () => {
    const res = await h.post('/api/workshops', { title: '  Coffee shop  ' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, string>;
    expect(body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(body.title).toBe('Coffee shop');
    expect(body.facilitatorKey!.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    expect(body.presenterUrl).toBe(`${h.server.url}/w/${body.code}/present#key=${body.facilitatorKey}`);
    expect(body.joinUrl).toBe(`${h.server.url}/join/${body.code}`);
  });

  it('refuses a bad body with the reason', async () => {
    for (const body of ['{"title": ""}', '{"title": 42}', 'not json', '', JSON.stringify({ title: 'x'.repeat(121) })]) {
      const res = await h.post('/api/workshops', body);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(5);
    }
    const huge = await h.post('/api/workshops', JSON.stringify({ title: 'x'.repeat(20_000) }));
    expect(huge.status).toBe(413);
  });

  it('joins by code in any case, with or without the dash', async () => {
    const { code } = await h.createWorkshop();
    for (const typed of [code, code.toLowerCase(), `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase()]) {
      const res = await h.post(`/api/workshops/${typed}/participants`, { name: 'Ana' });
      expect(res.status).toBe(201);
      const body = (await res.json()) as Record<string, string>;
      expect(body.participantId).toMatch(/^[0-9a-z]{16}$/);
      expect(body.token!.length).toBeGreaterThanOrEqual(40);
      expect(body.code).toBe(code);
    }
  });

  it('answers 404 with an error for an unknown code and 400 for a bad name', async () => {
    const unknown = await h.post('/api/workshops/ZZZZ-ZZZZ/participants', { name: 'Ana' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: expect.any(String) });
    const { code } = await h.createWorkshop();
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(41) }, { name: ['Ana'] }]) {
      const res = await h.post(`/api/workshops/${code}/participants`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('a stored token proves the same participant after a reload', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const res = await fetch(`${h.server.url}/api/workshops/${code}/session`, { headers: { authorization: `Bearer ${ana.token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ participantId: ana.participantId, name: 'Ana', role: 'participant' });
    const bad = await fetch(`${h.server.url}/api/workshops/${code}/session`, {
      headers: { authorization: 'Bearer not-a-token-of-this-room' },
    });
    expect(bad.status).toBe(401);
  });

  it('exports the board as JSON only with the facilitator key', async () => {
    const first = await h.createWorkshop('First');
    const second = await h.createWorkshop('Second');
    const url = `${h.server.url}/api/workshops/${first.code}/export.json`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${second.facilitatorKey}` } })).status).toBe(403);
    const res = await fetch(url, { headers: { authorization: `Bearer ${first.facilitatorKey}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { title: string; personas: { name: string }[]; notes: unknown[] };
    expect(body.title).toBe('First');
    expect(body.personas.map((p) => p.name)).toEqual(['Persona 1']);
    expect(body.notes).toEqual([]);
  });

  it('rate-limits failed joins per address, but not successful ones', async () => {
    await h.close();
    h = new Harness();
    await h.start({ joinLimits: { failuresPerIpPerMinute: 5, failuresPerMinute: 100, createsPerIpPerMinute: 20 } });
    const { code } = await h.createWorkshop();
    for (let i = 0; i < 30; i++) expect((await h.post(`/api/workshops/${code}/participants`, { name: `P${i}` })).status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await h.post('/api/workshops/ZZZZZZZZ/participants', { name: 'Guess' })).status);
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // X-Forwarded-For is not trusted by default, so spoofing it does not reset the limit.
    const spoofed = await h.post('/api/workshops/ZZZZZZZZ/participants', { name: 'Guess' }, { 'x-forwarded-for': '10.9.9.9' });
    expect(spoofed.status).toBe(429);
  });

  it('serves /healthz and a JSON 404 for unknown API routes', async () => {
    expect((await fetch(`${h.server.url}/healthz`)).status).toBe(200);
    const res = await fetch(`${h.server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: expect.any(String) });
    expect((await fetch(`${h.server.url}/api/workshops`)).status).toBe(405);
  });
});
