-- Analytics rollups, maintained incrementally from TouchpointRecorded (and rebuilt from history after bulk loads).
-- Days are calendar days in the mall's zone; '' stands for "no store" / "no campaign" so keys stay non-null.

-- touches and revenue per day, store, channel, campaign and touchpoint type
create table analytics_daily (
    day             date           not null,
    touchpoint_type text           not null,
    channel         text           not null,
    store_id        text           not null,
    campaign_id     text           not null,
    touches         bigint         not null,
    revenue         numeric(16, 2) not null,
    primary key (day, touchpoint_type, channel, store_id, campaign_id)
);

-- who was active on a day, where: distinct-customer counts (active, new, returning, lapsed, purchasers)
create table analytics_customer_day (
    day         date           not null,
    customer_id uuid           not null,
    channel     text           not null,
    store_id    text           not null,
    touches     int            not null,
    visits      int            not null,
    purchases   int            not null,
    revenue     numeric(14, 2) not null,
    primary key (day, customer_id, channel, store_id)
);
create index analytics_customer_day_customer_idx on analytics_customer_day (customer_id, day);

-- the first day a customer was seen: new vs returning
create table analytics_first_seen (
    customer_id uuid not null primary key,
    first_day   date not null
);
create index analytics_first_seen_day_idx on analytics_first_seen (first_day);

-- touchpoints carrying a campaign id, and purchases: what attribution joins
create table analytics_campaign_touch (
    touchpoint_id   uuid        not null primary key,
    campaign_id     text        not null,
    customer_id     uuid        not null,
    touchpoint_type text        not null,
    channel         text        not null,
    occurred_at     timestamptz not null
);
create index analytics_campaign_touch_customer_idx on analytics_campaign_touch (customer_id, occurred_at);
create index analytics_campaign_touch_time_idx on analytics_campaign_touch (occurred_at);

create table analytics_purchase (
    touchpoint_id uuid           not null primary key,
    customer_id   uuid           not null,
    occurred_at   timestamptz    not null,
    amount        numeric(14, 2) not null
);
create index analytics_purchase_time_idx on analytics_purchase (occurred_at);

-- touchpoints already counted: a redelivered event or a rebuild racing the listener never counts twice
create table analytics_counted (
    touchpoint_id uuid not null primary key
);
