import Database from 'better-sqlite3';
import path from 'node:path';
import * as Y from 'yjs';
import { notesMap } from '../lib/board';

export interface PersistenceCheck {
  rooms: number;
  notesCreated: number;
  notesInDb: number;
  /** Rooms whose stored doc holds fewer notes than the clients created there. */
  roomsMissingNotes: number;
}

interface StateRow {
  data: Buffer;
  lastSeq: number;
}

/**
 * Reads our server's SQLite file (read-only, while the server still runs, so what is counted is
 * what was committed before broadcast, not what a graceful shutdown wrote) and counts each
 * room's notes against the number its clients created.
 */
export function checkPersistence(dataDir: string, createdByRoom: Record<string, number>): PersistenceCheck {
  const db = new Database(path.join(dataDir, 'persona-workshop.db'), { readonly: true, fileMustExist: true });
  try {
    const workshopId = db.prepare('SELECT id FROM workshops WHERE code = ?').pluck();
    const stateOf = db.prepare('SELECT data, last_seq AS lastSeq FROM doc_states WHERE workshop_id = ?');
    const updatesAfter = db.prepare('SELECT data FROM doc_updates WHERE workshop_id = ? AND seq > ? ORDER BY seq').pluck();
    // One read transaction per room: a compaction between the two reads cannot tear the snapshot.
    const countNotes = db.transaction((code: string): number => {
      const id = workshopId.get(code) as string | undefined;
      if (!id) return 0;
      const state = stateOf.get(id) as StateRow | undefined;
      const doc = new Y.Doc();
      try {
        if (state) Y.applyUpdate(doc, state.data);
        for (const update of updatesAfter.all(id, state?.lastSeq ?? 0) as Buffer[]) Y.applyUpdate(doc, update);
        return notesMap(doc).size;
      } finally {
        doc.destroy();
      }
    });
    const check: PersistenceCheck = { rooms: 0, notesCreated: 0, notesInDb: 0, roomsMissingNotes: 0 };
    for (const [code, created] of Object.entries(createdByRoom)) {
      const found = countNotes(code);
      check.rooms++;
      check.notesCreated += created;
      check.notesInDb += found;
      if (found < created) check.roomsMissingNotes++;
    }
    return check;
  } finally {
    db.close();
  }
}
