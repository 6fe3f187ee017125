/**
 * An in-process LRU of encoded tiles, bounded by total bytes (and entries), plus a
 * single-flight map so that concurrent requests for the same missing tile build it once.
 * A Map keeps insertion order: a hit re-inserts the key, eviction takes the oldest.
 */

export interface Sized {
  readonly size: number;
}

export class ByteLru<V extends Sized> {
  private readonly map = new Map<string, V>();
  private total = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxEntries = 100_000,
  ) {}

  get bytes(): number {
    return this.total;
  }

  get count(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: string, value: V): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.total -= old.size;
    }
    // An entry bigger than the whole budget is not kept at all.
    if (value.size > this.maxBytes) return;
    this.map.set(key, value);
    this.total += value.size;
    while ((this.total > this.maxBytes || this.map.size > this.maxEntries) && this.map.size > 0) {
      const oldest = this.map.keys().next().value as string;
      this.total -= this.map.get(oldest)!.size;
      this.map.delete(oldest);
    }
  }

  delete(key: string): void {
    const old = this.map.get(key);
    if (old === undefined) return;
    this.map.delete(key);
    this.total -= old.size;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}

/** Runs `build` once per key at a time; concurrent callers share the promise. */
export class SingleFlight<V> {
  private readonly running = new Map<string, Promise<V>>();

  run(key: string, build: () => Promise<V>): Promise<V> {
    const current = this.running.get(key);
    if (current) return current;
    const p = build().finally(() => this.running.delete(key));
    this.running.set(key, p);
    return p;
  }
}
