import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { CreateWorkshopReply } from '../../lib/api';
import { addNote, readPersonas, setNoteColor, setNoteEvidence } from '../../lib/board';
import { addAction, addQuestion, setActionDone } from '../../lib/actions';
import { createGroup } from '../../lib/groups';
import { addJourneyStep, setScenario } from '../../lib/journey';
import { setMapTemplate } from '../../lib/mapTemplate';
import { addPersona, setPersonaPicture } from '../../lib/personaBoard';
import { addCustomProfileField, setCustomFieldValue, setProfileField, setProfileFieldHidden } from '../../lib/profileBoard';
import { Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

type Exported = Record<string, unknown> & { personas: Record<string, unknown>[]; notes: Record<string, unknown>[] };

async function exportJson(code: string, key: string): Promise<Exported> {
  const res = await fetch(`${h.server.url}/api/workshops/${code}/export.json`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Exported;
}

/**
 * Round-trip equality: the same JSON except what names this workshop (`code`), when it was
 * exported (`exportedAt`) and who is who by id in the old workshop (a note's `authorId`: an
 * import's own identity; an action's `ownerParticipantId`: nobody in the new workshop). Author
 * and owner *names* must match. Persona, note, group, step, question and action ids are kept.
 */
function comparable(exported: Exported) {
  const note = ({ authorId: _authorId, ...rest }: Record<string, unknown>) => rest;
  const action = ({ ownerParticipantId: _owner, ...rest }: Record<string, unknown>) => rest;
  const { code: _code, exportedAt: _exportedAt, ...rest } = exported;
  return {
    ...rest,
    notes: exported.notes.map(note),
    personas: exported.personas.map((persona) => ({
      ...persona,
      notes: (persona.notes as Record<string, unknown>[]).map(note),
      actions: (persona.actions as Record<string, unknown>[]).map(action),
    })),
  };
}

async function richWorkshop(): Promise<CreateWorkshopReply> {
  const created = await h.createWorkshop('Café Łódź — 東京');
  const workshopId = (await h.server.storage.workshops.byCode(created.code))!.id;
  await h.server.rooms.change(workshopId, (doc) => {
    const first = readPersonas(doc)[0]!;
    const second = addPersona(doc, { name: 'Москва commuter', now: 1_700_000_000_000 });
    if (!second.ok) throw new Error(second.error);
    setProfileField(doc, first.id, 'quote', '“Coffee first, then people.”');
    setProfileField(doc, second.value.id, 'hobbies', 'Chess, Zoë’s bakery');
    setProfileFieldHidden(doc, 'income', true);
    const field = addCustomProfileField(doc, 'Favourite drink');
    if (!field.ok) throw new Error(field.error);
    setCustomFieldValue(doc, first.id, field.value.id, 'Flat white');
    const author = { authorId: 'aaaaaaaaaaaaaaaa', authorName: 'Zoë' };
    const a = addNote(doc, { personaId: first.id, quadrant: 'pains', text: 'Queues at 8:00', ...author, now: 1_700_000_000_001 });
    const b = addNote(doc, { personaId: first.id, quadrant: 'pains', text: 'Cold cups', ...author, now: 1_700_000_000_002 });
    const c = addNote(doc, { personaId: second.value.id, quadrant: 'gains', text: 'x'.repeat(2000), ...author, now: 1_700_000_000_003 });
    if (!a.ok || !b.ok || !c.ok) throw new Error('note refused');
    setNoteColor(doc, b.value.id, 'blue');
    setNoteEvidence(doc, a.value.id, 'observed');
    setNoteEvidence(doc, c.value.id, 'assumed');
    createGroup(doc, {
      personaId: first.id,
      quadrant: 'pains',
      name: 'Waiting',
      noteIds: [a.value.id, b.value.id],
      now: 1_700_000_000_004,
    });
    addJourneyAndPlan(doc, first.id, author);
  });
  return created;
}

/** Scenario, two journey steps (notes on one), questions and actions with owner, due date, done. */
function addJourneyAndPlan(doc: Y.Doc, personaId: string, author: { authorId: string; authorName: string }) {
  const ok = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T => {
    if (!result.ok) throw new Error(result.error);
    return result.value;
  };
  ok(setScenario(doc, personaId, 'Buys beans online on Sunday evening, for the week'));
  const hears = ok(addJourneyStep(doc, { personaId, title: 'Hears of us from a colleague', now: 1_700_000_000_005 }));
  ok(addJourneyStep(doc, { personaId, title: 'Compares prices', now: 1_700_000_000_006 }));
  const onStep = ok(
    addNote(doc, { personaId, quadrant: 'sees', journeyStepId: hears.id, text: 'Trusts Zoë’s taste', ...author, now: 1_700_000_000_007 }),
  );
  setNoteEvidence(doc, onStep.id, 'observed');
  setNoteColor(doc, onStep.id, 'green');
  const question = ok(addQuestion(doc, { personaId, text: 'How often do they reorder?', now: 1_700_000_000_008 }));
  ok(addQuestion(doc, { personaId, text: 'Who else decides?', now: 1_700_000_000_009 }));
  const owned = ok(
    addAction(doc, {
      personaId,
      text: 'Interview three customers',
      owner: { participantId: 'aaaaaaaaaaaaaaaa', name: 'Zoë' },
      dueDate: '2026-03-31',
      questionId: question.id,
      now: 1_700_000_000_010,
    }),
  );
  setActionDone(doc, owned.id, true);
  ok(addAction(doc, { personaId, text: 'Read the reviews', owner: { participantId: null, name: 'Marketing' }, now: 1_700_000_000_011 }));
}

function importJson(body: unknown): Promise<Response> {
  return h.post('/api/workshops/import', body);
}

describe('JSON import', () => {
  it('export → import → export gives the same board (see `comparable`)', async () => {
    const source = await richWorkshop();
    const original = await exportJson(source.code, source.facilitatorKey);
    const res = await importJson(original);
    expect(res.status).toBe(201);
    const imported = (await res.json()) as CreateWorkshopReply;
    expect(imported.code).not.toBe(source.code);
    expect(imported.presenterUrl).toContain(`/w/${imported.code}/present#key=${imported.facilitatorKey}`);
    expect(imported.joinUrl).toContain(`/join/${imported.code}`);

    const again = await exportJson(imported.code, imported.facilitatorKey);
    expect(comparable(again)).toEqual(comparable(original));
    expect(again.notes).toHaveLength(4);
    expect(again.groups).toHaveLength(1);
    // Spelled out, so an export that silently dropped them could not compare equal by accident.
    const first = again.personas[0]! as Record<string, unknown> & { journeySteps: unknown[]; questions: unknown[]; actions: unknown[] };
    expect(first.scenario).toBe('Buys beans online on Sunday evening, for the week');
    expect(first.journeySteps).toHaveLength(2);
    expect(again.notes.filter((n) => n.journeyStepId)).toEqual([
      expect.objectContaining({ text: 'Trusts Zoë’s taste', evidence: 'observed', color: 'green', authorName: 'Zoë' }),
    ]);
    expect(first.questions).toHaveLength(2);
    expect(first.actions).toEqual([
      expect.objectContaining({
        ownerName: 'Zoë',
        ownerParticipantId: null,
        dueDate: '2026-03-31',
        isDone: true,
        questionId: expect.any(String),
      }),
      expect.objectContaining({ ownerName: 'Marketing', ownerParticipantId: null, dueDate: null, isDone: false, questionId: null }),
    ]);
    expect(again.profile).toEqual({ hidden: ['income'], custom: [expect.objectContaining({ label: 'Favourite drink' })] });
    expect(again.personas[0]!.customValues).toEqual({ [Object.keys(again.personas[0]!.customValues as object)[0]!]: 'Flat white' });
    // The notes belong to the import's own identity, not to anyone who joins the new workshop.
    const authorIds = new Set(again.notes.map((note) => note.authorId));
    expect(authorIds.size).toBe(1);
    expect(authorIds.has('aaaaaaaaaaaaaaaa')).toBe(false);
  });

  it('keeps the empathy map (import and copy): a custom map with its titles and questions, and notes in its quadrants', async () => {
    const res = await h.post('/api/workshops', { title: 'Classic', template: 'classic' });
    const source = (await res.json()) as CreateWorkshopReply;
    const workshopId = (await h.server.storage.workshops.byCode(source.code))!.id;
    await h.server.rooms.change(workshopId, (doc) => {
      const personaId = readPersonas(doc)[0]!.id;
      addNote(doc, { personaId, quadrant: 'feels', text: 'Worried about price', authorId: 'aaaaaaaaaaaaaaaa', authorName: 'Zoë' });
      setMapTemplate(doc, 'custom', [
        { id: 'feels', title: 'Feels deeply', questions: ['What keeps them up at night?'] },
        { id: 'c_abc123', title: 'Budget', questions: [] },
      ]);
    });
    const original = await exportJson(source.code, source.facilitatorKey);
    expect(original.template).toBe('custom');
    const imported = (await (await importJson(original)).json()) as CreateWorkshopReply;
    const again = await exportJson(imported.code, imported.facilitatorKey);
    expect(comparable(again)).toEqual(comparable(original));
    expect(again.quadrants).toEqual([
      { id: 'feels', title: 'Feels deeply', questions: ['What keeps them up at night?'] },
      { id: 'c_abc123', title: 'Budget', questions: [] },
    ]);

    // "Copy as new workshop" keeps the map too (its notes stay behind).
    const res2 = await fetch(`${h.server.url}/api/workshops/${source.code}/copy`, {
      method: 'POST',
      headers: { authorization: `Bearer ${source.facilitatorKey}` },
    });
    const copy = (await res2.json()) as CreateWorkshopReply;
    const copied = await exportJson(copy.code, copy.facilitatorKey);
    expect([copied.template, copied.quadrants]).toEqual([original.template, original.quadrants]);
  });

  it('drops picture ids: the picture bytes are not in the file', async () => {
    const source = await richWorkshop();
    const workshopId = (await h.server.storage.workshops.byCode(source.code))!.id;
    await h.server.rooms.change(workshopId, (doc) => setPersonaPicture(doc, readPersonas(doc)[0]!.id, 'abcdefghijklmnop'));
    const original = await exportJson(source.code, source.facilitatorKey);
    expect(original.personas[0]!.pictureId).toBe('abcdefghijklmnop');
    const imported = (await (await importJson(original)).json()) as CreateWorkshopReply;
    const again = await exportJson(imported.code, imported.facilitatorKey);
    expect(again.personas[0]!.pictureId).toBeUndefined();
  });

  it('refuses what is not an export, with a reason', async () => {
    const notExport = await importJson({ hello: 'world' });
    expect(notExport.status).toBe(400);
    expect(((await notExport.json()) as { error: string }).error).toMatch(/not a Persona Workshop export/);

    const tooMany = await importJson({
      format: 'persona-workshop/v1',
      title: 'Many',
      personas: Array.from({ length: 25 }, (_, i) => ({ id: `p${String(i).padStart(15, '0')}`, name: `P${i}`, order: i, createdAt: 0 })),
      notes: [],
    });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: string }).error).toMatch(/at most 24 personas/);

    const badJson = await importJson('{"format":');
    expect(badJson.status).toBe(400);
  });

  it('says what is wrong with an edited export in the asker’s language, English word for word without one', async () => {
    const note = { personaId: 'p000000000000001', quadrant: 'pains', text: 'Queues', color: 'yellow', authorName: 'A', createdAt: 1 };
    const edited = {
      format: 'persona-workshop/v1',
      title: 'Edited',
      personas: [{ id: 'p000000000000001', name: 'P', order: 0, createdAt: 0 }],
      notes: [
        { ...note, id: 'n000000000000001' },
        { ...note, id: 'n000000000000001' },
      ],
    };
    const answer = async (headers: Record<string, string>) => {
      const res = await h.post('/api/workshops/import', edited, headers);
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    };
    expect(await answer({})).toEqual({ status: 400, error: 'Note ids repeat. (at notes)' });
    expect(await answer({ 'accept-language': 'de-DE,de;q=0.9' })).toEqual({
      status: 400,
      error: 'IDs von Notizen kommen mehrfach vor. (Stelle: notes)',
    });
    expect(await answer({ cookie: 'NEXT_LOCALE=ar' })).toEqual({ status: 400, error: 'تتكرر معرّفات الملاحظات. (في notes)' });
  });

  it('refuses a body over 10 MiB with 413', async () => {
    const res = await importJson(`{"format":"persona-workshop/v1","pad":"${'x'.repeat(10 * 1024 * 1024)}"}`);
    expect(res.status).toBe(413);
  });
});

describe('copy as new workshop', () => {
  it('keeps personas, profiles and the profile setup, starts with no notes nor journey and plan, needs the key', async () => {
    const source = await richWorkshop();
    const url = `${h.server.url}/api/workshops/${source.code}/copy`;
    expect((await fetch(url, { method: 'POST' })).status).toBe(401);
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${source.facilitatorKey}` } });
    expect(res.status).toBe(201);
    const copy = (await res.json()) as CreateWorkshopReply;
    const original = await exportJson(source.code, source.facilitatorKey);
    const copied = await exportJson(copy.code, copy.facilitatorKey);
    expect(copied.title).toBe(original.title);
    expect(copied.profile).toEqual(original.profile);
    expect(copied.notes).toEqual([]);
    // The scenario is part of the persona; the journey, questions and plan were the old session's work.
    expect(copied.personas).toEqual(
      original.personas.map((persona) => ({ ...persona, notes: [], journeySteps: [], questions: [], actions: [] })),
    );
  });
});
