import { describe, expect, it } from 'vitest';
import { fingerprintOf, readFingerprint, unknownParams, writeFingerprint } from '../../src/domain/links';

describe('links', () => {
  it('names the parameters a page does not know', () => {
    expect(unknownParams('/measures', new URLSearchParams('ds=x&q=a&rag=red&colour=blue&fp=1'))).toEqual(['colour=blue']);
    expect(unknownParams('/resources/bridge', new URLSearchParams('division=Education&sort=net'))).toEqual(['sort=net']);
    expect(unknownParams('/', new URLSearchParams('ds=x&period=2021-22-q2&q=1'))).toEqual(['q=1']);
  });

  it('writes and reads a fingerprint with the latest period of the data', async () => {
    const fp = await fingerprintOf(['b', 'a'], '2021/22 Q2');
    expect(fp.hash).toMatch(/^[0-9a-f]{8}$/);
    expect(await fingerprintOf(['a', 'b'], '2021/22 Q2')).toEqual(fp);
    expect(readFingerprint(writeFingerprint(fp))).toEqual(fp);
    expect(writeFingerprint(fp)).toBe(`${fp.hash}.2021-22-q2`);
    expect(readFingerprint('zzz')).toBeNull();
    expect(readFingerprint('0123abcd')).toEqual({ hash: '0123abcd', latest: null });
  });
});
