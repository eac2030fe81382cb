-- lead scoring: its own aggregates of touchpoints, current scores, the score ledger, qualifications,
-- configuration versions and trained models. Nothing here references another module's tables.

-- per customer, touchpoint type and day (in the mall's zone): how many and how much
create table scoring_activity (
    customer_id     uuid          not null,
    touchpoint_type text          not null,
    day             date          not null,
    events          int           not null,
    amount          numeric(16, 2) not null default 0,
    primary key (customer_id, touchpoint_type, day)
);

-- touchpoints already counted (the outbox delivers at least once)
create table scoring_touchpoint_seen (
    touchpoint_id uuid        not null primary key,
    seen_at       timestamptz not null
);

-- the current scores of a customer; each column always equals the sum of its ledger rows
create table lead_score (
    customer_id    uuid          not null primary key,
    behavioral     numeric(9, 4) not null default 0,
    demographic    numeric(9, 4) not null default 0,
    engagement     numeric(9, 4) not null default 0,
    predictive     numeric(9, 4) not null default 0,
    composite      numeric(9, 4) not null default 0,
    lead_quality   text          not null default 'cold' check (lead_quality in ('cold', 'warm', 'qualified', 'hot')),
    qualification  text          not null default 'lead' check (qualification in ('lead', 'mql', 'sql')),
    qualified_by   text,
    model_version  int,
    config_version int,
    factors        jsonb         not null default '[]',
    scored_at      timestamptz   not null
);
create index lead_score_composite_idx on lead_score (composite desc, customer_id);

-- every change of any score: the ledger the current scores are the sum of
create table score_ledger (
    id          bigint generated always as identity primary key,
    customer_id uuid          not null,
    kind        text          not null check (kind in ('behavioral', 'demographic', 'engagement', 'predictive', 'composite')),
    old_value   numeric(9, 4) not null,
    new_value   numeric(9, 4) not null,
    delta       numeric(9, 4) not null,
    cause       text          not null check (cause in ('touchpoint', 'decay', 'model', 'config', 'rescore', 'merge')),
    cause_ref   text,
    occurred_at timestamptz   not null
);
create index score_ledger_customer_idx on score_ledger (customer_id, id);
create index score_ledger_occurred_idx on score_ledger (occurred_at, kind);

-- every change of qualification (lead -> mql -> sql and back)
create table lead_qualification (
    id            bigint generated always as identity primary key,
    customer_id   uuid          not null,
    previous      text          not null,
    qualification text          not null,
    rule          text          not null,
    composite     numeric(9, 4) not null,
    occurred_at   timestamptz   not null
);
create index lead_qualification_customer_idx on lead_qualification (customer_id, id);
create index lead_qualification_occurred_idx on lead_qualification (occurred_at);

-- weights, thresholds and the ideal-customer profile; the highest version is in force
create table scoring_config (
    version    int         not null primary key,
    body       jsonb       not null,
    created_by text        not null,
    created_at timestamptz not null
);

-- trained models: Tribuo protobuf bytes with an HMAC-SHA256 written by Atrium, checked before loading
create table scoring_model (
    version       int         not null primary key,
    algorithm     text        not null,
    trained_at    timestamptz not null,
    trained_by    text        not null,
    cutoff        timestamptz,
    features      jsonb       not null,
    metrics       jsonb       not null,
    bytes         bytea       not null,
    mac           bytea       not null,
    active        boolean     not null default false
);
create unique index scoring_model_one_active_idx on scoring_model (active) where active;
