import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, initBoard, metaMap, moveNote, readMeta, readNotes, readQuadrants } from '../../lib/board';
import { setMapTemplate } from '../../lib/mapTemplate';
import {
  CLASSIC_QUADRANTS,
  OFF_MAP,
  SIX_QUADRANTS,
  newQuadrantId,
  notesByQuadrant,
  quadrantTitle,
  quadrantsOf,
  type Quadrant,
} from '../../lib/quadrants';
import { alignAgendaWithMap, defaultAgenda, type Step } from '../../lib/session/agenda';
import { reduceSession } from '../../lib/session/reduce';
import { initialSessionState } from '../../lib/session/state';

function board() {
  const doc = new Y.Doc();
  const persona = initBoard(doc, { title: 'Map', now: 1 });
  return { doc, persona };
}

const mapSteps = (agenda: readonly Step[]) => agenda.filter((step) => step.kind === 'quadrant').map((step) => step.quadrant);

describe('the empathy map template', () => {
  it('is the six-quadrant map until one is set, and classic four once set', () => {
    const { doc } = board();
    expect(readQuadrants(doc)).toBe(SIX_QUADRANTS);
    expect(setMapTemplate(doc, 'classic', CLASSIC_QUADRANTS).ok).toBe(true);
    expect(readQuadrants(doc).map((q) => q.title)).toEqual(['Says', 'Thinks', 'Does', 'Feels']);
    expect(readMeta(doc)?.template).toBe('classic');
  });

  it('refuses an empty map, more than eight quadrants, repeated ids and blank titles, writing nothing', () => {
    const { doc } = board();
    const q = (id: string, title = id): Quadrant => ({ id, title, questions: [] });
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(setMapTemplate(doc, 'custom', []).ok).toBe(false);
    expect(
      setMapTemplate(
        doc,
        'custom',
        Array.from({ length: 9 }, (_, i) => q(`c_${i}`)),
      ).ok,
    ).toBe(false);
    expect(setMapTemplate(doc, 'custom', [q('a'), q('a')])).toEqual({ ok: false, error: 'Quadrant ids must be unique.' });
    expect(setMapTemplate(doc, 'custom', [q('a', '  ')])).toEqual({ ok: false, error: 'A quadrant needs a title.' });
    expect(updates).toHaveLength(0);
  });

  it('keeps notes in their quadrant when the map changes, and moves only to quadrants on the map', () => {
    const { doc, persona } = board();
    const note = addNote(doc, {
      personaId: persona.id,
      quadrant: 'hears',
      text: 'Radio ads',
      authorId: 'a000000000000001',
      authorName: 'Ana',
    });
    if (!note.ok) throw new Error(note.error);
    setMapTemplate(doc, 'classic', CLASSIC_QUADRANTS);
    expect(readNotes(doc)[0]?.quadrant).toBe('hears'); // waits under "Not on this map"
    expect(moveNote(doc, note.value.id, 'sees')).toEqual({ ok: false, error: 'That quadrant is not on this map.' });
    expect(moveNote(doc, note.value.id, 'says')).toEqual({ ok: true, value: 'says' });
    expect(readNotes(doc)[0]?.quadrant).toBe('says');
  });

  it('reads a broken quadrants value as the default map, keeping the other settings', () => {
    const { doc } = board();
    metaMap(doc).set('hiddenProfileFields', ['income']);
    metaMap(doc).set('quadrants', [{ id: 'BAD ID', title: 'x', questions: [] }]);
    const meta = readMeta(doc);
    expect(meta?.hiddenProfileFields).toEqual(['income']);
    expect(quadrantsOf(meta)).toBe(SIX_QUADRANTS);
  });

  it('titles a quadrant from the map, from the built-in ones, or says it is not on the map', () => {
    expect(quadrantTitle('feels', CLASSIC_QUADRANTS)).toBe('Feels');
    expect(quadrantTitle('hears', CLASSIC_QUADRANTS)).toBe('Hears');
    expect(quadrantTitle('c_zzzzzz', CLASSIC_QUADRANTS)).toBe('Not on this map');
  });

  it('sorts notes into the map’s quadrants in order, and into "Not on this map" only when some do not fit', () => {
    const notes = [
      { quadrant: 'feels', text: 'a' },
      { quadrant: 'hears', text: 'b' },
      { quadrant: 'says', text: 'c' },
      { quadrant: 'feels', text: 'd' },
    ];
    const panels = notesByQuadrant(CLASSIC_QUADRANTS, notes);
    expect(panels.map((p) => [p.quadrant.id, p.notes.map((n) => n.text), p.isOffMap])).toEqual([
      ['says', ['c'], false],
      ['thinks', [], false],
      ['does', [], false],
      ['feels', ['a', 'd'], false],
      [OFF_MAP.id, ['b'], true],
    ]);
    expect(notesByQuadrant(CLASSIC_QUADRANTS, notes.slice(2)).some((p) => p.isOffMap)).toBe(false);
  });

  it('gives a new custom quadrant an id no other quadrant has', () => {
    const values = [0, 0, 0.5];
    const taken = [newQuadrantId([], () => 0)];
    expect(newQuadrantId(taken, () => values.shift()!)).not.toBe(taken[0]);
  });
});

describe('the agenda follows the map', () => {
  it('starts with one quadrant step per quadrant of the map', () => {
    expect(mapSteps(defaultAgenda(CLASSIC_QUADRANTS))).toEqual(['says', 'thinks', 'does', 'feels']);
    expect(mapSteps(initialSessionState().agenda)).toEqual(SIX_QUADRANTS.map((q) => q.id));
  });

  it('swaps the quadrant steps in place, keeping the steps around them', () => {
    const agenda = defaultAgenda();
    const aligned = alignAgendaWithMap(agenda, 'lobby', SIX_QUADRANTS, CLASSIC_QUADRANTS);
    expect(mapSteps(aligned)).toEqual(['says', 'thinks', 'does', 'feels']);
    expect(aligned.map((s) => s.id)).toEqual([
      'lobby',
      'groups',
      'profile',
      'q_says',
      'q_thinks',
      'q_does',
      'q_feels',
      'journey',
      'vote',
      'gaps',
      'wrap_up',
    ]);
  });

  it('keeps a kept quadrant step’s settings, follows a rename unless the facilitator retitled it', () => {
    const agenda = defaultAgenda().map((step) =>
      step.id === 'q_sees' ? { ...step, durationSec: 60, isAnonymous: true } : step.id === 'q_hears' ? { ...step, title: 'Listen' } : step,
    );
    const renamed = SIX_QUADRANTS.map((q) => (q.id === 'sees' || q.id === 'hears' ? { ...q, title: `${q.title}!` } : q));
    const aligned = alignAgendaWithMap(agenda, 'lobby', SIX_QUADRANTS, renamed);
    const sees = aligned.find((s) => s.id === 'q_sees')!;
    expect(sees).toMatchObject({ title: 'Sees!', durationSec: 60, isAnonymous: true });
    expect(aligned.find((s) => s.id === 'q_hears')?.title).toBe('Listen');
  });

  it('keeps the current step when its quadrant goes, without a quadrant', () => {
    const aligned = alignAgendaWithMap(defaultAgenda(), 'q_pains', SIX_QUADRANTS, CLASSIC_QUADRANTS);
    expect(aligned.find((s) => s.id === 'q_pains')).toMatchObject({ kind: 'quadrant', quadrant: null });
    expect(new Set(aligned.map((s) => s.id)).size).toBe(aligned.length);
  });

  it('map.set clears a spotlight the new map lacks and refuses an agenda over its limit', () => {
    const state = { ...initialSessionState(), spotlight: 'pains' };
    const context = { now: 0, participantId: 'p', personaIds: [], quadrants: SIX_QUADRANTS };
    const next = reduceSession(state, { id: 'm1', type: 'map.set', template: 'classic', quadrants: [...CLASSIC_QUADRANTS] }, context);
    expect(next.ok && next.value.spotlight).toBeNull();
    const full = { ...state, agenda: [...state.agenda, ...Array.from({ length: 27 }, (_, i) => ({ ...state.agenda[0]!, id: `x${i}` }))] };
    const eight = Array.from({ length: 8 }, (_, i) => ({ id: `c_${i}`, title: `Q${i}`, questions: [] }));
    expect(reduceSession(full, { id: 'm2', type: 'map.set', template: 'custom', quadrants: eight }, context)).toEqual({
      ok: false,
      error: 'The agenda would have more than 40 steps. Remove a step first.',
    });
  });
});
