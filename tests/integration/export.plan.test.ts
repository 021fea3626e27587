import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAction, addQuestion, readActions } from '../../lib/actions';
import { addNote, readPersonas } from '../../lib/board';
import { addJourneyStep, setScenario } from '../../lib/journey';
import { Harness, synced } from './harness';
import { pageCount, pdfText, squash } from './pdfTools';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

const SCENARIO = 'Zoë replaces her broken coffee grinder before guests arrive in Łódź';
const STEPS = ['Notices the grinder is broken', 'Asks friends in 東京 for advice', 'Buys in the shop on Friday'];
const STEP_NOTE = 'Reads three reviews on her phone in the tram';
const QUESTION = 'Москва: who really decides on the budget?';
const ACTION = 'Interview five customers at the till';

async function buildPlan(code: string, author: { token: string; participantId: string; name: string }) {
  const provider = h.provider(code, author.token);
  await synced(provider);
  const doc = provider.doc;
  const persona = readPersonas(doc)[0]!;
  doc.transact(() => {
    expect(setScenario(doc, persona.id, SCENARIO).ok).toBe(true);
    const steps = STEPS.map((title) => addJourneyStep(doc, { personaId: persona.id, title }));
    const first = steps[0]!;
    if (!first.ok) throw new Error(first.error);
    const note = addNote(doc, {
      personaId: persona.id,
      quadrant: 'sees',
      journeyStepId: first.value.id,
      text: STEP_NOTE,
      authorId: author.participantId,
      authorName: author.name,
    });
    expect(note.ok).toBe(true);
    expect(addQuestion(doc, { personaId: persona.id, text: QUESTION }).ok).toBe(true);
    const action = addAction(doc, {
      personaId: persona.id,
      text: ACTION,
      owner: { participantId: author.participantId, name: author.name },
      dueDate: '2026-12-24',
    });
    expect(action.ok).toBe(true);
  });
  const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
  await vi.waitFor(async () => await h.server.rooms.readDoc(workshopId, (server) => expect(readActions(server)).toHaveLength(1)), {
    timeout: 10_000,
  });
  provider.destroy();
}

async function download(code: string, key: string, format: 'pdf' | 'md' | 'csv' | 'json') {
  const res = await fetch(`${h.server.url}/api/workshops/${code}/export.${format}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('export of the journey and the action plan', () => {
  it('puts scenario, journey steps, their notes, questions and actions in the PDF, Markdown, CSV and JSON', async () => {
    const { code, facilitatorKey } = await h.createWorkshop('Grinders');
    const zoe = await h.join(code, 'Zoë');
    await buildPlan(code, zoe);

    const file = path.join(h.dataDir, `${code}-plan.pdf`);
    writeFileSync(file, await download(code, facilitatorKey, 'pdf'));
    const text = squash(pdfText(file));
    for (const expected of [SCENARIO, ...STEPS, STEP_NOTE, QUESTION, ACTION, 'Zoë', '2026-12-24']) expect(text).toContain(squash(expected));
    // Cover, the poster, then the journey and action plan page.
    expect(pageCount(file)).toBe(3);

    const markdown = (await download(code, facilitatorKey, 'md')).toString('utf8');
    for (const text of ['### Scenario', '### Journey', "### What we don't know", '### Action plan', STEP_NOTE, ACTION]) {
      expect(markdown).toContain(text);
    }
    expect(markdown).toContain(`- [ ] ${ACTION} — owner: Zoë — due 2026-12-24`);

    const csv = (await download(code, facilitatorKey, 'csv')).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFpersona,quadrant,text,author,colour,created_at,journey_step,evidence,votes,group');
    expect(csv).toMatch(new RegExp(`,,${STEP_NOTE},Zoë,yellow,[^,]+,${STEPS[0]},,0,\r\n`));

    const json = JSON.parse((await download(code, facilitatorKey, 'json')).toString('utf8')) as {
      personas: {
        scenario: string;
        journeySteps: { title: string }[];
        questions: { text: string }[];
        actions: { text: string; ownerName: string }[];
      }[];
    };
    const persona = json.personas[0]!;
    expect(persona.scenario).toBe(SCENARIO);
    expect(persona.journeySteps.map((step) => step.title)).toEqual(STEPS);
    expect(persona.questions.map((q) => q.text)).toEqual([QUESTION]);
    expect(persona.actions).toMatchObject([{ text: ACTION, ownerName: 'Zoë' }]);
  });
});
