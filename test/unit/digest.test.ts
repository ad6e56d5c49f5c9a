import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/domain/digest';

describe('sha256Hex', () => {
  it('gives the standard SHA-256 of text (as UTF-8) and of bytes, as hex', async () => {
    // FIPS 180-2's test vector.
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await sha256Hex('abc')).toBe(abc);
    expect(await sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(abc);
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // Text is hashed as UTF-8: "£" is two bytes.
    expect(await sha256Hex('£')).toBe(await sha256Hex(new Uint8Array([0xc2, 0xa3])));
  });
});
