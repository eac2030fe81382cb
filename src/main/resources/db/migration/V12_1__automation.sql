-- Marketing automation: workflow definitions (versioned), runs, step logs, side-effect keys, dead letters, tasks.
create table workflow (
    id              uuid primary key,
    name            text not null,
    status          text not null check (status in ('draft', 'active', 'paused', 'archived')),
    current_version int not null,
    signing_secret  text not null,
    created_by      text not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index workflow_created on workflow (created_at desc, id desc);

create table workflow_version (
    workflow_id uuid not null references workflow (id),
    version     int not null,
    definition  jsonb not null,
    created_at  timestamptz not null,
    primary key (workflow_id, version)
);

create table workflow_run (
    id           uuid primary key,
    workflow_id  uuid not null references workflow (id),
    version      int not null,
    customer_id  uuid not null,
    state        text not null check (state in ('pending', 'running', 'waiting', 'completed', 'exited', 'failed')),
    step_index   int not null,
    due_at       timestamptz,
    variant      text,
    entered_at   timestamptz not null,
    updated_at   timestamptz not null,
    finished_at  timestamptz,
    reason       text
);
create index workflow_run_workflow on workflow_run (workflow_id, state);
create index workflow_run_customer on workflow_run (customer_id, entered_at desc);
create index workflow_run_due on workflow_run (due_at) where state = 'waiting';

create table workflow_step_log (
    id          bigserial primary key,
    run_id      uuid not null references workflow_run (id),
    step_index  int not null,
    action_type text not null,
    input       jsonb not null,
    outcome     text not null,
    error       text,
    attempt     int not null,
    started_at  timestamptz not null,
    finished_at timestamptz not null
);
create index workflow_step_log_run on workflow_step_log (run_id, id);

create table workflow_side_effect (
    idempotency_key text primary key,
    run_id          uuid not null,
    step_index      int not null,
    outcome         text,
    created_at      timestamptz not null
);

create table workflow_dead_letter (
    id          uuid primary key,
    workflow_id uuid not null,
    run_id      uuid not null,
    step_index  int not null,
    action_type text not null,
    error       text not null,
    attempts    int not null,
    created_at  timestamptz not null
);
create index workflow_dead_letter_created on workflow_dead_letter (created_at desc, id desc);

create table automation_task (
    id          uuid primary key,
    workflow_id uuid not null,
    run_id      uuid not null,
    customer_id uuid not null,
    title       text not null,
    assignee    text,
    status      text not null check (status in ('open', 'closed')),
    created_at  timestamptz not null,
    closed_at   timestamptz,
    closed_by   text,
    unique (run_id, title)
);
create index automation_task_created on automation_task (created_at desc, id desc);
