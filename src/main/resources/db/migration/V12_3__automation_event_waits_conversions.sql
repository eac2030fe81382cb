-- Waits until an event: the touchpoint type a waiting run waits for (its due_at is the timeout).
alter table workflow_run add column waiting_for text;
create index workflow_run_waiting_for on workflow_run (customer_id, waiting_for) where waiting_for is not null;

-- Goal conversions: a goal touchpoint (purchase by default) of a run's customer within the goal window after entry.
create table workflow_conversion (
    run_id        uuid not null references workflow_run (id),
    touchpoint_id uuid not null,
    amount        numeric(16, 2),
    occurred_at   timestamptz not null,
    primary key (run_id, touchpoint_id)
);
