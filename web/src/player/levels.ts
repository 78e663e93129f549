// Mapping the video's renditions to hls.js levels (by height) and back.
import type { Rendition } from '../api/types';

export interface LevelLike {
  height: number;
  width?: number;
  bitrate?: number;
}

/** Best first: taller, then higher bandwidth. */
export function sortRenditions(renditions: readonly Rendition[]): Rendition[] {
  return [...renditions].sort((a, b) => b.height - a.height || b.bandwidth - a.bandwidth);
}

/** The hls.js level index playing this rendition (same height; ties broken by bandwidth), or -1. */
export function levelIndexFor(rendition: Rendition, levels: readonly LevelLike[]): number {
  let best = -1;
  for (let i = 0; i < levels.length; i++) {
    if (levels[i].height !== rendition.height) continue;
    if (
      best === -1 ||
      Math.abs((levels[i].bitrate ?? 0) - rendition.bandwidth) < Math.abs((levels[best].bitrate ?? 0) - rendition.bandwidth)
    ) {
      best = i;
    }
  }
  return best;
}

/** The rendition's name for a level (e.g. "360p"); unknown heights are named "{height}p". */
export function renditionNameFor(level: LevelLike | undefined, renditions: readonly Rendition[]): string | null {
  if (!level || !level.height) return null;
  return renditions.find((r) => r.height === level.height)?.name ?? `${level.height}p`;
}
