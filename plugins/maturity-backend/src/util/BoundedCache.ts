/**
 * A map that forgets its oldest entries beyond `maxEntries`. It holds only
 * values derived from immutable snapshots, keyed by entity and revision, so an
 * entry can never be out of date, whichever replica wrote the snapshot.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}
