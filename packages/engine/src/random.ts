/**
 * Seeded randomness (for JitterStrategy FULL, States.UUID, States.MathRandom, $random, $uuid),
 * so that a run can be repeated exactly.
 */
import type { RandomSource } from './dataflow/types.ts';

/** sfc32: small, fast, and good enough for jitter and identifiers that need not be secret. */
export function seededRandom(seed: number | string): RandomSource {
  let h = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  let a = 0x9e3779b9 ^ h;
  let b = 0x243f6a88 ^ Math.imul(h, 0x85ebca6b);
  let c = 0xb7e15162 ^ Math.imul(h, 0xc2b2ae35);
  let d = 1;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  h = 0;
  return next;
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** An RFC 4122 version-4 UUID drawn from the given source. */
export function uuidFrom(random: RandomSource): string {
  const hex: string[] = [];
  for (let i = 0; i < 16; i++) {
    let byte = Math.floor(random() * 256) & 0xff;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    if (i === 8) byte = (byte & 0x3f) | 0x80;
    hex.push(byte.toString(16).padStart(2, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
