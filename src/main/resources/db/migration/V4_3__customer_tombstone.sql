-- tombstones of erased people: only the keyed blind index of their email / phone, so that the same person is not
-- re-imported or contacted again; the values themselves are gone
create table customer_tombstone (
    kind      text        not null check (kind in ('email', 'phone')),
    lookup    bytea       not null,
    erased_at timestamptz not null,
    primary key (kind, lookup)
);
