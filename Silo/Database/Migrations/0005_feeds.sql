-- 0005_feeds.sql
--
-- The public feed, a person's public videos and search, all on the read model.
-- search: the title (weight A) and the description (weight B) as an English
-- text-search vector, kept by PostgreSQL itself; its GIN index covers the ready
-- public videos only, the ones search may return.
ALTER TABLE videos ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED;

CREATE INDEX IF NOT EXISTS videos_search ON videos USING gin (search)
    WHERE NOT deleted AND status = 'ready' AND visibility = 'public';

-- A person's public videos, newest first.
CREATE INDEX IF NOT EXISTS videos_public_by_owner ON videos (owner_id, created_at DESC, id DESC)
    WHERE NOT deleted AND status = 'ready' AND visibility = 'public';
