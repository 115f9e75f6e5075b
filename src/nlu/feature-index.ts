/**
 * Feature id (a 32-bit hash) → weight row, as an open-addressing table of typed arrays:
 * about ten times faster than a Map on the hot path, where every message looks up ~150 ids.
 */
export class FeatureIndex {
  private readonly keys: Uint32Array;
  private readonly rows: Int32Array;
  private readonly mask: number;
  readonly ids: readonly number[];

  constructor(ids: readonly number[]) {
    let capacity = 16;
    while (capacity < ids.length * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.rows = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    this.ids = ids;
    ids.forEach((id, row) => {
      let slot = this.slotOf(id);
      while (this.rows[slot] !== -1) {
        if (this.keys[slot] === id) throw new Error(`duplicate feature id ${id}`);
        slot = (slot + 1) & this.mask;
      }
      this.keys[slot] = id;
      this.rows[slot] = row;
    });
  }

  private slotOf(id: number): number {
    // Fibonacci hashing spreads ids that differ only in high bits.
    return Math.imul(id, 0x9e3779b1) >>> 0 & this.mask;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The row of a feature id, or -1 when the model never saw it. */
  rowOf(id: number): number {
    for (let slot = this.slotOf(id); ; slot = (slot + 1) & this.mask) {
      const row = this.rows[slot]!;
      if (row === -1 || this.keys[slot] === id >>> 0) return row;
    }
  }
}
