-- the kept credits (default attribution) per purchase day, campaign and channel: what campaign reports sum
create table analytics_credit_day (
    day         date           not null,
    campaign_id text           not null,
    channel     text           not null,
    conversions bigint         not null,
    revenue     numeric(16, 2) not null,
    primary key (day, campaign_id, channel)
);

-- existing credits (days in the mall's zone; Asia/Shanghai is the only zone deployed so far)
insert into analytics_credit_day (day, campaign_id, channel, conversions, revenue)
select (occurred_at at time zone 'Asia/Shanghai')::date, campaign_id, channel, count(*), sum(amount)
from analytics_purchase_credit group by 1, 2, 3;

-- converted customers per campaign: gap scope 'v:<campaign>' (a day with a purchase credited to the campaign)
insert into analytics_active_gap (scope, day, previous_day, customers)
select 'v:' || campaign_id, day, previous_day, count(*) from (
    select campaign_id, day,
           coalesce(lag(day) over (partition by customer_id, campaign_id order by day), date '0001-01-01') as previous_day
    from (select distinct customer_id, campaign_id, (occurred_at at time zone 'Asia/Shanghai')::date as day
          from analytics_purchase_credit) d) g
group by 1, 2, 3;
