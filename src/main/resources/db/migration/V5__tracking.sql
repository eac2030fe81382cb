-- the mall's places: zones (halls, floors, parking) and stores in them
create table zone (
    id    text not null primary key,
    name  text not null,
    floor text,
    kind  text not null
);

create table store (
    id       text not null primary key,
    name     text not null,
    category text not null,
    floor    text,
    zone_id  text references zone (id),
    unit     text
);

-- every interaction of a customer with the mall, on any channel
create table touchpoint (
    id               uuid        not null primary key,
    customer_id      uuid        not null,
    touchpoint_type  text        not null,
    channel          text        not null,
    occurred_at      timestamptz not null,
    received_at      timestamptz not null,
    source           text        not null,
    message_id       text unique,
    campaign_id      text,
    store_id         text,
    location         text,
    amount           numeric(14, 2),
    currency         char(3),
    rating           smallint,
    duration_seconds int,
    metadata         jsonb       not null default '{}'
);
create index touchpoint_customer_idx on touchpoint (customer_id, occurred_at desc);
create index touchpoint_occurred_idx on touchpoint (occurred_at);
