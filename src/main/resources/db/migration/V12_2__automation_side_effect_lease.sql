-- At-least-once side effects: when the current attempt at a key started (database time), so that a claim left
-- unconfirmed by a killed process can be taken over once its lease has expired.
alter table workflow_side_effect add column attempted_at timestamptz not null default now();
