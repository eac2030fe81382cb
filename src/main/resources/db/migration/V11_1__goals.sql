-- Versioned business configuration: the current document per kind (goals, ai_preferences) and every change.
create table config_document (
    kind       text        not null primary key,
    body       jsonb       not null,
    version    int         not null,
    updated_at timestamptz not null,
    updated_by text        not null
);

create table config_change (
    id                 bigserial   not null primary key,
    kind               text        not null,
    actor              text        not null,
    changed_at         timestamptz not null,
    before             jsonb,
    after              jsonb       not null,
    reverted_change_id bigint references config_change (id)
);
create index config_change_kind_idx on config_change (kind, id desc);
