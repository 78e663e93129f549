-- 0007_view_batches.sql
--
-- view_batches: the batches of views the views grains have written, by the id the
-- grain gave each. A grain that did not hear the answer to a write sends the same
-- batch again; its id is found here and nothing is counted twice. Rows older
-- than a day are deleted by the co-watch pairing (a grain retries for seconds).
CREATE TABLE IF NOT EXISTS view_batches (
    id uuid PRIMARY KEY,
    video_id uuid NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS view_batches_by_time ON view_batches (written_at);
