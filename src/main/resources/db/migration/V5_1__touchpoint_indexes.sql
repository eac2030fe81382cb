-- Cheaper touchpoint indexes for high-rate ingestion and bulk history loads.
-- Message ids deduplicate ingestion; rows without one (history loads) need no entry in that index.
alter table touchpoint drop constraint touchpoint_message_id_key;
create unique index touchpoint_message_id_idx on touchpoint (message_id) where message_id is not null;

-- Time-range scans over an append-mostly table: a BRIN index costs next to nothing to maintain,
-- where a B-tree on occurred_at cost as much as the primary key on every insert.
drop index touchpoint_occurred_idx;
create index touchpoint_occurred_brin on touchpoint using brin (occurred_at);
