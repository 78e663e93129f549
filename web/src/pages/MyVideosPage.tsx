import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { toApiError, type ApiError } from '../api/client';
import { watchVideo } from '../api/events';
import type { Video, Visibility } from '../api/types';
import { videosApi } from '../api/videos';
import { ErrorAlert } from '../components/Alert';
import { Dialog } from '../components/Dialog';
import { SelectField, TextArea, TextField, SubmitButton } from '../components/Field';
import { Link } from '../components/Link';
import { StatusBadge } from '../components/StatusBadge';
import { useAction } from '../components/useAction';
import { useTitle } from '../components/useTitle';
import { formatDate, formatDuration, formatTranscodeLine, formatViews } from '../format';

const PAGE = 20;

function EditDialog({ video, onClose, onSaved }: { video: Video; onClose: () => void; onSaved: (v: Video) => void }) {
  const [title, setTitle] = useState(video.title);
  const [description, setDescription] = useState(video.description ?? '');
  const [visibility, setVisibility] = useState<Visibility>(video.visibility);
  const { busy, error, run } = useAction();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => videosApi.update(video.id, { title: title.trim(), description, visibility }));
    if (saved) onSaved(saved);
  };

  const problem = error && !Object.keys(error.errors).length ? error : null;
  return (
    <Dialog title="Edit video" onClose={onClose}>
      <form onSubmit={save} noValidate className="form">
        <ErrorAlert error={problem} />
        <TextField
          label="Title"
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          errors={error?.fieldErrors('title')}
        />
        <TextArea
          label="Description"
          value={description}
          maxLength={5000}
          rows={4}
          onChange={(e) => setDescription(e.target.value)}
          errors={error?.fieldErrors('description')}
        />
        <SelectField
          label="Visibility"
          value={visibility}
          onChange={(e) => setVisibility(e.target.value as Visibility)}
          errors={error?.fieldErrors('visibility')}
        >
          <option value="public">Public</option>
          <option value="unlisted">Unlisted</option>
          <option value="private">Private</option>
        </SelectField>
        <div className="actions">
          <SubmitButton busy={busy}>Save</SubmitButton>
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ video, onClose, onDeleted }: { video: Video; onClose: () => void; onDeleted: () => void }) {
  const { busy, error, run } = useAction();
  const remove = async () => {
    const result = await run(async () => {
      try {
        await videosApi.remove(video.id);
      } catch (e) {
        if (toApiError(e).status !== 404) throw e; // already gone is what we wanted
      }
      return true;
    });
    if (result) onDeleted();
  };
  return (
    <Dialog title="Delete video?" onClose={onClose} initialFocus="[data-cancel]">
      <p>
        “{video.title}” and all its files will be removed for good. This cannot be undone.
      </p>
      <ErrorAlert error={error} />
      <div className="actions">
        <button type="button" className="button danger" onClick={() => void remove()} aria-busy={busy || undefined}>
          Delete
        </button>
        <button type="button" className="button secondary" onClick={onClose} data-cancel="">
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

function VideoRow({
  video,
  onChange,
  onEdit,
  onDelete,
}: {
  video: Video;
  onChange: (v: Video) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const titleId = useId();
  const live = video.status === 'queued' || video.status === 'processing';
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!live) return;
    return watchVideo(video.id, (v) => onChangeRef.current(v));
  }, [live, video.id]);

  const duration = formatDuration(video.durationSeconds);
  return (
    <li className="my-video">
      <span className="thumb small-thumb">
        {video.thumbnailUrl ? <img src={video.thumbnailUrl} alt="" loading="lazy" width={160} height={90} /> : null}
      </span>
      <div className="my-video-body">
        <h2 className="my-video-title" id={titleId}>
          {video.status === 'ready' ? <Link to={`/watch/${encodeURIComponent(video.id)}`}>{video.title}</Link> : video.title}
        </h2>
        <p className="my-video-meta">
          <StatusBadge video={video} />
          <span className="badge">{video.visibility[0].toUpperCase() + video.visibility.slice(1)}</span>
          <span>{formatViews(video.views)}</span>
          {duration ? <span>{duration}</span> : null}
          <span>Uploaded {formatDate(video.createdAt)}</span>
        </p>
        {video.status === 'processing' ? (
          <p className="muted small" aria-live="polite">
            {formatTranscodeLine(video.progress, video.etaSeconds)}
          </p>
        ) : null}
        {video.status === 'awaiting_upload' ? (
          <p className="muted small">
            The file was not uploaded yet. Unfinished resumable uploads can be resumed on the{' '}
            <Link to="/upload">upload page</Link>.
          </p>
        ) : null}
        <div className="actions">
          <button type="button" className="button secondary" onClick={onEdit} aria-describedby={titleId}>
            Edit
          </button>
          <button type="button" className="button secondary danger-text" onClick={onDelete} aria-describedby={titleId}>
            Delete
          </button>
        </div>
      </div>
    </li>
  );
}

export function MyVideosPage() {
  useTitle('My videos');
  const [videos, setVideos] = useState<Video[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<Video | null>(null);
  const [deleting, setDeleting] = useState<Video | null>(null);
  const [status, setStatus] = useState('');

  const load = useCallback(async (from: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await videosApi.mine(PAGE, from);
      setVideos((prev) => {
        const seen = new Set(prev.map((v) => v.id));
        return from ? [...prev, ...page.items.filter((v) => !seen.has(v.id))] : page.items;
      });
      setCursor(page.nextCursor);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(null);
  }, [load]);

  const replace = useCallback((next: Video) => setVideos((list) => list.map((v) => (v.id === next.id ? next : v))), []);

  return (
    <>
      <h1>My videos</h1>
      <p>
        <Link to="/upload">Upload videos</Link>
      </p>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {error ? (
        <ErrorAlert error={error}>
          <button type="button" className="button secondary" onClick={() => void load(videos.length ? cursor : null)}>
            Try again
          </button>
        </ErrorAlert>
      ) : null}
      {!loading && !error && videos.length === 0 ? (
        <p className="empty">
          You have no videos yet. <Link to="/upload">Upload one</Link>.
        </p>
      ) : null}
      {videos.length ? (
        <ul className="my-videos">
          {videos.map((video) => (
            <VideoRow
              key={video.id}
              video={video}
              onChange={replace}
              onEdit={() => setEditing(video)}
              onDelete={() => setDeleting(video)}
            />
          ))}
        </ul>
      ) : null}
      {loading && !videos.length ? <p className="muted">Loading…</p> : null}
      {cursor ? (
        <p className="load-more">
          <button
            type="button"
            className="button secondary"
            onClick={() => !loading && void load(cursor)}
            aria-busy={loading || undefined}
          >
            Load more
          </button>
        </p>
      ) : null}

      {editing ? (
        <EditDialog
          video={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            replace(saved);
            setEditing(null);
            setStatus(`Saved “${saved.title}”.`);
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteDialog
          video={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setVideos((list) => list.filter((v) => v.id !== deleting.id));
            setDeleting(null);
            setStatus(`Deleted “${deleting.title}”.`);
          }}
        />
      ) : null}
    </>
  );
}
