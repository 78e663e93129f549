// Pure formatting helpers (English, like the rest of the interface).

const integer = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** 75 → "1:15", 3725 → "1:02:05"; null or negative → "". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** 1234 → "1,234". */
export function formatNumber(n: number): string {
  return integer.format(n);
}

/** 1 → "1 view", 1234 → "1,234 views". */
export function formatViews(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? 'view' : 'views'}`;
}

/** 1234 → "1.2K views" (for cards). */
export function formatViewsShort(n: number): string {
  return `${n < 1000 ? formatNumber(n) : compact.format(n)} ${n === 1 ? 'view' : 'views'}`;
}

/** Decimal units, as file managers and network tools show them: 3_100_000 → "3.1 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** Bytes per second → "3.1 MB/s". */
export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(Math.max(0, bytesPerSecond))}/s`;
}

/** Seconds left → "12 s", "3 min 5 s", "1 h 2 min". */
export function formatEta(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  if (total < 60) return `${total} s`;
  if (total < 3600) {
    const m = Math.floor(total / 60);
    const s = total % 60;
    return s ? `${m} min ${s} s` : `${m} min`;
  }
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** The line under an upload's progress bar: "42% · 3.1 MB/s · 12 s left". */
export function formatUploadLine(percent: number, speed: number | null, eta: number | null): string {
  const parts = [`${Math.floor(percent)}%`];
  if (speed !== null && speed > 0) parts.push(formatSpeed(speed));
  if (eta !== null && Number.isFinite(eta)) parts.push(`${formatEta(eta)} left`);
  return parts.join(' · ');
}

/** "Transcoding 40% · about 8 s left". */
export function formatTranscodeLine(progress: number, etaSeconds: number | null): string {
  const line = `Transcoding ${Math.floor(progress)}%`;
  return etaSeconds !== null && etaSeconds >= 0 ? `${line} · about ${formatEta(etaSeconds)} left` : line;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", "3 days ago", "in 2 hours". */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const diff = (time - now) / 1000;
  const abs = Math.abs(diff);
  if (abs < 45) return 'just now';
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['minute', 60],
    ['hour', 3600],
    ['day', 86400],
    ['week', 604800],
    ['month', 2629800],
    ['year', 31557600],
  ];
  let chosen = steps[0];
  for (const step of steps) if (abs >= step[1] * 0.95) chosen = step;
  return relative.format(Math.round(diff / chosen[1]), chosen[0]);
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : dateFormat.format(time);
}

export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : dateTimeFormat.format(time);
}

/** "holiday.final.mp4" → "holiday.final"; a name without extension stays as it is. */
export function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  return base.trim().slice(0, 200) || 'Untitled video';
}
