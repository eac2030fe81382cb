-- merge journal: exactly what a merge moved, so that an unmerge restores both profiles; no personal data
-- (field names and trait keys only; values stay on the absorbed profile's row)
create table customer_merge (
    id               bigint generated always as identity primary key,
    absorbed         uuid        not null references customer (id),
    survivor         uuid        not null references customer (id),
    absorbed_status  text        not null,
    filled_fields    text[]      not null,
    added_traits     text[]      not null,
    moved_identities bigint[]    not null,
    copied_consents  bigint[]    not null,
    repointed        uuid[]      not null,
    merged_at        timestamptz not null,
    merged_by        text        not null,
    unmerged_at      timestamptz,
    unmerged_by      text
);
create index customer_merge_absorbed_idx on customer_merge (absorbed, id desc);
