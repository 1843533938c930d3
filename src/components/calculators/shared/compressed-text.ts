/**
 * Long text in a link: UTF-8, compressed with raw DEFLATE (RFC 1951) through the browser's CompressionStream, then
 * base64url (RFC 4648 §5, no padding), so it is safe in a URL without percent-encoding.
 *
 * The compressed text travels in the URL's fragment, which the browser never sends to the server: a long text cannot
 * hit a host's request-line limit (8 KB on many, 16 KB in Node's HTTP server). The fragment still names the section
 * to scroll to, so it reads `#playground&tok.z=…` (see `splitFragment`).
 *
 * Reading never trusts the link: the decompressed size is capped while it streams (a small link cannot expand into
 * gigabytes), and a text over the limit is cut at the limit and said so, not dropped.
 */

/** Bytes → base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padding optional) → bytes; null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function drain(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<{ bytes: Uint8Array; over: boolean }> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let over = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
    if (size > maxBytes) {
      over = true;
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(size, maxBytes));
  let at = 0;
  for (const part of parts) {
    const take = part.subarray(0, bytes.length - at);
    bytes.set(take, at);
    at += take.length;
    if (at === bytes.length) break;
  }
  return { bytes, over };
}

/** `text` as UTF-8, raw-deflated, base64url. */
export async function compressText(text: string): Promise<string> {
  const input = new Blob([new TextEncoder().encode(text)]).stream();
  const { bytes } = await drain(input.pipeThrough(new CompressionStream('deflate-raw')), Number.POSITIVE_INFINITY);
  return toBase64Url(bytes);
}

/** What a link's compressed text turned out to be. */
export type DecodedText =
  { ok: true; text: string; /** The text was longer than the limit and was cut there. */ cut: boolean } | { ok: false; reason: 'not-base64' | 'not-deflate' };

/** Cuts `text` to at most `maxChars` UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const end = /[\uD800-\uDBFF]/.test(text[maxChars - 1] ?? '') ? maxChars - 1 : maxChars;
  return text.slice(0, end);
}

/**
 * The inverse of `compressText`, reading at most `maxChars` characters. A UTF-16 unit is at most 3 UTF-8 bytes
 * (a surrogate pair is 4 bytes for 2 units), so decompression stops after 3·maxChars + 3 bytes.
 */
export async function decompressText(encoded: string, maxChars: number): Promise<DecodedText> {
  const bytes = fromBase64Url(encoded);
  if (!bytes) return { ok: false, reason: 'not-base64' };
  const maxBytes = 3 * maxChars + 3;
  let drained: { bytes: Uint8Array; over: boolean };
  try {
    drained = await drain(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')), maxBytes);
  } catch {
    return { ok: false, reason: 'not-deflate' };
  }
  // A cut in the middle of a character's bytes decodes to U+FFFD at the end; cutText drops it with the rest.
  const text = new TextDecoder().decode(drained.bytes);
  const cut = drained.over || text.length > maxChars;
  return { ok: true, text: cut ? cutText(drained.over ? text.replace(/\uFFFD$/, '') : text, maxChars) : text, cut };
}

/**
 * A fragment that carries a section id and a value: `#playground&tok.z=abc` → { anchor: 'playground', value: 'abc' }.
 * A plain `#section` has no value.
 */
export function splitFragment(hash: string, key: string): { anchor: string; value: string | undefined } {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const marker = `&${key}=`;
  const at = body.startsWith(`${key}=`) ? -1 : body.indexOf(marker);
  if (at === -1 && !body.startsWith(`${key}=`)) return { anchor: body, value: undefined };
  const anchor = at === -1 ? '' : body.slice(0, at);
  const rest = body.slice(at === -1 ? key.length + 1 : at + marker.length);
  const end = rest.indexOf('&');
  return { anchor, value: end === -1 ? rest : rest.slice(0, end) };
}

/** The fragment for a section id and an optional value, with its `#` ('' when both are empty). */
export function joinFragment(anchor: string, key: string, value: string | undefined): string {
  if (value === undefined) return anchor ? `#${anchor}` : '';
  return `#${anchor ? `${anchor}&` : ''}${key}=${value}`;
}
