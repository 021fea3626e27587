import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

/** An API answer's status and `{ error }`, asked with these headers. */
async function ask(path: string, headers: Record<string, string> = {}, init: RequestInit = {}) {
  const res = await fetch(`${h.server.url}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, retryAfter: res.headers.get('retry-after') };
}

describe('API error messages in the language of the person asking', () => {
  it('English without a preference, word for word as before (tools read them)', async () => {
    expect(await ask('/api/workshops/ZZZZZZZZ')).toMatchObject({
      status: 404,
      body: { error: 'No workshop has that room code. Check the code on the big screen.' },
    });
    const { code } = await h.createWorkshop();
    expect(await ask(`/api/workshops/${code}/export.json`)).toMatchObject({
      status: 401,
      body: { error: 'Send the facilitator key as "Authorization: Bearer <key>".' },
    });
    expect(await ask('/api/nothing-here')).toMatchObject({ status: 404, body: { error: 'No such API route.' } });
    // Node's fetch sends `Accept-Language: *`, like many tools: still English.
    expect((await ask('/api/workshops/ZZZZZZZZ', { 'accept-language': '*' })).body.error).toMatch(/^No workshop has that room code/);
  });

  it('the browser’s Accept-Language, then the device’s chosen language (cookie) over it; same status, same JSON shape', async () => {
    const german = await ask('/api/workshops/ZZZZZZZZ', { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' });
    expect(german).toMatchObject({ status: 404, body: { error: 'Kein Workshop hat diesen Raumcode. Prüfe den Code auf der Leinwand.' } });
    expect(Object.keys(german.body)).toEqual(['error']);
    const french = await ask('/api/workshops/ZZZZZZZZ', { 'accept-language': 'de', cookie: 'other=1; NEXT_LOCALE=fr' });
    expect(french.body.error).toBe('Aucun atelier n’a ce code de salle. Vérifiez le code sur le grand écran.');
    const arabic = await ask('/api/nothing-here', { cookie: 'NEXT_LOCALE=ar' });
    expect(arabic).toMatchObject({ status: 404, body: { error: 'لا يوجد مسار API بهذا الاسم.' } });
  });

  it('fills in the numbers and keeps the headers (a full workshop, a bad body, too large a body)', async () => {
    const { code } = await h.createWorkshop();
    const japanese = { 'accept-language': 'ja', 'content-type': 'application/json' };
    const badJson = await ask(`/api/workshops/${code}/participants`, japanese, { method: 'POST', body: '{' });
    expect(badJson).toMatchObject({ status: 400, body: { error: '本文が正しい JSON ではありません。' } });
    const huge = await ask(`/api/workshops/${code}/participants`, japanese, {
      method: 'POST',
      body: JSON.stringify({ name: 'x'.repeat(70_000) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatch(/^本文が \d+ バイトを超えています。$/);
    const wrongMethod = await ask(`/api/workshops/${code}/participants`, { 'accept-language': 'es' }, { method: 'DELETE' });
    expect(wrongMethod).toMatchObject({ status: 405, body: { error: 'Usa POST.' } });
  });

  it('a schema’s 400 (lib/refusals) in the asker’s language, English word for word without one', async () => {
    const create = (headers: Record<string, string>, body: unknown) =>
      ask('/api/workshops', { 'content-type': 'application/json', ...headers }, { method: 'POST', body: JSON.stringify(body) });
    expect(await create({}, { title: '' })).toMatchObject({ status: 400, body: { error: 'Give the workshop a title.' } });
    expect(await create({ 'accept-language': 'de' }, { title: '' })).toMatchObject({
      status: 400,
      body: { error: 'Gib dem Workshop einen Titel.' },
    });
    expect((await create({ cookie: 'NEXT_LOCALE=ar' }, { title: 'x'.repeat(500) })).body.error).toMatch(/^لا يتجاوز العنوان \d+ حرفًا\.$/);
    expect((await create({ 'accept-language': 'fr' }, { title: 'T', locale: 'xx' })).body.error).toBe(
      'Choisissez l’une des langues prises en charge : en, de, fr, es, pt-BR, it, nl, ja, zh-CN, ar.',
    );
    const { code } = await h.createWorkshop();
    const join = await ask(
      `/api/workshops/${code}/participants`,
      { 'content-type': 'application/json', 'accept-language': 'ja' },
      { method: 'POST', body: JSON.stringify({ name: ' ' }) },
    );
    expect(join).toMatchObject({ status: 400, body: { error: '名前を入力してください。' } });
  });
});
