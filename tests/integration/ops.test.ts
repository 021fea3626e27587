import { afterEach, describe, expect, it, vi } from 'vitest';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { command, Harness, synced, watchNotices } from './harness';

/** Prometheus text: `name{labels} value` lines, keyed by everything before the value. */
async function scrape(url: string, headers: Record<string, string> = {}): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

const harnesses: Harness[] = [];
async function started(options: Parameters<Harness['start']>[0] = {}): Promise<Harness> {
  const h = new Harness();
  harnesses.push(h);
  await h.start(options);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

describe('probes', () => {
  it('answers /healthz and /readyz; while draining readyz is 503 and new work is refused, reads still served', async () => {
    const h = await started();
    const { code } = await h.createWorkshop();
    expect(await (await fetch(`${h.server.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${h.server.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true, phase: 'ready' }]);

    const drained = h.server.drain({ graceMs: 400, timeoutMs: 2_000 });
    const draining = await fetch(`${h.server.url}/readyz`);
    expect([draining.status, await draining.json()]).toEqual([503, { ready: false, phase: 'draining' }]);
    const join = await h.post(`/api/workshops/${code}/participants`, { name: 'Late' });
    expect(join.status).toBe(503);
    expect(join.headers.get('retry-after')).toBe('2');
    expect((await join.json()).error).toMatch(/restarting/);
    expect((await h.post('/api/workshops', { title: 'Another' })).status).toBe(503);
    expect((await fetch(`${h.server.url}/api/workshops/${code}`)).status).toBe(200);
    expect((await drained).isClean).toBe(true);
  });
});

describe('/metrics', () => {
  it('counts rooms, connections, committed and refused updates, joins and commit latency', async () => {
    const h = await started();
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const ben = await h.join(code, 'Ben');
    const a = h.provider(code, ana.token);
    const b = h.provider(code, ben.token);
    const socket = h.control(code, ana.token);
    await Promise.all([synced(a), synced(b)]);
    await vi.waitFor(async () => expect(socket.connected).toBe(true));
    const personaId = readPersonas(a.doc)[0]!.id;
    for (let i = 0; i < 5; i++)
      addNote(a.doc, { personaId, quadrant: 'sees', text: `n${i}`, authorId: ana.participantId, authorName: 'Ana' });
    await vi.waitFor(async () => expect(readNotes(b.doc)).toHaveLength(5));

    // Ben forges Ana as author: refused by the validator, in band (a board notice; the socket stays).
    const notices = watchNotices(b);
    addNote(b.doc, { personaId, quadrant: 'sees', text: 'forged', authorId: ana.participantId, authorName: 'Ana' });
    await vi.waitFor(async () => expect(notices).toContainEqual(expect.objectContaining({ kind: 'refused' })));
    expect(b.wsconnected).toBe(true);

    const m = await scrape(h.server.url);
    expect(m.get('persona_workshop_rooms')).toBe(1);
    expect(m.get('persona_workshop_connections{kind="control"}')).toBe(1);
    expect(m.get('persona_workshop_connections{kind="yjs"}')).toBeGreaterThanOrEqual(1);
    expect(m.get('persona_workshop_yjs_updates_committed_total')).toBeGreaterThanOrEqual(5);
    expect(m.get('persona_workshop_yjs_update_commit_seconds_count')).toBe(m.get('persona_workshop_yjs_updates_committed_total'));
    expect(m.get('persona_workshop_yjs_update_commit_seconds_bucket{le="+Inf"}')).toBe(
      m.get('persona_workshop_yjs_update_commit_seconds_count'),
    );
    expect(m.get('persona_workshop_yjs_updates_refused_total{reason="schema"}')).toBe(1);
    expect(m.get('persona_workshop_joins_total{role="participant"}')).toBe(2);
    expect(m.get('persona_workshop_cross_instance_messages_total{direction="sent"}')).toBe(0);
    expect(m.get('persona_workshop_ready')).toBe(1);
    // prom-client's process metrics: memory, CPU, event-loop lag.
    expect(m.get('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(m.has('nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(m.has('process_cpu_seconds_total')).toBe(true);
  });

  it('counts locked-board refusals, rate-limited commands and 429s', async () => {
    const h = await started({ joinLimits: { failuresPerIpPerMinute: 2 } });
    const { code, facilitatorKey } = await h.createWorkshop();
    const facilitator = h.control(code, (await h.facilitator(code, facilitatorKey)).token);
    const ana = await h.join(code, 'Ana');
    const provider = h.provider(code, ana.token);
    await synced(provider);
    expect(await command(facilitator, { type: 'board.lock', isLocked: true })).toEqual({ ok: true });
    const personaId = readPersonas(provider.doc)[0]!.id;
    addNote(provider.doc, { personaId, quadrant: 'sees', text: 'while locked', authorId: ana.participantId, authorName: 'Ana' });
    const burst = await Promise.all(Array.from({ length: 30 }, () => command(facilitator, { type: 'timer.pause' })));
    expect(burst.some((reply) => reply.error?.startsWith('Too many'))).toBe(true);
    for (let i = 0; i < 4; i++) await h.post('/api/workshops/ZZZZZZZZ/participants', { name: 'Guess' });

    await vi.waitFor(async () =>
      expect((await scrape(h.server.url)).get('persona_workshop_yjs_updates_refused_total{reason="locked"}')).toBe(1),
    );
    const m = await scrape(h.server.url);
    expect(m.get('persona_workshop_rate_limited_total{limit="control_commands"}')).toBeGreaterThan(0);
    expect(m.get('persona_workshop_rate_limited_total{limit="http"}')).toBeGreaterThan(0);
    expect(m.get('persona_workshop_http_responses_total{code="4xx"}')).toBeGreaterThanOrEqual(4);
  });

  it('keeps one registry per server: two servers in one process count separately', async () => {
    const [one, two] = [await started(), await started()];
    await one.createWorkshop();
    const { code } = await two.createWorkshop();
    await two.join(code, 'Ana');
    await two.join(code, 'Ben');
    expect((await scrape(one.server.url)).get('persona_workshop_joins_total{role="participant"}')).toBeUndefined();
    expect((await scrape(two.server.url)).get('persona_workshop_joins_total{role="participant"}')).toBe(2);
  });

  it('is served to loopback only, or to anyone with the token when METRICS_TOKEN is set', async () => {
    const open = await started({ trustProxy: true });
    const fromOutside = await fetch(`${open.server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(fromOutside.status).toBe(403);
    expect((await fromOutside.json()).error).toMatch(/METRICS_TOKEN/);

    const token = 'metrics-token-0123456789abcdef';
    const guarded = await started({ metricsToken: token });
    expect((await fetch(`${guarded.server.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${guarded.server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status,
    ).toBe(401);
    const samples = await scrape(guarded.server.url, { authorization: `Bearer ${token}` });
    expect(samples.get('persona_workshop_ready')).toBe(1);
  });
});
