import type Database from 'better-sqlite3';

/**
 * What `migrate:sqlite-to-postgres` copies: every table of the SQLite schema, one workshop at a
 * time, parents before children. `where` selects one workshop's rows (`?` is its id). The columns
 * are listed, not `*`: `checkSqliteSchema` fails when SQLite has a table or column this list does
 * not know, so a new migration cannot be silently left behind by the copy.
 */
export interface CopiedTable {
  table: string;
  columns: readonly string[];
  where: string;
  /** Stored as 0/1 in SQLite, boolean in PostgreSQL. */
  booleans?: readonly string[];
}

export const COPIED_TABLES: readonly CopiedTable[] = [
  { table: 'workshops', columns: ['id', 'code', 'title', 'key_hash', 'created_at', 'doc_seq'], where: 'id = ?' },
  { table: 'retired_codes', columns: ['code', 'workshop_id', 'retired_at'], where: 'workshop_id = ?' },
  { table: 'participants', columns: ['id', 'workshop_id', 'name', 'role', 'created_at', 'removed_at'], where: 'workshop_id = ?' },
  {
    table: 'tokens',
    columns: ['hash', 'participant_id', 'created_at', 'revoked_at'],
    where: 'participant_id IN (SELECT id FROM participants WHERE workshop_id = ?)',
  },
  { table: 'yjs_clients', columns: ['workshop_id', 'client_id', 'participant_id', 'bound_at'], where: 'workshop_id = ?' },
  { table: 'doc_states', columns: ['workshop_id', 'data', 'last_seq'], where: 'workshop_id = ?' },
  { table: 'doc_updates', columns: ['workshop_id', 'seq', 'data'], where: 'workshop_id = ?' },
  { table: 'sessions', columns: ['workshop_id', 'state', 'revision'], where: 'workshop_id = ?' },
  {
    table: 'drafts',
    columns: [
      'id',
      'workshop_id',
      'participant_id',
      'step_id',
      'kind',
      'persona_id',
      'quadrant',
      'journey_step_id',
      'text',
      'color',
      'is_anonymous',
      'created_at',
      'revealed_at',
    ],
    where: 'workshop_id = ?',
    booleans: ['is_anonymous'],
  },
  { table: 'votes', columns: ['workshop_id', 'round_id', 'participant_id', 'note_id', 'dots'], where: 'workshop_id = ?' },
  { table: 'pictures', columns: ['workshop_id', 'id', 'bytes', 'content_type', 'created_at'], where: 'workshop_id = ?' },
  { table: 'snapshots', columns: ['id', 'workshop_id', 'name', 'created_at', 'state'], where: 'workshop_id = ?' },
];

/** Throws when the SQLite file has tables or columns the copy does not know (or lacks some). */
export function checkSqliteSchema(db: Database.Database): void {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
  )
    .map((row) => row.name)
    .sort();
  const known = COPIED_TABLES.map((spec) => spec.table).sort();
  if (tables.join() !== known.join()) {
    throw new Error(`The SQLite tables (${tables.join(', ')}) are not the ones this copy knows (${known.join(', ')}).`);
  }
  for (const spec of COPIED_TABLES) {
    const columns = (db.pragma(`table_info(${spec.table})`) as { name: string }[]).map((column) => column.name).sort();
    if (columns.join() !== [...spec.columns].sort().join()) {
      throw new Error(`SQLite's ${spec.table} has columns (${columns.join(', ')}); this copy knows (${spec.columns.join(', ')}).`);
    }
  }
}
