// Ascending sort of a Float64Array in place. Statistics sort every numeric column of the
// selection; an LSD radix sort on the IEEE-754 bits (11-bit digits, so the counting tables stay
// in cache, and passes whose digit is shared by every value are skipped) runs several times
// faster than the built-in typed-array sort on columns of tens of thousands of values.

const RADIX_THRESHOLD = 1024;
const BITS = 11;
const BINS = 1 << BITS;
const MASK = BINS - 1;
/** Digit positions (word, shift) over the 64-bit key, least significant first. */
const DIGITS: readonly [number, number][] = [
  [0, 0],
  [0, 11],
  [0, 22],
  [1, 0],
  [1, 11],
  [1, 22],
];

/** Sorts `values` ascending in place (no NaN expected) and returns it. */
export function sortNumbers(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_THRESHOLD) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  // Map each double to an unsigned key with the same order: flip all bits of negatives, only the
  // sign bit of positives. Little-endian: words[2i] is the low half, words[2i + 1] the high half.
  const counts = new Uint32Array(DIGITS.length * BINS);
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    let klo: number;
    let khi: number;
    if (hi & 0x80000000) {
      klo = ~lo >>> 0;
      khi = ~hi >>> 0;
    } else {
      klo = lo;
      khi = (hi | 0x80000000) >>> 0;
    }
    words[2 * i] = klo;
    words[2 * i + 1] = khi;
    counts[klo & MASK]++;
    counts[BINS + ((klo >>> 11) & MASK)]++;
    counts[2 * BINS + (klo >>> 22)]++;
    counts[3 * BINS + (khi & MASK)]++;
    counts[4 * BINS + ((khi >>> 11) & MASK)]++;
    counts[5 * BINS + (khi >>> 22)]++;
  }
  let src: Uint32Array = words;
  let dst: Uint32Array = new Uint32Array(n * 2);
  for (let pass = 0; pass < DIGITS.length; pass++) {
    const base = pass * BINS;
    const [word, shift] = DIGITS[pass];
    // A digit shared by every key orders nothing: skip the pass.
    let skip = false;
    let sum = 0;
    for (let d = 0; d < BINS; d++) {
      const c = counts[base + d];
      if (c === n) {
        skip = true;
        break;
      }
      counts[base + d] = sum;
      sum += c;
    }
    if (skip) continue;
    for (let i = 0; i < n; i++) {
      const lo = src[2 * i];
      const hi = src[2 * i + 1];
      const d = ((word === 0 ? lo : hi) >>> shift) & MASK;
      const p = counts[base + d]++;
      dst[2 * p] = lo;
      dst[2 * p + 1] = hi;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  for (let i = 0; i < n; i++) {
    const klo = src[2 * i];
    const khi = src[2 * i + 1];
    if (khi & 0x80000000) {
      words[2 * i] = klo;
      words[2 * i + 1] = khi & 0x7fffffff;
    } else {
      words[2 * i] = ~klo >>> 0;
      words[2 * i + 1] = ~khi >>> 0;
    }
  }
  return values;
}
