/**
 * `$random(seed)` as AWS computes it. AWS's JSONata `$random` takes an optional seed and is
 * reproducible under it; independent measurements against AWS (reported in floci-io/floci's
 * JSONata work: `$random(42)` answers 0.7275636800328681) match the first `nextDouble()` of a
 * java.util.Random seeded with that value, so that is the generator reproduced here: the
 * 48-bit linear congruential generator documented for java.util.Random.
 */

const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK48 = (1n << 48n) - 1n;

/** The first `nextDouble()` of `new java.util.Random(seed)`; the seed is truncated towards zero. */
export function seededRandom(seed: number): number {
  const long = toJavaLong(seed);
  let state = (long ^ MULTIPLIER) & MASK48;
  const next = (bits: bigint): bigint => {
    state = (state * MULTIPLIER + ADDEND) & MASK48;
    return state >> (48n - bits);
  };
  const high = next(26n);
  const low = next(27n);
  return Number((high << 27n) + low) / 2 ** 53;
}

/** Java's double-to-long cast: towards zero, NaN to 0, saturating at the long range. */
function toJavaLong(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (value >= 2 ** 63) return (1n << 63n) - 1n;
  if (value <= -(2 ** 63)) return -(1n << 63n);
  return BigInt(Math.trunc(value));
}
