import type { Body, ObjectInfo, PutOptions, PutResult, Store } from '../../src/store/store.js'

/** Counts the requests a stage makes to a real Store (the benchmark's and re-run tests' measure). */
export class CountingStore implements Store {
  readonly requests = { head: 0, get: 0, put: 0, list: 0, delete: 0 }
  /** The key of each get, in order (a key read twice is there twice). */
  readonly got: string[] = []
  /** The key of each put, in order. */
  readonly putKeys: string[] = []

  constructor(readonly inner: Store) {}

  get location(): string {
    return this.inner.location
  }
  head(key: string): Promise<ObjectInfo | undefined> {
    this.requests.head++
    return this.inner.head(key)
  }
  get(key: string) {
    this.requests.get++
    this.got.push(key)
    return this.inner.get(key)
  }
  put(key: string, body: Body, options?: PutOptions): Promise<PutResult> {
    this.requests.put++
    this.putKeys.push(key)
    return this.inner.put(key, body, options)
  }
  list(prefix: string): AsyncIterable<ObjectInfo> {
    this.requests.list++
    return this.inner.list(prefix)
  }
  delete(key: string): Promise<void> {
    this.requests.delete++
    return this.inner.delete(key)
  }
  url(key: string): string | undefined {
    return this.inner.url(key)
  }
  total(): number {
    return Object.values(this.requests).reduce((a, b) => a + b, 0)
  }
  reset(): void {
    for (const k of Object.keys(this.requests)) this.requests[k as keyof typeof this.requests] = 0
    this.got.length = 0
    this.putKeys.length = 0
  }
}
