/**
 * Share links carry the whole machine in the URL fragment, compressed with lz-string: no server,
 * and the fragment never leaves the browser in a request.
 */
// lz-string is CommonJS: its default export works in Node, Vite and Vitest alike.
import LZString from 'lz-string';

const PREFIX = '#machine=';

export function encodeShareHash(text: string): string {
  return PREFIX + LZString.compressToEncodedURIComponent(text);
}

/** The definition text carried by a location hash, or undefined when there is none (or it is damaged). */
export function decodeShareHash(hash: string): string | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  const text = LZString.decompressFromEncodedURIComponent(hash.slice(PREFIX.length));
  return text ? text : undefined;
}
