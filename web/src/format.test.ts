import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatEta,
  formatNumber,
  formatRelativeTime,
  formatSpeed,
  formatTranscodeLine,
  formatUploadLine,
  formatViews,
  formatViewsShort,
  titleFromFileName,
} from './format';

describe('durations', () => {
  it('formats m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5.4)).toBe('0:05');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3599.6)).toBe('1:00:00');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(-1)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
  });

  it('formats time left', () => {
    expect(formatEta(0)).toBe('0 s');
    expect(formatEta(11.2)).toBe('12 s');
    expect(formatEta(60)).toBe('1 min');
    expect(formatEta(185)).toBe('3 min 5 s');
    expect(formatEta(3720)).toBe('1 h 2 min');
    expect(formatEta(7200)).toBe('2 h');
  });
});

describe('numbers', () => {
  it('groups digits and pluralizes views', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatViews(0)).toBe('0 views');
    expect(formatViews(1)).toBe('1 view');
    expect(formatViews(1234)).toBe('1,234 views');
    expect(formatViewsShort(999)).toBe('999 views');
    expect(formatViewsShort(1234)).toBe('1.2K views');
    expect(formatViewsShort(2_500_000)).toBe('2.5M views');
  });

  it('formats bytes and speeds in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(3_100_000)).toBe('3.1 MB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.1 GB');
    expect(formatSpeed(3_100_000)).toBe('3.1 MB/s');
    expect(formatSpeed(-5)).toBe('0 B/s');
  });

  it('builds the progress lines', () => {
    expect(formatUploadLine(42.7, 3_100_000, 12)).toBe('42% · 3.1 MB/s · 12 s left');
    expect(formatUploadLine(0, null, null)).toBe('0%');
    expect(formatUploadLine(10, 0, null)).toBe('10%');
    expect(formatTranscodeLine(40, 8)).toBe('Transcoding 40% · about 8 s left');
    expect(formatTranscodeLine(40, null)).toBe('Transcoding 40%');
  });
});

describe('relative time', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  it('speaks in the largest fitting unit', () => {
    expect(formatRelativeTime('2026-03-10T11:59:50Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-03-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-03-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2026-03-09T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2026-03-07T12:00:00Z', now)).toBe('3 days ago');
    expect(formatRelativeTime('2026-03-10T14:00:00Z', now)).toBe('in 2 hours');
    expect(formatRelativeTime('garbage', now)).toBe('');
  });
});

describe('titles from file names', () => {
  it('drops the extension only', () => {
    expect(titleFromFileName('holiday.final.mp4')).toBe('holiday.final');
    expect(titleFromFileName('clip')).toBe('clip');
    expect(titleFromFileName('.hidden')).toBe('.hidden');
    expect(titleFromFileName('  .mp4')).toBe('Untitled video');
  });
});
