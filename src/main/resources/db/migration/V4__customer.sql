-- customer profiles; email and phone live only encrypted in customer_identity
create table customer (
    id           uuid        not null primary key,
    external_id  text        not null unique,
    status       text        not null check (status in ('active', 'anonymous', 'merged', 'erased')),
    first_name   text,
    last_name    text,
    gender       text,
    birth_date   date,
    city         text,
    member_tier  text,
    member_since date,
    locale       text,
    traits       jsonb       not null default '{}',
    merged_into  uuid references customer (id),
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint      not null default 0
);
create index customer_created_idx on customer (created_at, id);
create index customer_last_name_idx on customer (lower(last_name) text_pattern_ops);
create index customer_first_name_idx on customer (lower(first_name) text_pattern_ops);

-- identities: lookup is a keyed blind index (HMAC) of the normalised value; PII values are kept only as
-- Tink AEAD ciphertext, other identifiers (member cards, device and anonymous ids) in plain text
create table customer_identity (
    id           bigint generated always as identity primary key,
    customer_id  uuid        not null references customer (id),
    kind         text        not null check (kind in ('member_card', 'email', 'phone', 'device_id', 'anonymous_id')),
    lookup       bytea       not null,
    value_plain  text,
    value_cipher bytea,
    source       text        not null,
    created_at   timestamptz not null,
    unique (kind, lookup)
);
create index customer_identity_customer_idx on customer_identity (customer_id);

-- consent ledger: append-only; the current consent per channel is the latest row
create table consent_event (
    id          bigint generated always as identity primary key,
    customer_id uuid        not null references customer (id),
    channel     text        not null check (channel in ('email', 'sms', 'push')),
    status      text        not null check (status in ('granted', 'withdrawn')),
    source      text        not null,
    legal_basis text        not null,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null,
    actor       text        not null
);
create index consent_event_customer_idx on consent_event (customer_id, channel, occurred_at desc, id desc);
