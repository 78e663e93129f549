-- 0004_fair_jobs_and_playback_epoch.sql
--
-- videos.playback_epoch: raised by the video grain when the visibility changes;
-- playback URLs carry it, so the read model keeps it to sign listed videos' URLs.
--
-- transcode_jobs.owner_id and transcode_owners: workers share out their slots
-- between owners in turn. Of the jobs due, a worker takes one of the owner who
-- was served longest ago (never served first), then the oldest; taking records
-- when that owner was served. So one person's hundred uploads do not hold
-- everyone else's back, whatever the number of slots. Rows recorded before this
-- migration belong to the empty owner (all zeros).
ALTER TABLE videos ADD COLUMN IF NOT EXISTS playback_epoch integer NOT NULL DEFAULT 0;
ALTER TABLE transcode_jobs ADD COLUMN IF NOT EXISTS owner_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';

CREATE TABLE IF NOT EXISTS transcode_owners (
    owner_id uuid PRIMARY KEY,
    last_taken_at timestamptz NOT NULL
);
