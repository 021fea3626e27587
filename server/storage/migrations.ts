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
  `
  -- Each workshop's update log numbered by a gapless sequence of its own (what the PostgreSQL
  -- store does too): \`workshops.doc_seq\` is the last number handed out, a state covers the log up
  -- to \`last_seq\`. Rows left after a compaction are all newer than their state, so they are
  -- renumbered from 1 above a state that now covers \`last_seq\` 0.
  ALTER TABLE workshops ADD COLUMN doc_seq INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE doc_updates_next (
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (workshop_id, seq)
  );
  INSERT INTO doc_updates_next (workshop_id, seq, data)
    SELECT workshop_id, row_number() OVER (PARTITION BY workshop_id ORDER BY id), data FROM doc_updates;
  DROP TABLE doc_updates;
  ALTER TABLE doc_updates_next RENAME TO doc_updates;
  UPDATE workshops SET doc_seq = coalesce((SELECT max(seq) FROM doc_updates u WHERE u.workshop_id = workshops.id), 0);
  CREATE TABLE doc_states_next (
    workshop_id TEXT PRIMARY KEY REFERENCES workshops (id),
    data BLOB NOT NULL,
    last_seq INTEGER NOT NULL
  );
  INSERT INTO doc_states_next (workshop_id, data, last_seq) SELECT workshop_id, data, 0 FROM doc_states;
  DROP TABLE doc_states;
  ALTER TABLE doc_states_next RENAME TO doc_states;
  -- Session writes compare and set this revision (the state's own \`revision\`).
  ALTER TABLE sessions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
  UPDATE sessions SET revision = CASE WHEN json_valid(state) THEN coalesce(CAST(json_extract(state, '$.revision') AS INTEGER), 0) ELSE 0 END;
  `,
];
