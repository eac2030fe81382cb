-- Summaries that answer distinct-customer questions ("how many customers were active / purchased / were reached by
-- campaign X between two days") without reading per-customer rows at query time.
--
-- A scope names what counts as activity: 'a' any touchpoint, 'p' a purchase, 'r' any campaign touch,
-- 'c:<campaign>' a touch of that campaign, 'h:<channel>' a campaign touch on that channel, 'm:<n>:<campaign><channel>'
-- a touch of that campaign on that channel (n = the campaign id's length, so the key is unambiguous).

-- each customer's active days per scope (maintained with the gap summary below, under the customer's
-- analytics_first_seen row lock)
create table analytics_active_day (
    customer_id uuid not null,
    scope       text collate "C" not null,
    day         date not null,
    primary key (customer_id, scope, day)
);

-- per scope and day: how many customers were active that day, by the day they were last active in the scope before
-- it (0001-01-01 when it was their first day). The customers active between days A and B are then the sum over
-- days A..B of the rows whose previous_day is before A: each customer counts once, on their first day in A..B.
create table analytics_active_gap (
    scope        text   collate "C" not null,
    day          date   not null,
    previous_day date   not null,
    customers    bigint not null,
    primary key (scope, day, previous_day)
);

-- per day totals over the whole mall
create table analytics_day_total (
    day       date           not null primary key,
    touches   bigint         not null,
    visits    bigint         not null,
    purchases bigint         not null,
    revenue   numeric(16, 2) not null
);

-- per day and store, and per day and channel (smaller than analytics_daily for whole-mall reports)
create table analytics_store_day (
    day       date           not null,
    store_id  text           not null,
    touches   bigint         not null,
    visits    bigint         not null,
    purchases bigint         not null,
    revenue   numeric(16, 2) not null,
    primary key (day, store_id)
);

create table analytics_channel_day (
    day     date           not null,
    channel text           not null,
    touches bigint         not null,
    revenue numeric(16, 2) not null,
    primary key (day, channel)
);

-- existing rollups' contents, folded into the new summaries
insert into analytics_day_total (day, touches, visits, purchases, revenue)
select day, sum(touches), coalesce(sum(touches) filter (where touchpoint_type = 'store_visit'), 0),
       coalesce(sum(touches) filter (where touchpoint_type = 'purchase'), 0), sum(revenue)
from analytics_daily group by day;

insert into analytics_store_day (day, store_id, touches, visits, purchases, revenue)
select day, store_id, sum(touches), coalesce(sum(touches) filter (where touchpoint_type = 'store_visit'), 0),
       coalesce(sum(touches) filter (where touchpoint_type = 'purchase'), 0), sum(revenue)
from analytics_daily where store_id <> '' group by day, store_id;

insert into analytics_channel_day (day, channel, touches, revenue)
select day, channel, sum(touches), sum(revenue) from analytics_daily group by day, channel;

insert into analytics_active_day (customer_id, scope, day)
select distinct customer_id, 'a', day from analytics_customer_day
union
select distinct customer_id, 'p', day from analytics_customer_day where purchases > 0;

insert into analytics_active_day (customer_id, scope, day)
select distinct t.customer_id, s.scope, (t.occurred_at at time zone 'Asia/Shanghai')::date
from analytics_campaign_touch t
cross join lateral (values ('r'), ('c:' || t.campaign_id), ('h:' || t.channel),
                           ('m:' || length(t.campaign_id) || ':' || t.campaign_id || t.channel)) s(scope)
on conflict do nothing;

insert into analytics_active_gap (scope, day, previous_day, customers)
select scope, day, previous_day, count(*) from (
    select scope, day, coalesce(lag(day) over (partition by customer_id, scope order by day), date '0001-01-01') as previous_day
    from analytics_active_day) g
group by scope, day, previous_day;
