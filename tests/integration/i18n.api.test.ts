import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateWorkshopReply, WorkshopInfoReply } from '../../lib/api';
import { LOCALES } from '../../lib/i18n/locales';
import { eventually, Harness, watchSession } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

async function create(body: Record<string, unknown>): Promise<CreateWorkshopReply> {
  const res = await h.post('/api/workshops', { title: 'Kaffeehaus', ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateWorkshopReply;
}

const info = async (code: string) => (await (await fetch(`${h.server.url}/api/workshops/${code}`)).json()) as WorkshopInfoReply;

async function exportJson(created: CreateWorkshopReply) {
  const res = await fetch(`${h.server.url}/api/workshops/${created.code}/export.json`, {
    headers: { authorization: `Bearer ${created.facilitatorKey}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown> & { locale: string; quadrants: { title: string; questions: string[] }[] };
}

describe('the workshop language (API)', () => {
  it('refuses an unsupported locale with a 400 naming the supported ones', async () => {
    for (const locale of ['xx', 'de-DE', 'pt', 'zh-TW', 'EN', 42, null]) {
      const res = await h.post('/api/workshops', { title: 'T', locale });
      expect(res.status, String(locale)).toBe(400);
      const { error } = (await res.json()) as { error: string };
      for (const tag of LOCALES) expect(error).toContain(tag);
    }
  });

  it('is English when none is given, and every supported tag is accepted and reported', async () => {
    expect((await info((await create({})).code)).locale).toBe('en');
    for (const locale of LOCALES) {
      const created = await create({ locale });
      expect((await info(created.code)).locale).toBe(locale);
    }
  });

  it('writes the built-in map, first persona and default agenda in that language; export.json says so', async () => {
    const created = await create({ locale: 'de', template: 'classic' });
    const exported = await exportJson(created);
    expect(exported.locale).toBe('de');
    expect(exported.quadrants.map((q) => q.title)).toEqual(['Sagt', 'Denkt', 'Tut', 'Fühlt']);
    expect(exported.quadrants[0]!.questions[0]).toBe('Was haben wir sie sagen hören?');
    expect((exported.personas as { name: string }[])[0]!.name).toBe('Persona 1');

    const facilitator = await h.facilitator(created.code, created.facilitatorKey);
    const session = watchSession(h.control(created.code, facilitator.token));
    const agenda = await eventually(async () => {
      expect(session.latest).not.toBeNull();
      return session.latest!.state.agenda;
    });
    expect(agenda.map((step) => step.title)).toEqual([
      'Ankommen',
      'Kundengruppen',
      'Persona-Profil',
      'Sagt',
      'Denkt',
      'Tut',
      'Fühlt',
      'Szenario & Journey',
      'Abstimmung',
      'Was wir nicht wissen',
      'Abschluss',
    ]);
    expect(agenda.find((step) => step.id === 'q_says')!.prompt).toBe('Was haben wir sie sagen hören? Welche Worte benutzt sie?');
  });

  it('an Arabic workshop keeps its language through export → import, and through a copy', async () => {
    const created = await create({ locale: 'ar' });
    const original = await exportJson(created);
    expect(original.locale).toBe('ar');
    expect(original.quadrants.map((q) => q.title)).toContain('يفكر ويشعر');

    const imported = await h.post('/api/workshops/import', original);
    expect(imported.status).toBe(201);
    const importedReply = (await imported.json()) as CreateWorkshopReply;
    expect((await info(importedReply.code)).locale).toBe('ar');
    const again = await exportJson(importedReply);
    expect(again.locale).toBe('ar');
    expect(again.quadrants).toEqual(original.quadrants);

    const copy = await h.post(`/api/workshops/${created.code}/copy`, {}, { authorization: `Bearer ${created.facilitatorKey}` });
    expect(copy.status).toBe(201);
    expect((await info(((await copy.json()) as CreateWorkshopReply).code)).locale).toBe('ar');
  });

  it('an import without a locale (an older export) is English; one with an unknown locale is refused', async () => {
    const original = await exportJson(await create({ locale: 'fr' }));
    const { locale: _locale, ...older } = original;
    const res = await h.post('/api/workshops/import', older);
    expect(res.status).toBe(201);
    expect((await info(((await res.json()) as CreateWorkshopReply).code)).locale).toBe('en');

    const forged = await h.post('/api/workshops/import', { ...original, locale: 'klingon' });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: string }).error).toContain('pt-BR');
  });
});
