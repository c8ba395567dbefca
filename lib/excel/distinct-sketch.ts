// Estimates how many distinct values a high-cardinality column holds without keeping them all:
// a k-minimum-values sketch over 32-bit hashes (relative error about 1/√k ≈ 6% for k = 256).
// Counting every distinct string of a million-cell column exactly would cost more than the
// whole analysis.

const K = 256;
const TWO_32 = 4_294_967_296;

/** murmur3's finaliser: spreads FNV's weak low bits so the smallest hashes are uniform. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class DistinctSketch {
  /** Max-heap of the K smallest hashes seen. */
  private readonly heap = new Float64Array(K);
  private size = 0;
  private readonly members = new Set<number>();

  add(hash: number): void {
    const h = mix(hash);
    if (this.size === K && h >= this.heap[0]) return;
    if (this.members.has(h)) return;
    if (this.size < K) {
      this.members.add(h);
      let i = this.size++;
      this.heap[i] = h;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.heap[parent] >= this.heap[i]) break;
        [this.heap[parent], this.heap[i]] = [this.heap[i], this.heap[parent]];
        i = parent;
      }
      return;
    }
    this.members.delete(this.heap[0]);
    this.members.add(h);
    this.heap[0] = h;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < K && this.heap[l] > this.heap[largest]) largest = l;
      if (r < K && this.heap[r] > this.heap[largest]) largest = r;
      if (largest === i) break;
      [this.heap[largest], this.heap[i]] = [this.heap[i], this.heap[largest]];
      i = largest;
    }
  }

  /** Exact below K distinct hashes, estimated above. */
  estimate(): number {
    if (this.size < K) return this.size;
    return Math.round(((K - 1) * TWO_32) / (this.heap[0] + 1));
  }
}
