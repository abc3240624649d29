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
  // A Java long: truncate towards zero, then wrap to 64 bits as a cast would.
  const long = BigInt.asIntN(64, BigInt(Math.trunc(seed)));
  let state = (long ^ MULTIPLIER) & MASK48;
  const next = (bits: bigint): bigint => {
    state = (state * MULTIPLIER + ADDEND) & MASK48;
    return state >> (48n - bits);
  };
  const high = next(26n);
  const low = next(27n);
  return Number((high << 27n) + low) / 2 ** 53;
}
