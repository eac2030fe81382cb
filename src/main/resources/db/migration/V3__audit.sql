-- append-only trail of every write and every denial
create table audit_event (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    role        text,
    action      text        not null,
    target      text,
    outcome     text        not null,
    status      int,
    request_id  text,
    detail      jsonb
);
create index audit_event_occurred_at_idx on audit_event (occurred_at desc, id desc);
create index audit_event_actor_idx on audit_event (actor, occurred_at desc);
create index audit_event_target_idx on audit_event (target, occurred_at desc);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_append_only();
