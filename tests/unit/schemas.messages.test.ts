import { describe, expect, it } from 'vitest';
import { CreateWorkshopBodySchema, JoinBodySchema } from '../../lib/api';
import { NoteSchema } from '../../lib/note';
import { MetaSchema } from '../../lib/persona';
import { QuadrantsSchema } from '../../lib/quadrants';
import { CommandSchema } from '../../lib/session/commands';

/**
 * The lib/ schemas are Zod Mini (lib/zod.ts), which has no messages of its own ("Invalid input"
 * for everything). This file loads lib/ only, never full `zod`, so the English below can only come
 * from lib/zod.ts; the messages are the ones full `zod` gave before the move, which the API's 400
 * bodies, the import's errors and the map editor quote.
 */
type Parsed = { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
const issues = (result: Parsed) => (result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message })));

const ID = '0123456789abcdef';

describe('the shared schemas’ messages', () => {
  it('reads checks without a message of their own in English, with their paths', () => {
    const quadrants = [
      { id: 'sees', title: 'x'.repeat(41), questions: [' '] },
      { id: 'sees', title: 'Sees', questions: [] },
    ];
    expect(issues(QuadrantsSchema.safeParse(quadrants))).toEqual([
      { path: [0, 'title'], message: 'Too big: expected string to have <=40 characters' },
      // Trimmed first: a blank question is empty.
      { path: [0, 'questions', 0], message: 'Too small: expected string to have >=1 characters' },
      { path: [], message: 'Quadrant ids must be unique.' },
    ]);
    const note = { id: 5, personaId: ID, quadrant: 'sees', text: 'x', color: 'teal', authorId: ID, authorName: 'A', createdAt: -1 };
    expect(issues(NoteSchema.safeParse(note))).toEqual([
      { path: ['id'], message: 'Invalid input: expected string, received number' },
      { path: ['color'], message: 'Invalid option: expected one of "yellow"|"pink"|"blue"|"green"|"orange"|"purple"' },
      { path: ['createdAt'], message: 'Too small: expected number to be >=0' },
    ]);
    expect(issues(MetaSchema.safeParse({ title: 't', createdAt: 1, schemaVersion: 2 }))).toEqual([
      { path: ['schemaVersion'], message: 'Invalid input: expected 1' },
    ]);
    expect(issues(CommandSchema.safeParse({ id: 'c1', type: 'timer.start', durationSec: 1.5 }))).toEqual([
      { path: ['durationSec'], message: 'Invalid input: expected int, received number' },
    ]);
  });

  it('keeps the messages the schemas give, refinements and discriminated unions included', () => {
    expect(issues(JoinBodySchema.safeParse({ name: '   ' }))).toEqual([{ path: ['name'], message: 'Type your name.' }]);
    expect(issues(CreateWorkshopBodySchema.safeParse({ title: 'Kick-off', template: 'big', locale: 'xx' }))).toEqual([
      { path: ['template'], message: 'Choose the template "six" or "classic".' },
      { path: ['locale'], message: 'Choose one of the supported languages: en, de, fr, es, pt-BR, it, nl, ja, zh-CN, ar.' },
    ]);
    expect(issues(CommandSchema.safeParse({ id: 'c1', type: 'draft.add', draftId: ID, text: 'hi' }))).toEqual([
      { path: ['quadrant'], message: 'a note draft needs quadrant' },
    ]);
    const [unknown] = issues(CommandSchema.safeParse({ id: 'c1', type: 'nope' }));
    expect(unknown?.path).toEqual(['type']);
    expect(unknown?.message).toMatch(/^Invalid discriminator value. Expected 'step.goto' \| 'step.next' \| /);
  });

  it('trims and fills in defaults as before', () => {
    expect(CreateWorkshopBodySchema.parse({ title: ' Kick-off ' })).toEqual({ title: 'Kick-off', template: 'six', locale: 'en' });
    expect(CommandSchema.parse({ id: 'c1', type: 'vote.open' })).toEqual({
      id: 'c1',
      type: 'vote.open',
      quadrant: null,
      allowMultiplePerNote: false,
    });
  });
});
