// What a link may carry, per page, and the data fingerprint it is stamped with, so a link
// opened elsewhere can say whether it shows the same data. The format is documented in the
// README and stays stable once published.
import { periodFromToken, periodToken, parsePeriod } from './period';
import { sha256Hex } from './digest';

const SHELL = ['ds', 'period', 'fp'];
const BY_PAGE: [RegExp, string[]][] = [
  [/^\/measures\/?$/, ['q', 'priority', 'type', 'polarity', 'freq', 'rag', 'flag', 'sort', 'dir']],
  [/^\/measures\/.+/, ['bench', 'bp']],
  [/^\/benchmarking\/groups\/?$/, ['group', 'q']],
  [/^\/resources\/?$/, ['division', 'sort', 'dir']],
  [/^\/resources\/bridge\/?$/, ['division']],
  [/^\/resources\/variance\/?$/, ['rag', 'sort', 'dir']],
  [/^\/resources\/reserves\/?$/, ['category', 'sort', 'dir']],
  [/^\/resources\/savings\/?$/, ['rating']],
  [/^\/search\/?$/, ['q']],
  [/^\/changes\/?$/, ['from', 'to']],
];

/** Query parameters the page at this path does not know ("name=value"), in order. */
export function unknownParams(pathname: string, params: URLSearchParams): string[] {
  const own = BY_PAGE.find(([re]) => re.test(pathname))?.[1] ?? [];
  const known = new Set([...SHELL, ...own]);
  return [...params.entries()].filter(([k]) => !known.has(k)).map(([k, v]) => `${k}=${v}`);
}

export interface Fingerprint {
  /** First 8 hex digits of the SHA-256 of the content hashes of the imports in force. */
  hash: string;
  /** The latest reporting period of the data, as a period id. */
  latest: string | null;
}

/** `3f2a91c0.2021-22-q2` → hash and latest period; null when malformed. */
export function readFingerprint(value: string | null): Fingerprint | null {
  if (!value) return null;
  const m = /^([0-9a-f]{8})(?:\.([a-z0-9-]{4,30}))?$/.exec(value);
  if (!m?.[1]) return null;
  const latest = m[2] ? periodFromToken(m[2])?.id ?? null : null;
  return { hash: m[1], latest };
}

export function writeFingerprint(fp: Fingerprint): string {
  const p = fp.latest ? parsePeriod(fp.latest) : null;
  return p ? `${fp.hash}.${periodToken(p)}` : fp.hash;
}

/** The fingerprint of a set of imports: order-independent, short, the same in every browser. */
export async function fingerprintOf(contentHashes: readonly string[], latest: string | null): Promise<Fingerprint> {
  const hash = (await sha256Hex([...contentHashes].sort().join('\n'))).slice(0, 8);
  return { hash, latest };
}
