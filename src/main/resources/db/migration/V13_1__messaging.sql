-- Messaging: one row per message (its delivery log), keyed by the sender's idempotency key; tracked links.
create table message (
    id              uuid primary key,
    idempotency_key text not null unique,
    customer_id     uuid not null,
    channel         text not null check (channel in ('email', 'sms', 'push')),
    template_id     text,
    subject         text,
    status          text not null check (status in ('queued', 'sent', 'failed', 'refused', 'opened', 'clicked')),
    reason          text,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    opened_at       timestamptz,
    clicked_at      timestamptz
);
create index message_customer on message (customer_id, created_at desc, id desc);

create table message_link (
    token      text primary key,
    message_id uuid not null references message (id),
    kind       text not null check (kind in ('open', 'click')),
    url        text
);
