-- journey: each customer's lifecycle stage and scores, kept from TouchpointRecorded (never from tracking's tables)
create table customer_journey (
    customer_id          uuid        not null primary key,
    stage                text        not null check (stage in ('awareness', 'consideration', 'purchase', 'retention', 'advocacy')),
    stage_since          timestamptz not null,
    highest_stage        text        not null,
    first_seen           timestamptz not null,
    last_seen            timestamptz not null,
    touchpoints          int         not null default 0,
    purchases            int         not null default 0,
    monetary             numeric(16, 2) not null default 0,
    last_purchase_at     timestamptz,
    previous_purchase_at timestamptz,
    positive_signals     int         not null default 0,
    health               int         not null default 0,
    health_factors       jsonb       not null default '{}',
    churn_risk           double precision not null default 0,
    churn_level          text        not null default 'low',
    churn_model          text        not null default 'rule-based-logistic/1',
    momentum             text        not null default 'steady',
    momentum_slope       double precision not null default 0,
    scored_at            timestamptz not null,
    version              bigint      not null default 0
);
create index customer_journey_stage_idx on customer_journey (stage);
create index customer_journey_risk_idx on customer_journey (churn_level, churn_risk desc);

-- the journey's own per-customer, per-day aggregates (day in the mall's zone); windows are sums over days
create table journey_daily_activity (
    customer_id   uuid           not null,
    day           date           not null,
    touchpoints   int            not null default 0,
    visits        int            not null default 0,
    engagements   int            not null default 0,
    purchases     int            not null default 0,
    amount        numeric(16, 2) not null default 0,
    primary key (customer_id, day)
);

-- touchpoint summary by type and channel
create table journey_touchpoint_count (
    customer_id     uuid not null,
    touchpoint_type text not null,
    channel         text not null,
    touchpoints     int  not null,
    last_at         timestamptz not null,
    primary key (customer_id, touchpoint_type, channel)
);

-- every stage change: promotions and regressions
create table stage_transition (
    id            uuid        not null primary key,
    customer_id   uuid        not null,
    from_stage    text,
    to_stage      text        not null,
    reason        text        not null,
    touchpoint_id uuid,
    occurred_at   timestamptz not null,
    recorded_at   timestamptz not null,
    seq           bigserial
);
create index stage_transition_customer_idx on stage_transition (customer_id, occurred_at, seq);
create index stage_transition_to_stage_idx on stage_transition (to_stage, occurred_at);

-- progression rules and score thresholds, versioned: the newest version is in force
create table journey_config (
    version    int         not null primary key,
    config     jsonb       not null,
    created_by text        not null,
    created_at timestamptz not null
);

-- a customer crossed into high churn risk
create table churn_alert (
    id              uuid        not null primary key,
    customer_id     uuid        not null,
    risk            double precision not null,
    level           text        not null,
    model           text        not null,
    raised_at       timestamptz not null,
    acknowledged_at timestamptz,
    acknowledged_by text
);
create index churn_alert_raised_idx on churn_alert (raised_at desc, id desc);
create index churn_alert_customer_idx on churn_alert (customer_id) where acknowledged_at is null;

-- trained churn models (Tribuo), newest first; the active one scores when it beat the rule-based model
create table churn_model (
    id          uuid        not null primary key,
    name        text        not null,
    version     int         not null,
    trained_at  timestamptz not null,
    train_rows  int         not null,
    test_rows   int         not null,
    auc         double precision not null,
    rule_auc    double precision not null,
    active      boolean     not null,
    details     jsonb       not null default '{}',
    model       bytea       not null
);
