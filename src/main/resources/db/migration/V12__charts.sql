-- Charts (README, "Charts"): each version carries the chart setting as canonical JSON ('' = automatic). A
-- chart-only change is a new version with the same SQL and parameters: query_version is the newest version whose
-- SQL or parameters changed, and results are stored under it, so changing the chart never makes a result stale.
alter table clip_versions add column chart text not null default '';
alter table clip_versions add column query_version integer;
update clip_versions set query_version = version;
alter table clip_versions alter column query_version set not null;
-- A result keeps the chart setting it was made under: a snapshot draws that one forever, whatever the clip's
-- owner chooses later ('' = automatic).
alter table results add column chart text not null default '';
