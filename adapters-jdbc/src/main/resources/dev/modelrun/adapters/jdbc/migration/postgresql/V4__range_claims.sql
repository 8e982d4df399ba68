-- Claims of new items as ranges: a claim of a job's new items is one row here (the items first_seq..last_seq, which
-- the job's claim_cursor has passed), not an update of each item. Its items stay as submitted ('Q', queue_order =
-- seq) until they end; a completion checks and locks its claim's row (still there and owned by the completing
-- node) and writes only the ending items. remaining counts the claim's items not yet ended; the row goes when it
-- reaches 0. A lease lives while the row's lease_until or its owner's heartbeat (mr_worker) has not passed; the
-- recovery of a dead claim deletes its row and hands back its unended items (queue_order = -1).
-- Handed-back items are claimed one by one as before: state 'R' with lease_owner and lease_until on the item.
CREATE TABLE mr_claim (
  job_id UUID NOT NULL,
  first_seq INT NOT NULL,
  last_seq INT NOT NULL,
  lease_owner VARCHAR NOT NULL,
  lease_until TIMESTAMPTZ NOT NULL,
  remaining INT NOT NULL,
  PRIMARY KEY (job_id, first_seq)
);
-- why: a claim's row is written once per completion of its items and deleted at its end; vacuum it early.
ALTER TABLE mr_claim SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 200);

-- why: item rows behind a job's claim_cursor that are still queued as new were skipped by an older claim (their row
-- was locked); no claim row covers them, so they are handed back like any other unclaimed item.
UPDATE mr_item i SET queue_order = -1 FROM mr_job j
  WHERE j.id = i.job_id AND i.state = 'Q' AND i.queue_order >= 0 AND i.seq < j.claim_cursor;

-- why: an update of an item can be HOT (no new index entry; the new version on the same page) only if it changes
-- no indexed column, predicates of partial indexes included. The old indexes had state in their predicates and
-- lease_owner and lease_until as columns, so every claim and completion wrote 2-3 index entries. New items are now
-- read by primary key from the claim cursor; handed-back items by queue_order, which a completion does not change;
-- the few items leased one by one by lease_owner, which a completion of a range-claimed item leaves NULL.
DROP INDEX mr_item_queued;
CREATE INDEX mr_item_handed_back ON mr_item (job_id, seq) WHERE queue_order < 0;
DROP INDEX mr_item_running;
CREATE INDEX mr_item_leased ON mr_item (lease_owner) WHERE lease_owner IS NOT NULL;
-- why: room on each page for the completion's new version of its items (each item is updated once, at its end).
ALTER TABLE mr_item SET (fillfactor = 50);
