/**
 * Share links carry the whole machine in the URL fragment, compressed with lz-string: no server,
 * and the fragment never leaves the browser in a request.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

const PREFIX = '#machine=';

export function encodeShareHash(text: string): string {
  return PREFIX + compressToEncodedURIComponent(text);
}

/** The definition text carried by a location hash, or undefined when there is none (or it is damaged). */
export function decodeShareHash(hash: string): string | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  const text = decompressFromEncodedURIComponent(hash.slice(PREFIX.length));
  return text ? text : undefined;
}
