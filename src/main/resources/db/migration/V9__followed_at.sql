-- When viewers on another app instance last said they follow a shared run being written (single flight
-- across instances): the run's leader goes on for them when its own viewer leaves, as it does for followers
-- in its own instance, and stops once they have been silent for a few seconds.
alter table results add column followed_at timestamptz;
