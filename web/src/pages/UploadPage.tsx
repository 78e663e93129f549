import { useEffect, useId, useState, useSyncExternalStore, type ChangeEvent, type DragEvent } from 'react';
import type { Visibility } from '../api/types';
import { Link } from '../components/Link';
import { ProgressBar } from '../components/ProgressBar';
import { SelectField } from '../components/Field';
import { useTitle } from '../components/useTitle';
import { formatBytes, formatTranscodeLine, formatUploadLine } from '../format';
import { uploads, type UploadItemView } from '../upload/manager';
import { matchesFile, type StoredUpload } from '../upload/store';

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function phaseText(item: UploadItemView): string {
  switch (item.phase) {
    case 'creating':
      return 'Preparing the upload…';
    case 'uploading':
      return 'Uploading…';
    case 'retrying':
      return 'Connection lost';
    case 'completing':
      return 'Finishing the upload…';
    case 'processing':
      return item.video?.status === 'queued' ? 'Uploaded. Waiting for transcoding…' : 'Uploaded. Transcoding…';
    case 'ready':
      return 'Ready to watch.';
    case 'failed':
      return 'Failed.';
    case 'cancelling':
      return 'Cancelling…';
  }
}

function UploadRow({ item }: { item: UploadItemView }) {
  const now = useNow(item.phase === 'retrying');
  const uploading = ['creating', 'uploading', 'retrying', 'completing'].includes(item.phase);
  const showTranscode = item.uploaded && item.video !== null && item.video.status !== 'failed';
  const retryIn = item.retryAt ? Math.max(0, Math.ceil((item.retryAt - now) / 1000)) : 0;
  const video = item.video;
  const headingId = useId();
  return (
    <li className="upload-item" aria-labelledby={headingId}>
      <h3 id={headingId}>{item.fileName}</h3>
      <p className="muted small">
        {formatBytes(item.size)}
        {item.multipart ? ' · resumable upload' : ''}
      </p>
      {!item.uploaded && item.phase !== 'failed' ? (
        <>
          <ProgressBar
            label={`Upload progress for ${item.fileName}`}
            value={item.percent}
            text={`${Math.floor(item.percent)}%`}
          />
          <p className="progress-text">{formatUploadLine(item.percent, item.speed, item.eta)}</p>
        </>
      ) : null}
      {item.phase === 'failed' && !item.uploaded && item.percent > 0 ? (
        <ProgressBar label={`Upload progress for ${item.fileName}`} value={item.percent} text={`${Math.floor(item.percent)}%`} />
      ) : null}
      {item.phase === 'retrying' ? (
        <div className="alert alert-warning">
          <p>Connection lost — retrying in {retryIn} s</p>
          <button type="button" className="button secondary" onClick={() => uploads.retryNow(item.key)}>
            Retry now
          </button>
        </div>
      ) : null}
      {showTranscode && video ? (
        <>
          <ProgressBar
            label={`Transcoding progress for ${item.fileName}`}
            value={video.status === 'ready' ? 100 : video.progress}
            text={`${video.status === 'ready' ? 100 : Math.floor(video.progress)}%`}
          />
          <p className="progress-text">
            {video.status === 'ready'
              ? 'Transcoding 100%'
              : video.status === 'queued'
                ? 'Queued for transcoding'
                : formatTranscodeLine(video.progress, video.etaSeconds)}
          </p>
        </>
      ) : null}
      <p className="visually-hidden" role="status">
        {item.phase === 'retrying' ? 'Connection lost. Retrying soon.' : phaseText(item)}
      </p>
      {item.phase === 'failed' && item.error ? (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>{item.error.title}</strong>
            {item.error.detail && item.error.detail !== item.error.title ? ` — ${item.error.detail}` : ''}
          </p>
        </div>
      ) : null}
      {item.phase === 'ready' && video ? (
        <p>
          <Link to={`/watch/${encodeURIComponent(video.id)}`} className="button">
            Watch {video.title}
          </Link>
        </p>
      ) : null}
      <div className="actions">
        {uploading ? (
          <button type="button" className="button secondary" onClick={() => void uploads.cancel(item.key)}>
            Cancel
          </button>
        ) : null}
        {item.phase === 'failed' && item.canTryAgain ? (
          <button type="button" className="button" onClick={() => uploads.tryAgain(item.key)}>
            Try again
          </button>
        ) : null}
        {item.phase === 'failed' && item.canTryAgain && item.video ? (
          <button type="button" className="button secondary" onClick={() => void uploads.cancel(item.key)}>
            Cancel
          </button>
        ) : null}
        {item.phase === 'ready' || (item.phase === 'failed' && !item.canTryAgain) ? (
          <button
            type="button"
            className="button link-like"
            onClick={() => uploads.dismiss(item.key)}
            aria-describedby={headingId}
          >
            Remove from list
          </button>
        ) : null}
      </div>
    </li>
  );
}

function Unfinished({ entry }: { entry: StoredUpload }) {
  const inputId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!matchesFile(entry, file)) {
      setProblem(
        `That is not the same file. Choose ${entry.fileName} (${formatBytes(entry.size)}), unchanged since the upload started.`,
      );
      return;
    }
    setProblem(null);
    uploads.resume(entry, file);
  };

  const discard = async () => {
    setBusy(true);
    await uploads.discard(entry);
    setBusy(false);
  };

  return (
    <li className="upload-item">
      <p>
        <strong>{entry.fileName}</strong> — choose the same file to resume
      </p>
      <div className="actions">
        <input id={inputId} type="file" className="file-input" accept="video/*" onChange={choose} />
        <label htmlFor={inputId} className="button secondary file-button">
          Choose the same file to resume {entry.fileName}
        </label>
        <button type="button" className="button link-like" onClick={() => void discard()} aria-busy={busy || undefined}>
          Discard
        </button>
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}

export function UploadPage() {
  useTitle('Upload');
  const snapshot = useSyncExternalStore(uploads.subscribe, uploads.getSnapshot);
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [dragging, setDragging] = useState(false);
  const inputId = useId();

  useEffect(() => uploads.refresh(), []);

  const addFiles = (files: FileList | null) => {
    if (files?.length) uploads.add(Array.from(files), visibility);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  };

  return (
    <>
      <h1>Upload videos</h1>
      {snapshot.unfinished.length ? (
        <section aria-labelledby="unfinished-heading" className="section">
          <h2 id="unfinished-heading">Unfinished uploads</h2>
          <ul className="upload-list">
            {snapshot.unfinished.map((entry) => (
              <Unfinished key={entry.videoId} entry={entry} />
            ))}
          </ul>
        </section>
      ) : null}

      <div className="upload-controls">
        <SelectField
          label="Visibility"
          value={visibility}
          onChange={(e) => setVisibility(e.target.value as Visibility)}
          hint="Applies to the files you add next."
        >
          <option value="public">Public</option>
          <option value="unlisted">Unlisted</option>
          <option value="private">Private</option>
        </SelectField>
      </div>

      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drag video files here, or</p>
        <input
          id={inputId}
          type="file"
          className="file-input"
          multiple
          accept="video/*"
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <label htmlFor={inputId} className="button file-button">
          Choose video files
        </label>
        <p className="muted small">Video files up to 2 GiB each. Large files upload in resumable parts.</p>
      </div>

      <p className="visually-hidden" role="status">
        {snapshot.announcement}
      </p>

      {snapshot.items.length ? (
        <section aria-labelledby="uploads-heading" className="section">
          <h2 id="uploads-heading">Uploads</h2>
          <ul className="upload-list">
            {snapshot.items.map((item) => (
              <UploadRow key={item.key} item={item} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
