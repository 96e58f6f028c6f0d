-- How far behind (in seconds) a follower may be before live runs prefer a fresher one (issue 6, part 3).
-- The column exists since V1 (default 300); registration now sets it, so keep it within what the app accepts.
alter table sources add constraint sources_max_lag_seconds_range check (max_lag_seconds between 1 and 86400);
