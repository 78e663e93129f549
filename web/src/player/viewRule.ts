// When a view counts: after 5 seconds of actual playback (the sum of timeupdate steps while
// playing, not paused or seeking), at most once per video per 30 minutes in this browser.

export const VIEW_AFTER_SECONDS = 5;
export const VIEW_EVERY_MS = 30 * 60 * 1000;
export const VIEWS_KEY = 'platform.views';
/** Steps longer than this between two timeupdates are jumps (a seek we did not see), not playback. */
const MAX_STEP_SECONDS = 3;

/** Sums the media time that really played. */
export class PlaybackClock {
  private last: number | null = null;
  private total = 0;

  /** Feed every timeupdate: the current position and whether the media is playing right now. */
  update(currentTime: number, playing: boolean): number {
    if (!playing) {
      this.last = null;
      return this.total;
    }
    if (this.last !== null) {
      const step = currentTime - this.last;
      if (step > 0 && step <= MAX_STEP_SECONDS) this.total += step;
    }
    this.last = currentTime;
    return this.total;
  }

  /** A seek (or a pause) breaks the chain: the next step starts from the new position. */
  interrupt(): void {
    this.last = null;
  }

  get played(): number {
    return this.total;
  }

  reset(): void {
    this.last = null;
    this.total = 0;
  }
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

function readLedger(storage: KeyValueStorage | null): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(VIEWS_KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** True when this browser has not counted a view of the video in the last 30 minutes. */
export function mayCountView(storage: KeyValueStorage | null, videoId: string, now: number): boolean {
  const last = readLedger(storage)[videoId];
  return last === undefined || now - last >= VIEW_EVERY_MS || last > now;
}

/** Remembers a counted view (and forgets entries older than 30 minutes). */
export function rememberView(storage: KeyValueStorage | null, videoId: string, now: number): void {
  if (!storage) return;
  const ledger = readLedger(storage);
  ledger[videoId] = now;
  for (const [id, time] of Object.entries(ledger)) if (now - time >= VIEW_EVERY_MS) delete ledger[id];
  try {
    storage.setItem(VIEWS_KEY, JSON.stringify(ledger));
  } catch {
    // Storage refused: the server deduplicates anyway.
  }
}

/** Combines the clock and the ledger: `tick` answers true exactly once, when the view should be sent. */
export class ViewCounter {
  private readonly clock = new PlaybackClock();
  private fired = false;

  constructor(
    private readonly videoId: string,
    private readonly storage: KeyValueStorage | null,
    private readonly now: () => number = Date.now,
  ) {}

  tick(currentTime: number, playing: boolean): boolean {
    if (this.fired) return false;
    const played = this.clock.update(currentTime, playing);
    if (played < VIEW_AFTER_SECONDS) return false;
    this.fired = true;
    const now = this.now();
    if (!mayCountView(this.storage, this.videoId, now)) return false;
    rememberView(this.storage, this.videoId, now);
    return true;
  }

  interrupt(): void {
    this.clock.interrupt();
  }

  get played(): number {
    return this.clock.played;
  }
}
