-- 0006_recommendations.sql
--
-- What related videos, recommendations and trending are computed from, kept up
-- to date as views arrive (never by scanning the history per request).
--
-- view_events: every counted view (the views grain writes its batch together
-- with the count). viewer is the short keyed hash the views grain counts by (of
-- the user or the anonymous client id; the key is the Api's), not the id itself. paired turns true
-- once the co-watch pairing (one silo at a time) has added the view to co_views.
--
-- co_views: how often (together) video_id and other_id were watched by the
-- same viewer within 24 hours of each other; kept for both orders, so one index
-- range reads all of a video's neighbours. A viewer adds to a pair at most about
-- once a day: only a view that opens their day with a video (no other view of it
-- by them within 24 h that was paired before) pairs, with each other video they
-- watched within 24 h of it (the 50 nearest in time at most: a viewer who watches
-- thousands of videos a day costs no more than that).
--
-- related_videos: each video's best neighbours, scored as co_views.together /
-- (views(video) * views(other)) (YouTube's related videos, 2010), among the ready
-- public ones at the time. Recomputed for the videos in related_dirty (marked
-- by the pairing whenever their pairs change), a batch per round, so a request
-- reads one short, ordered list instead of every pair.
--
-- daily_views: views per video per UTC day: trending sums the last 7 days.
CREATE TABLE IF NOT EXISTS view_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    viewer text NOT NULL,
    video_id uuid NOT NULL,
    viewed_at timestamptz NOT NULL,
    paired boolean NOT NULL DEFAULT false
);

-- A viewer's history: by video (has this viewer watched it lately? the pairing) and by time
-- (their newest views: the pairing's partners, recommendations).
CREATE INDEX IF NOT EXISTS view_events_by_viewer ON view_events (viewer, video_id, viewed_at);
CREATE INDEX IF NOT EXISTS view_events_by_viewer_time ON view_events (viewer, viewed_at);
-- The pairing's queue.
CREATE INDEX IF NOT EXISTS view_events_unpaired ON view_events (id) WHERE NOT paired;
-- Retention: the oldest events go first.
CREATE INDEX IF NOT EXISTS view_events_by_time ON view_events (viewed_at);

CREATE TABLE IF NOT EXISTS co_views (
    video_id uuid NOT NULL,
    other_id uuid NOT NULL,
    together bigint NOT NULL,
    PRIMARY KEY (video_id, other_id)
);

CREATE TABLE IF NOT EXISTS related_videos (
    video_id uuid NOT NULL,
    other_id uuid NOT NULL,
    score double precision NOT NULL,
    PRIMARY KEY (video_id, other_id)
);

CREATE TABLE IF NOT EXISTS related_dirty (
    video_id uuid PRIMARY KEY,
    since timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS related_dirty_oldest ON related_dirty (since);

CREATE TABLE IF NOT EXISTS daily_views (
    day date NOT NULL,
    video_id uuid NOT NULL,
    views bigint NOT NULL,
    PRIMARY KEY (day, video_id)
);

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_api') THEN
        GRANT SELECT ON view_events, co_views, related_videos, daily_views TO platform_api;
    END IF;
END
$$;
