-- Spring Modulith's event publication registry (transactional outbox), schema v2
create table event_publication (
    id                     uuid        not null primary key,
    listener_id            text        not null,
    event_type             text        not null,
    serialized_event       text        not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

create table event_publication_archive (
    id                     uuid        not null primary key,
    listener_id            text        not null,
    event_type             text        not null,
    serialized_event       text        not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_archive_serialized_event_hash_idx on event_publication_archive using hash (serialized_event);
create index event_publication_archive_by_completion_date_idx on event_publication_archive (completion_date);

-- db-scheduler: durable, cluster-safe timers and jobs
create table scheduled_tasks (
    task_name            text        not null,
    task_instance        text        not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean     not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint      not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- long-running work (imports, loads, recomputes, training) and its progress
create table job (
    id          uuid        not null primary key,
    kind        text        not null,
    status      text        not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    total       bigint,
    done        bigint      not null default 0,
    message     text,
    parameters  jsonb       not null default '{}',
    result      jsonb,
    created_by  text        not null,
    created_at  timestamptz not null,
    started_at  timestamptz,
    finished_at timestamptz
);
create index job_created_at_idx on job (created_at desc, id);

-- replay protection for writes that accept an Idempotency-Key header
create table idempotency_key (
    principal       text        not null,
    key             text        not null,
    request_hash    text        not null,
    response_status int,
    response_body   bytea,
    response_type   text,
    created_at      timestamptz not null,
    primary key (principal, key)
);
create index idempotency_key_created_at_idx on idempotency_key (created_at);
