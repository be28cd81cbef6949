/** A small least-recently-used cache with a fixed capacity. */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  /** @param capacity maximum number of entries kept (at least 1) */
  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  /** Number of entries currently cached. */
  get size(): number {
    return this.entries.size;
  }

  /** The cached value for `key` (marking it most recently used), or `undefined`. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Stores `value`, evicting the least recently used entry when full. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  /** Removes every entry. */
  clear(): void {
    this.entries.clear();
  }
}
