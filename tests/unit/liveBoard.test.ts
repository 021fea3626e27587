import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addNote, editNoteText } from '../../lib/board';
import { LiveBoard } from '../../components/sync/liveBoard';
import { newBoard, noteInput, syncedCopy } from './helpers/boardDocs';

/**
 * The pace of the live board: the room's changes reach the screen at most once per frame (here,
 * without animation frames, once per fallback tick), this device's own at once.
 */

afterEach(() => vi.useRealTimers());

describe('LiveBoard', () => {
  it('turns a burst of the room’s changes into one update of the screen, and shows its own at once', () => {
    vi.useFakeTimers();
    const { doc, persona } = newBoard();
    const phone = syncedCopy(doc);
    const onChange = vi.fn();
    const live = new LiveBoard(phone, onChange);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const added = addNote(doc, noteInput(persona.id, { text: `from the room ${i}`, now: 3_000 + i }));
      if (added.ok) ids.push(added.value.id);
      Y.applyUpdate(phone, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(phone)), 'server');
    }
    expect(onChange).not.toHaveBeenCalled();
    vi.runOnlyPendingTimers();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(live.store.board.notes).toHaveLength(25);

    editNoteText(phone, ids[3]!, 'typed on this phone');
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(live.store.board.notes[3]!.text).toBe('typed on this phone');
    live.destroy();
  });
});
