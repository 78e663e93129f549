import { describe, expect, it } from 'vitest';
import { CLIENT_ID_PATTERN, newClientId } from './identity';

describe('anonymous client id', () => {
  it('is 32 characters of the allowed alphabet', () => {
    for (let i = 0; i < 20; i++) expect(newClientId()).toMatch(CLIENT_ID_PATTERN);
  });

  it('uses every byte value evenly (64 letters, 6 bits each)', () => {
    const id = newClientId((b) => b.map((_, i) => i * 2));
    expect(id).toHaveLength(32);
    expect(id.startsWith('ACEG')).toBe(true);
    expect(new Set(newClientId((b) => b.fill(255)))).toEqual(new Set(['_']));
  });
});
