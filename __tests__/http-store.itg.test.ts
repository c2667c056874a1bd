import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { HttpStore } from '../src/store/http.js'
import { storeConformance } from './store/conformance.js'
import { startNginx, type RunningServer } from './support/servers.js'

// One nginx for the suite; every test gets its own folder on it as the store's root.
let server: RunningServer
let n = 0
const auth = { username: 'publisher', password: 'p@ss:word/with?odd#chars' }

beforeAll(async () => {
  server = await startNginx({ auth })
})

afterAll(async () => {
  await server?.stop()
})

storeConformance('http (nginx WebDAV)', async () => {
  const store = new HttpStore(new URL(`${server.url}/t${++n}/`), auth)
  return { store, cleanup: async () => undefined }
})

describe('HttpStore against nginx', () => {
  it('is refused without credentials and says which inputs to check, without the password', async () => {
    const store = new HttpStore(new URL(`${server.url}/anon/`))
    await expect(store.put('x', 'y')).rejects.toThrow(/401.*store-username/)
    const wrong = new HttpStore(new URL(`${server.url}/anon/`), {
      username: 'publisher',
      password: 'nope-secret'
    })
    const error = await wrong.put('x', 'y').catch((e: Error) => e)
    expect(String(error)).toMatch(/401/)
    expect(String(error)).not.toContain('nope-secret')
  })

  it('takes credentials from the URL but never shows them in its location', async () => {
    const url = new URL(`${server.url}/userinfo/`)
    url.username = auth.username
    url.password = encodeURIComponent(auth.password)
    const store = new HttpStore(url)
    await store.put('a.txt', 'a')
    expect(store.location).not.toContain(auth.username)
    expect(store.location).not.toContain('with')
    expect(await store.head('a.txt')).toMatchObject({ size: 1 })
  })
})
