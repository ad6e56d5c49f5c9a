// The one hash of the app: SHA-256 through the browser's own crypto (Web Crypto), written as hex.

/** The SHA-256 of the bytes, or of the text as UTF-8, as 64 lower-case hex digits. */
export async function sha256Hex(data: BufferSource | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
