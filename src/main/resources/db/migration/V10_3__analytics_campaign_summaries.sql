-- campaign touches per day, campaign, touchpoint type and channel (what campaign reports sum)
create table analytics_campaign_day (
    day             date   not null,
    campaign_id     text   not null,
    touchpoint_type text   not null,
    channel         text   not null,
    touches         bigint not null,
    primary key (day, campaign_id, touchpoint_type, channel)
);

insert into analytics_campaign_day (day, campaign_id, touchpoint_type, channel, touches)
select day, campaign_id, touchpoint_type, channel, sum(touches) from analytics_daily
where campaign_id <> '' group by day, campaign_id, touchpoint_type, channel;

-- each purchase's credit under the default attribution (last campaign touch within 7 days before it), kept as
-- purchases and campaign touches arrive; purchases without a touch in the window have no row
create table analytics_purchase_credit (
    purchase_id uuid           not null primary key,
    customer_id uuid           not null,
    occurred_at timestamptz    not null,
    amount      numeric(14, 2) not null,
    campaign_id text           not null,
    channel     text           not null
);
create index analytics_purchase_credit_time_idx on analytics_purchase_credit (occurred_at);
create index analytics_purchase_credit_customer_idx on analytics_purchase_credit (customer_id);

insert into analytics_purchase_credit (purchase_id, customer_id, occurred_at, amount, campaign_id, channel)
select p.touchpoint_id, p.customer_id, p.occurred_at, p.amount, t.campaign_id, t.channel
from analytics_purchase p
cross join lateral (
    select c.campaign_id, c.channel from analytics_campaign_touch c
    where c.customer_id = p.customer_id and c.occurred_at <= p.occurred_at
      and c.occurred_at >= p.occurred_at - interval '7 days'
    order by c.occurred_at desc, c.touchpoint_id desc limit 1) t;
