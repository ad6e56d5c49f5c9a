import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/domain/format';

describe('formatCount', () => {
  it('writes a count with thousands separators, as whole numbers', () => {
    expect([0, 1, 999, 1000, 510509, 1234567].map(formatCount)).toEqual(['0', '1', '999', '1,000', '510,509', '1,234,567']);
    // Rows a second come from a division: rounded to the nearest whole row.
    expect(formatCount(66083.6)).toBe('66,084');
  });
});
