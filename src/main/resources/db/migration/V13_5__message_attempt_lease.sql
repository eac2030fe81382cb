-- At-least-once delivery: when the current delivery attempt of a queued message started (database time), so that a
-- message left queued by a killed process is delivered again (same message id / Message-ID) once its lease expired.
alter table message add column attempted_at timestamptz not null default now();
