-- 0003_videos.sql
--
-- videos: the read model of the video grains. The grain of a video writes its
-- row on every change with a rising version; an upsert with a version not above
-- the row's changes nothing, so writes may repeat and arrive out of order. A
-- deleted video stays as a tombstone (deleted = true, no metadata) so that a
-- late, older write cannot bring it back. Listings read it; the Api may only
-- read it (platform_api).
--
-- transcode_jobs: the job board. One row per video holds its newest transcode
-- attempt as the transcoder grain recorded it from the job stream; a worker on
-- a silo takes it with a lease it renews while it runs (FOR UPDATE SKIP LOCKED,
-- so two workers never take one job), and marks it finished. A lease that runs
-- out (the silo died) frees the job for another worker; takes counts how often
-- an attempt was taken, so a source that kills silos cannot go round for ever.
-- Finished rows stay, so a job delivered again is not run again (a finished
-- attempt delivered again is reopened, and its worker finds at once that the
-- video no longer wants it); the row goes with its video.
CREATE TABLE IF NOT EXISTS videos (
    id uuid PRIMARY KEY,
    owner_id uuid NOT NULL,
    title text NOT NULL DEFAULT '',
    description text,
    visibility text NOT NULL DEFAULT 'private',
    status text NOT NULL DEFAULT 'awaiting_upload',
    progress integer NOT NULL DEFAULT 0,
    eta_seconds integer,
    size_bytes bigint NOT NULL DEFAULT 0,
    duration_seconds double precision,
    width integer,
    height integer,
    renditions jsonb NOT NULL DEFAULT '[]',
    error_code text,
    error_message text,
    output_prefix text,
    views bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false
);

-- "My videos", newest first, by (created_at, id) cursor.
CREATE INDEX IF NOT EXISTS videos_by_owner ON videos (owner_id, created_at DESC, id DESC) WHERE NOT deleted;
-- The public feed of the next issue.
CREATE INDEX IF NOT EXISTS videos_public ON videos (created_at DESC, id DESC)
    WHERE NOT deleted AND status = 'ready' AND visibility = 'public';

CREATE TABLE IF NOT EXISTS transcode_jobs (
    video_id uuid PRIMARY KEY,
    attempt integer NOT NULL,
    source_key text NOT NULL,
    size_bytes bigint NOT NULL,
    not_before timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    worker text,
    lease_until timestamptz,
    takes integer NOT NULL DEFAULT 0,
    finished boolean NOT NULL DEFAULT false
);

CREATE INDEX IF NOT EXISTS transcode_jobs_open ON transcode_jobs (not_before, recorded_at) WHERE NOT finished;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_api') THEN
        GRANT SELECT ON videos TO platform_api;
    END IF;
END
$$;
