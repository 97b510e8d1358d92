/**
 * A rough size of a value in memory: UTF-16 strings at two bytes a character
 * plus some overhead per property and array slot. It overestimates rather
 * than underestimates, so a budget is a ceiling.
 */
export function estimateBytes(value: unknown): number {
  if (typeof value === 'string') return 16 + value.length * 2;
  if (value === null || typeof value !== 'object') return 8;
  let bytes = 16;
  if (Array.isArray(value)) {
    for (const item of value) bytes += 8 + estimateBytes(item);
    return bytes;
  }
  for (const [key, item] of Object.entries(value)) {
    bytes += 16 + key.length * 2 + estimateBytes(item);
  }
  return bytes;
}

/**
 * A map that forgets its least recently written entries once the estimated
 * size of what it holds passes `maxBytes`, so that large values cannot grow
 * the heap without bound. It holds only values derived from immutable
 * snapshots, keyed so that two snapshots never share a key, so an entry can
 * never be out of date, whichever replica wrote the snapshot.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly sizeOf: (value: V) => number;

  constructor(options: { maxBytes: number; sizeOf?: (value: V) => number }) {
    this.maxBytes = options.maxBytes;
    this.sizeOf = options.sizeOf ?? estimateBytes;
  }

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const bytes = 16 + key.length * 2 + this.sizeOf(value);
    // A value larger than the whole budget would only evict everything else.
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    while (this.bytes > this.maxBytes) {
      this.delete(this.entries.keys().next().value!);
    }
  }

  /** The estimated bytes held now. */
  get size(): number {
    return this.bytes;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) {
      this.bytes -= entry.bytes;
      this.entries.delete(key);
    }
  }
}
