/**
 * PostgreSQL schema migrations, applied in order by `migrate()` (one transaction, under an
 * advisory lock); `schema_migrations` records how many ran. The tables are SQLite's (same names,
 * same meaning): times are ms since the epoch (bigint), Yjs client ids are uint32 (bigint).
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE workshops (
    id text PRIMARY KEY,
    code text NOT NULL UNIQUE,
    title text NOT NULL,
    key_hash bytea NOT NULL,
    created_at bigint NOT NULL,
    -- The last seq handed out to this workshop's update log; the row lock taken to raise it
    -- serialises appends per workshop, so commit order is seq order.
    doc_seq bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE retired_codes (
    code text PRIMARY KEY,
    workshop_id text NOT NULL REFERENCES workshops (id),
    retired_at bigint NOT NULL
  );
  CREATE TABLE participants (
    id text PRIMARY KEY,
    workshop_id text NOT NULL REFERENCES workshops (id),
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('facilitator', 'participant')),
    created_at bigint NOT NULL,
    removed_at bigint
  );
  CREATE INDEX participants_by_workshop ON participants (workshop_id);
  CREATE TABLE tokens (
    hash bytea PRIMARY KEY,
    participant_id text NOT NULL REFERENCES participants (id),
    created_at bigint NOT NULL,
    revoked_at bigint
  );
  CREATE INDEX tokens_by_participant ON tokens (participant_id);
  CREATE TABLE doc_updates (
    workshop_id text NOT NULL REFERENCES workshops (id),
    seq bigint NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (workshop_id, seq)
  );
  CREATE TABLE doc_states (
    workshop_id text PRIMARY KEY REFERENCES workshops (id),
    data bytea NOT NULL,
    last_seq bigint NOT NULL
  );
  CREATE TABLE yjs_clients (
    workshop_id text NOT NULL REFERENCES workshops (id),
    client_id bigint NOT NULL,
    participant_id text REFERENCES participants (id),
    bound_at bigint NOT NULL,
    PRIMARY KEY (workshop_id, client_id)
  );
  CREATE TABLE sessions (
    workshop_id text PRIMARY KEY REFERENCES workshops (id),
    state text NOT NULL,
    revision bigint NOT NULL
  );
  CREATE TABLE drafts (
    id text PRIMARY KEY,
    workshop_id text NOT NULL REFERENCES workshops (id),
    participant_id text REFERENCES participants (id),
    step_id text NOT NULL,
    kind text NOT NULL DEFAULT 'note',
    persona_id text NOT NULL,
    quadrant text NOT NULL,
    journey_step_id text,
    text text NOT NULL,
    color text NOT NULL,
    is_anonymous boolean NOT NULL,
    created_at bigint NOT NULL,
    revealed_at bigint
  );
  CREATE INDEX drafts_pending_by_workshop ON drafts (workshop_id, created_at) WHERE revealed_at IS NULL;
  CREATE INDEX drafts_pending_by_author ON drafts (workshop_id, participant_id, created_at) WHERE revealed_at IS NULL;
  CREATE TABLE votes (
    workshop_id text NOT NULL REFERENCES workshops (id),
    round_id text NOT NULL,
    participant_id text NOT NULL REFERENCES participants (id),
    note_id text NOT NULL,
    dots integer NOT NULL CHECK (dots > 0),
    PRIMARY KEY (round_id, participant_id, note_id)
  );
  CREATE INDEX votes_by_workshop ON votes (workshop_id);
  CREATE TABLE pictures (
    workshop_id text NOT NULL REFERENCES workshops (id),
    id text NOT NULL,
    bytes bytea NOT NULL,
    content_type text NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (workshop_id, id)
  );
  CREATE TABLE snapshots (
    id text PRIMARY KEY,
    workshop_id text NOT NULL REFERENCES workshops (id),
    name text NOT NULL,
    created_at bigint NOT NULL,
    state bytea NOT NULL
  );
  CREATE INDEX snapshots_by_workshop ON snapshots (workshop_id, created_at);
  `,
];
