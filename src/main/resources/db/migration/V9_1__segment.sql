-- segments: definitions (a JSON rule tree of allow-listed nodes, or a static list)
create table segment (
    id               uuid        not null primary key,
    name             text        not null,
    description      text,
    type             text        not null check (type in ('dynamic', 'static')),
    rule             jsonb,
    status           text        not null check (status in ('active', 'archived')),
    size             int         not null default 0,
    last_computed_at timestamptz,
    created_by       text        not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index segment_created_idx on segment (created_at desc, id desc);

create table segment_size_history (
    segment_id uuid        not null references segment (id),
    at         timestamptz not null,
    size       int         not null
);
create index segment_size_history_idx on segment_size_history (segment_id, at desc);

-- the segment module's own copy of the profile facts rules can compare (fed by customer events)
create table segment_profile (
    customer_id  uuid        not null primary key,
    status       text        not null,
    city         text,
    gender       text,
    member_tier  text,
    birth_date   date,
    member_since date,
    created_at   timestamptz,
    traits       jsonb       not null default '{}',
    consents     jsonb       not null default '{}'
);

-- daily touchpoint facts (fed by TouchpointRecorded; days in the mall's zone)
create table segment_fact (
    customer_id uuid          not null,
    type        text          not null,
    day         date          not null,
    count       int           not null,
    amount      numeric(16, 2) not null default 0,
    primary key (customer_id, type, day)
);
create index segment_fact_type_day_idx on segment_fact (type, day, customer_id);

-- membership history: a row per stay; the open row (left_at null) is the current membership
create table segment_membership (
    id          bigint generated always as identity primary key,
    segment_id  uuid        not null references segment (id),
    customer_id uuid        not null,
    entered_at  timestamptz not null,
    left_at     timestamptz
);
create unique index segment_membership_current_idx on segment_membership (segment_id, customer_id) where left_at is null;
create index segment_membership_customer_idx on segment_membership (customer_id) where left_at is null;

-- when a time-relative rule may next change a customer's membership (a fact leaves or enters a window)
create table segment_timer (
    segment_id  uuid        not null references segment (id),
    customer_id uuid        not null,
    due_at      timestamptz not null,
    primary key (segment_id, customer_id)
);
create index segment_timer_due_idx on segment_timer (due_at);
