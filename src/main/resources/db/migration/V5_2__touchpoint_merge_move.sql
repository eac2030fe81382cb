-- touchpoints moved to a survivor by a merge, so that an unmerge moves exactly these back
create table touchpoint_merge_move (
    absorbed      uuid        not null,
    survivor      uuid        not null,
    touchpoint_id uuid        not null,
    moved_at      timestamptz not null,
    primary key (absorbed, survivor, touchpoint_id)
);
