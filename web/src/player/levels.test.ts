import { describe, expect, it } from 'vitest';
import { levelIndexFor, renditionNameFor, sortRenditions } from './levels';

const renditions = [
  { name: '360p', width: 640, height: 360, bandwidth: 900_000 },
  { name: '720p', width: 1280, height: 720, bandwidth: 2_900_000 },
  { name: '480p', width: 854, height: 480, bandwidth: 1_500_000 },
];

describe('levels', () => {
  it('orders renditions best first', () => {
    expect(sortRenditions(renditions).map((r) => r.name)).toEqual(['720p', '480p', '360p']);
  });

  it('maps a rendition to the hls level of the same height', () => {
    const levels = [{ height: 360, bitrate: 900_000 }, { height: 480 }, { height: 720 }];
    expect(levelIndexFor(renditions[0], levels)).toBe(0);
    expect(levelIndexFor(renditions[1], levels)).toBe(2);
    expect(levelIndexFor({ name: '1080p', width: 1920, height: 1080, bandwidth: 5e6 }, levels)).toBe(-1);
    const twins = [{ height: 360, bitrate: 400_000 }, { height: 360, bitrate: 950_000 }];
    expect(levelIndexFor(renditions[0], twins)).toBe(1);
  });

  it('names a level after its rendition', () => {
    expect(renditionNameFor({ height: 480 }, renditions)).toBe('480p');
    expect(renditionNameFor({ height: 240 }, renditions)).toBe('240p');
    expect(renditionNameFor(undefined, renditions)).toBeNull();
  });
});
