-- Audit rows kept on a node's disk during a database outage carry a spool id; replaying a spool file twice
-- (a node that died after its commit, or two nodes sharing a data directory) must not write a row twice.
create unique index audit_event_spool_id_key on audit_event ((detail ->> 'spool_id')) where (detail ->> 'spool_id') is not null;
