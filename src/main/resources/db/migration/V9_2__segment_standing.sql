-- the segment module's own copy of each customer's lifecycle stage (fed by the journey module) and lead scores
-- (fed by scoring's LeadScoresChanged), compared by the lifecycle_stage and score rule nodes
create table segment_standing (
    customer_id uuid          not null primary key,
    stage       text,
    stage_at    timestamptz,
    composite   numeric(9, 4),
    behavioral  numeric(9, 4),
    demographic numeric(9, 4),
    engagement  numeric(9, 4),
    predictive  numeric(9, 4),
    scored_at   timestamptz
);
create index segment_standing_stage_idx on segment_standing (stage, customer_id);
create index segment_standing_composite_idx on segment_standing (composite, customer_id);
