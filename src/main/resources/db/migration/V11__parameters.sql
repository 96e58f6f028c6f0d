-- Clip parameters (README, "Parameters"): each version declares the {{name}}s its SQL uses, as JSON
-- ([{"name","type","default"?,"choices"?,"min"?,"max"?,"link_holders"}]), saved with the SQL it belongs to.
alter table clip_versions add column parameters text not null default '[]';
-- A result is the answer to one set of values: parameter_set is the SHA-256 of the normalised typed values
-- ('' for a clip without parameters), parameters those values as JSON ({"name": "canonical text"}).
alter table results add column parameter_set varchar(64) not null default '';
alter table results add column parameters text not null default '{}';
-- One shared run per clip version and value set (single flight per parameter set).
drop index results_one_flight;
create unique index results_one_flight on results (clip_id, clip_version, parameter_set) where state = 'writing' and shared;
create index results_clip_set on results (clip_id, parameter_set, started_at desc) where state = 'complete';
