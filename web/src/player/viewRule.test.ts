import { describe, expect, it } from 'vitest';
import { PlaybackClock, VIEWS_KEY, VIEW_EVERY_MS, ViewCounter, mayCountView, rememberView } from './viewRule';

function memoryStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('PlaybackClock', () => {
  it('sums steps only while playing', () => {
    const clock = new PlaybackClock();
    clock.update(0, true);
    clock.update(0.25, true);
    clock.update(0.5, true);
    expect(clock.played).toBeCloseTo(0.5);
    clock.update(0.5, false); // paused
    clock.update(0.5, false);
    clock.update(0.75, true); // resumes: the first step after a pause starts a new chain
    clock.update(1, true);
    expect(clock.played).toBeCloseTo(0.75);
  });

  it('ignores seeks, jumps and going backwards', () => {
    const clock = new PlaybackClock();
    clock.update(0, true);
    clock.update(1, true);
    clock.update(60, true); // a jump we did not see as a seek
    clock.update(61, true);
    expect(clock.played).toBeCloseTo(2);
    clock.interrupt(); // seeking
    clock.update(10, true);
    clock.update(9, true); // backwards
    clock.update(9.5, true);
    expect(clock.played).toBeCloseTo(2.5);
  });
});

describe('ViewCounter', () => {
  it('fires once after five seconds of playback', () => {
    const storage = memoryStorage();
    const counter = new ViewCounter('v1', storage, () => 1_000_000);
    const fired: number[] = [];
    for (let t = 0; t <= 12; t += 0.25) if (counter.tick(t, true)) fired.push(t);
    expect(fired).toEqual([5]);
    expect(JSON.parse(storage.map.get(VIEWS_KEY)!)).toEqual({ v1: 1_000_000 });
  });

  it('does not count time spent paused or seeking', () => {
    const counter = new ViewCounter('v1', memoryStorage(), () => 0);
    for (let t = 0; t <= 4; t += 0.5) expect(counter.tick(t, true)).toBe(false);
    for (let i = 0; i < 100; i++) expect(counter.tick(4, false)).toBe(false); // paused a long while
    counter.interrupt();
    expect(counter.tick(100, true)).toBe(false); // seeked far ahead
    expect(counter.played).toBeCloseTo(4);
    let fired = false;
    for (let t = 100.5; t <= 102 && !fired; t += 0.5) fired = counter.tick(t, true);
    expect(fired).toBe(true);
  });

  it('counts a video at most once per 30 minutes per browser', () => {
    const storage = memoryStorage();
    let now = 5_000_000;
    const play = () => {
      const counter = new ViewCounter('v1', storage, () => now);
      let fired = false;
      for (let t = 0; t <= 6; t += 0.25) fired = counter.tick(t, true) || fired;
      return fired;
    };
    expect(play()).toBe(true);
    now += 10 * 60 * 1000;
    expect(play()).toBe(false);
    now += 20 * 60 * 1000;
    expect(play()).toBe(true);
  });
});

describe('view ledger', () => {
  it('remembers views and forgets old ones', () => {
    const storage = memoryStorage();
    rememberView(storage, 'a', 0);
    expect(mayCountView(storage, 'a', VIEW_EVERY_MS - 1)).toBe(false);
    expect(mayCountView(storage, 'a', VIEW_EVERY_MS)).toBe(true);
    expect(mayCountView(storage, 'b', 0)).toBe(true);
    rememberView(storage, 'b', VIEW_EVERY_MS + 5);
    expect(Object.keys(JSON.parse(storage.map.get(VIEWS_KEY)!))).toEqual(['b']);
  });

  it('survives garbage in storage', () => {
    const storage = memoryStorage();
    storage.setItem(VIEWS_KEY, '[1,2');
    expect(mayCountView(storage, 'a', 0)).toBe(true);
    expect(mayCountView(null, 'a', 0)).toBe(true);
  });
});
