import { PreconditionFailed, type Precondition, type Store } from './store.js'

export interface TextObject {
  text: string
  etag: string
}

/** Reads a small text object (an index) with the etag to compare against when writing it back. */
export async function readText(store: Store, key: string): Promise<TextObject | undefined> {
  // head before get: if the object changes in between, the etag is the older one and the
  // compare-and-swap that follows fails safely instead of overwriting the newer content.
  const info = await store.head(key)
  if (!info) return undefined
  const body = await store.get(key)
  if (!body) return undefined
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer))
  return { text: Buffer.concat(chunks).toString('utf8'), etag: info.etag }
}

/**
 * Read-modify-write of a text index as a compare-and-swap: when another publish changed the object
 * between our read and our write, read it again and re-apply `change`, so neither publish loses the
 * other's entries. `change` must be a pure function of the current text (undefined when absent).
 */
export async function updateText(
  store: Store,
  key: string,
  change: (current: string | undefined) => string,
  options: { attempts?: number; contentType?: string } = {}
): Promise<{ text: string; size: number; sha256: string }> {
  const attempts = options.attempts ?? 20
  for (let attempt = 1; ; attempt++) {
    const current = await readText(store, key)
    const text = change(current?.text)
    const precondition: Precondition = current ? { ifMatch: current.etag } : { ifNoneMatch: '*' }
    try {
      const result = await store.put(key, text, { precondition, contentType: options.contentType })
      return { text, size: result.size, sha256: result.sha256 }
    } catch (error) {
      if (!(error instanceof PreconditionFailed) || attempt >= attempts) throw error
      // Somebody else won this round; back off a little, with jitter, and merge again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt))
    }
  }
}
