create table app_user (
    id            uuid        not null primary key,
    username      text        not null unique,
    display_name  text        not null,
    password_hash text        not null,
    role          text        not null check (role in ('ADMIN', 'MARKETER', 'ANALYST', 'VIEWER')),
    enabled       boolean     not null default true,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

-- long-lived API tokens (bearer), shown once, stored as SHA-256
create table api_token (
    id           uuid        not null primary key,
    name         text        not null,
    token_hash   bytea       not null unique,
    prefix       text        not null,
    role         text        not null check (role in ('ADMIN', 'MARKETER', 'ANALYST', 'VIEWER')),
    created_by   text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

-- tracking write keys for ingestion sources (Segment-compatible clients), shown once, stored as SHA-256
create table write_key (
    id           uuid        not null primary key,
    name         text        not null,
    key_hash     bytea       not null unique,
    prefix       text        not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
