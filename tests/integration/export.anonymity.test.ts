import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, command, watchSession } from './harness';
import { pdfBytesText, squash } from './pdfTools';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

async function download(code: string, format: string, key: string): Promise<Response> {
  return fetch(`${h.server.url}/api/workshops/${code}/export.${format}`, { headers: { authorization: `Bearer ${key}` } });
}

describe('exports respect anonymity', () => {
  it('names the participants unless the workshop has an anonymous step; then it only counts them', async () => {
    const { code, facilitatorKey } = await h.createWorkshop('Anonymous or not');
    await h.join(code, 'Zoë Quinn');
    await h.join(code, 'Marek Łoś');
    expect(await (await download(code, 'md', facilitatorKey)).text()).toContain('Participants (2): Zoë Quinn, Marek Łoś');

    const facilitator = await h.facilitator(code, facilitatorKey);
    const socket = h.control(code, facilitator.token);
    watchSession(socket);
    expect(await command(socket, { type: 'step.update', stepId: 'q_hears', patch: { isAnonymous: true } })).toEqual({ ok: true });

    const markdown = await (await download(code, 'md', facilitatorKey)).text();
    expect(markdown).toContain('Participants: 2 (names left out: the workshop had anonymous steps)');
    expect(markdown).not.toContain('Zoë');
    const pdf = squash(pdfBytesText(await (await download(code, 'pdf', facilitatorKey)).arrayBuffer()));
    expect(pdf).toContain(squash('2 took part. Their names are left out'));
    for (const name of ['Zoë', 'Marek']) expect(pdf).not.toContain(squash(name));
  });
});
