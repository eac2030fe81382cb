-- Score-threshold triggers: which side of a workflow's threshold each customer's score was last seen on, so that
-- only an upward crossing enters the workflow. as_of keeps a late, older score from flipping the side back.
create table workflow_score_side (
    workflow_id uuid        not null,
    customer_id uuid        not null,
    above       boolean     not null,
    as_of       timestamptz not null,
    primary key (workflow_id, customer_id)
);
