import { describe, expect, it } from 'vitest';
import { unknownParams } from '../../src/domain/links';
import { readBenchmarkView, writeBenchmarkView } from '../../src/domain/view';

describe('benchmark view URL codec (bench, bp)', () => {
  it.each([
    ['', { group: null, period: null }],
    ['bench=all', { group: null, period: null }],
    ['bench=Statistical+neighbours&bp=2023-24', { group: 'Statistical neighbours', period: '2023-24' }],
    ['bench=%20GM%20&bp=2023-24-Q2', { group: 'GM', period: '2023-24-q2' }],
    [`bench=${'x'.repeat(81)}&bp=<script>`, { group: null, period: null }],
  ])('?%s', (search, expected) => {
    expect(readBenchmarkView(new URLSearchParams(search))).toEqual(expected);
  });

  it('writes only what differs from the defaults, keeping other parameters', () => {
    const p = new URLSearchParams('ds=cfse&period=2023-24&bench=Old');
    expect(writeBenchmarkView(p, { group: 'Statistical neighbours', period: '2022-23' }).toString()).toBe('ds=cfse&period=2023-24&bench=Statistical+neighbours&bp=2022-23');
    expect(writeBenchmarkView(p, { group: null, period: null }).toString()).toBe('ds=cfse&period=2023-24');
  });

  it('the measure page and the groups page know their parameters; elsewhere they are named as unknown', () => {
    expect(unknownParams('/measures/CFSE.14', new URLSearchParams('bench=GM&bp=2023-24&x=1'))).toEqual(['x=1']);
    expect(unknownParams('/benchmarking/groups', new URLSearchParams('group=GM&q=wig'))).toEqual([]);
    expect(unknownParams('/measures', new URLSearchParams('bench=GM'))).toEqual(['bench=GM']);
  });
});
