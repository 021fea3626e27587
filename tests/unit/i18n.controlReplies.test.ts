import { describe, expect, it } from 'vitest';
import { addNote, deleteNote } from '../../lib/board';
import { refusalText } from '../../lib/refusals';
import type { Locale } from '../../lib/i18n/locales';
import { BoardHistory } from '../../components/sync/BoardHistory';
import { localizeRefusal } from '../../components/ui/useRefusalText';
import { revealReply } from '../../server/control/revealDrafts';
import { serverTranslator } from '../../server/i18n/catalogs';
import type { DraftRow } from '../../server/storage/DraftStore';
import { ANN, BOB, newBoard, noteInput } from './helpers/boardDocs';

/**
 * The control plane's replies and the undo button's reasons are English sentences from
 * `lib/refusals.ts` on the wire; the person reads them in their UI language, with its plurals.
 */
const read = (text: string, locale: Locale) =>
  localizeRefusal(text, { notices: serverTranslator(locale, 'notices'), refusals: serverTranslator(locale, 'refusals') });

const drafts = (n: number): DraftRow[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `d${String(i).padStart(15, '0')}`,
    workshopId: 'w1',
    participantId: 'p1',
    stepId: 'q_sees',
    kind: 'note',
    personaId: 'persona1',
    quadrant: 'sees',
    journeyStepId: null,
    text: `Private ${i}`,
    color: 'yellow',
    isAnonymous: false,
    createdAt: i,
  }));

describe('the reveal reply (server/control/revealDrafts.ts)', () => {
  it('says nothing when every draft was written', () => {
    expect(revealReply({ revealed: drafts(3), leftForSpace: 0, leftForPersona: 0 })).toEqual({ ok: true });
  });

  it('English: the sentence it always was, with the right singulars', () => {
    expect(revealReply({ revealed: drafts(1), leftForSpace: 2, leftForPersona: 0 })).toEqual({
      ok: true,
      notice: 'Revealed 1 private note. 2 private notes stay private: the board is full. Delete notes, then reveal again.',
    });
    expect(revealNotice(3, 1, 1)).toBe(
      'Revealed 3 private notes. 1 private note stays private: the board is full. Delete notes, then reveal again. ' +
        '1 private note belongs to a deleted persona or journey step: restore it, then reveal again.',
    );
  });

  it('German and Arabic, with their plural forms', () => {
    expect(read(revealNotice(1, 2, 0), 'de')).toBe(
      '1 private Notiz aufgedeckt. 2 private Notizen bleiben privat: Das Board ist voll. Lösche Notizen und decke dann erneut auf.',
    );
    expect(read(revealNotice(5, 0, 1), 'de')).toBe(
      '5 private Notizen aufgedeckt. 1 private Notiz gehört zu einer gelöschten Persona oder einem gelöschten Journey-Schritt: Stell sie wieder her und decke dann erneut auf.',
    );
    // Arabic: the dual ("two"), "few" (3–10) and "many" (11–99) forms.
    const arabic = read(revealNotice(2, 3, 11), 'ar');
    expect(arabic).toContain('كُشف عن ملاحظتين خاصتين.');
    expect(arabic).toContain('تبقى 3 ملاحظات خاصة دون كشف');
    expect(arabic).toContain('تنتمي 11 ملاحظة خاصة إلى شخصية');
  });
});

describe('other control-plane replies', () => {
  it('a vote refusal and a drafts limit, in German and Arabic', () => {
    expect(read(refusalText('dotsSpent', { count: 1 }), 'de')).toBe('Du hast deinen 1 Punkt vergeben.');
    expect(read(refusalText('dotsSpent', { count: 2 }), 'ar')).toBe('استخدمت نقطتيك كلتيهما.');
    expect(read(refusalText('draftsPerParticipant', { count: 20 }), 'de')).toBe(
      'Du hast 20 private Notizen in der Warteschlange, mehr darf eine Person vor dem Aufdecken nicht haben.',
    );
    expect(read(refusalText('facilitatorOnly'), 'ar')).toBe('لا يفعل هذا إلا الميسّر.');
  });
});

describe('why undo is not offered (the undo button’s tooltip)', () => {
  it('deleting someone else’s note: the reason reads in German and Arabic', () => {
    const { doc, persona } = newBoard();
    const bobs = addNote(doc, noteInput(persona.id, { authorId: BOB.participantId, authorName: BOB.name, text: 'Bob’s' }));
    if (!bobs.ok) throw new Error(bobs.error);
    const history = new BoardHistory(doc, ANN);
    deleteNote(doc, bobs.value.id);
    const reason = history.getState().undoBlockedBy;
    expect(reason).toBe('That would bring back a note written by someone else, which the server does not accept from you.');
    expect(read(reason!, 'de')).toBe(
      'Damit käme eine Notiz zurück, die jemand anderes geschrieben hat – das nimmt der Server von dir nicht an.',
    );
    expect(read(reason!, 'ar')).toBe('سيعيد هذا ملاحظة كتبها شخص آخر، ولا يقبل الخادم ذلك منك.');
    history.destroy();
  });
});

function revealNotice(revealed: number, leftForSpace: number, leftForPersona: number): string {
  const reply = revealReply({ revealed: drafts(revealed), leftForSpace, leftForPersona });
  if (!reply.ok || reply.notice === undefined) throw new Error('expected a notice');
  return reply.notice;
}
