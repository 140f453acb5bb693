-- Replicas sharing the database. A delivery is sent by the replica holding its lease (claimed_by,
-- until claimed_until): it renews the lease before every attempt, and a replica that dies leaves a
-- lease that runs out, so another resumes with the same idempotency key. A digest's slot is prepared
-- by the replica that took it here; recording the slot deletes the row.
ALTER TABLE deliveries ADD COLUMN claimed_by text;
ALTER TABLE deliveries ADD COLUMN claimed_until timestamptz;
CREATE TABLE digest_slots (
  digest text NOT NULL,
  slot timestamptz NOT NULL,
  owner text NOT NULL,
  claimed_until timestamptz NOT NULL,
  PRIMARY KEY (digest, slot)
);
-- Polls claim due sources by next_poll_at.
CREATE INDEX sources_next_poll ON sources (next_poll_at) WHERE paused_reason IS NULL;
