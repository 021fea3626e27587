/** Schema migrations, applied in order; `PRAGMA user_version` records how many ran. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    key_hash BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant')),
    created_at INTEGER NOT NULL,
    removed_at INTEGER
  );
  CREATE INDEX participants_by_workshop ON participants (workshop_id);
  CREATE TABLE tokens (
    hash BLOB PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) WITHOUT ROWID;
  CREATE TABLE doc_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    data BLOB NOT NULL
  );
  CREATE INDEX doc_updates_by_workshop ON doc_updates (workshop_id, id);
  CREATE TABLE doc_states (
    workshop_id TEXT PRIMARY KEY REFERENCES workshops (id),
    data BLOB NOT NULL,
    last_update_id INTEGER NOT NULL
  );
  `,
  `
  CREATE TABLE sessions (
    workshop_id TEXT PRIMARY KEY REFERENCES workshops (id),
    state TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    participant_id TEXT NOT NULL REFERENCES participants (id),
    step_id TEXT NOT NULL,
    persona_id TEXT NOT NULL,
    quadrant TEXT NOT NULL,
    text TEXT NOT NULL,
    color TEXT NOT NULL,
    is_anonymous INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    revealed_at INTEGER
  );
  CREATE INDEX drafts_by_workshop ON drafts (workshop_id, revealed_at);
  CREATE TABLE votes (
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    round_id TEXT NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants (id),
    note_id TEXT NOT NULL,
    dots INTEGER NOT NULL CHECK (dots > 0),
    PRIMARY KEY (round_id, participant_id, note_id)
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE retired_codes (
    code TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    retired_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE pictures (
    id TEXT NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    bytes BLOB NOT NULL,
    content_type TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, id)
  ) WITHOUT ROWID;
  CREATE TABLE snapshots (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    state BLOB NOT NULL
  );
  CREATE INDEX snapshots_by_workshop ON snapshots (workshop_id, created_at);
  `,
  `
  CREATE INDEX votes_by_workshop ON votes (workshop_id);
  `,
  `
  -- Yjs client ids belong to whoever first wrote with them: a participant, or the server's own
  -- docs (participant_id NULL). Structs of an id bound to someone else are refused.
  CREATE TABLE yjs_clients (
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    client_id INTEGER NOT NULL,
    participant_id TEXT REFERENCES participants (id),
    bound_at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, client_id)
  ) WITHOUT ROWID;
  `,
  `
  -- A revealed anonymous draft forgets its author: participant_id becomes nullable.
  CREATE TABLE drafts_next (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    participant_id TEXT REFERENCES participants (id),
    step_id TEXT NOT NULL,
    persona_id TEXT NOT NULL,
    quadrant TEXT NOT NULL,
    text TEXT NOT NULL,
    color TEXT NOT NULL,
    is_anonymous INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    revealed_at INTEGER
  );
  INSERT INTO drafts_next SELECT id, workshop_id, participant_id, step_id, persona_id, quadrant, text, color, is_anonymous, created_at, revealed_at FROM drafts;
  DROP TABLE drafts;
  ALTER TABLE drafts_next RENAME TO drafts;
  CREATE INDEX drafts_by_workshop ON drafts (workshop_id, revealed_at);
  -- One person's pending drafts, read on each of their draft commands and connects.
  CREATE INDEX drafts_pending_by_author ON drafts (workshop_id, participant_id, created_at) WHERE revealed_at IS NULL;
  UPDATE drafts SET participant_id = NULL WHERE is_anonymous = 1 AND revealed_at IS NOT NULL;
  `,
  `
  -- Private journey notes, questions and actions wait as drafts too (issue #10): what a draft
  -- becomes, and the journey step a journey note goes on. Questions and actions keep quadrant ''.
  ALTER TABLE drafts ADD COLUMN kind TEXT NOT NULL DEFAULT 'note';
  ALTER TABLE drafts ADD COLUMN journey_step_id TEXT;
  `,
];
