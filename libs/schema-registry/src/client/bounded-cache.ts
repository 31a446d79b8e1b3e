/**
 * A Map of promises with a size bound (oldest entry evicted first). Failed lookups are dropped
 * so that the next call asks again; concurrent callers share one in-flight request.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, Promise<V>>();

  constructor(private readonly maxSize: number) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const loading = load();
    this.set(key, loading);
    loading.catch(() => {
      if (this.entries.get(key) === loading) {
        this.entries.delete(key);
      }
    });
    return loading;
  }

  set(key: K, value: Promise<V>): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxSize) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) {
        this.entries.delete(oldest.value);
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
