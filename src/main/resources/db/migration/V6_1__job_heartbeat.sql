-- liveness of long-running jobs: the node running a job touches heartbeat_at (database time) regularly, so a
-- job whose node died is found by any node and marked failed instead of staying 'running' forever
alter table job add column heartbeat_at timestamptz;
create index job_active_idx on job (heartbeat_at) where status in ('queued', 'running');
