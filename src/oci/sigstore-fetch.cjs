/**
 * Stands in for `make-fetch-happen` inside sigstore-js (@sigstore/sign), on Node's own fetch.
 * sigstore-js calls it for Fulcio, Rekor and TSA requests with `method`, `headers`, `body` and
 * `timeout` only (it retries by itself and disables make-fetch-happen's retry and cache), and
 * reads `ok`, `status`, `statusText`, `headers.get`, `json()` and `text()` from the answer:
 * all of which a WHATWG fetch gives. make-fetch-happen would bring npm's HTTP cache, proxy
 * agents and socket pools into the bundle for those few requests, and its ESM-only proxy
 * agent cannot be loaded under Jest on Node 20. The bundle and the tests map the module name
 * to this file (rollup.config.js, jest.config.js).
 *
 * CommonJS, as the module it replaces: sigstore-js require()s it.
 */

/* global fetch, AbortSignal, module */
'use strict'

/**
 * @param {string | URL} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: string | Uint8Array, timeout?: number }} [options]
 * @returns {Promise<Response>}
 */
function fetchLike(url, options = {}) {
  const { method = 'GET', headers, body, timeout } = options
  return fetch(url, {
    method,
    headers,
    body,
    // Milliseconds; 0 or absent: none.
    ...(timeout ? { signal: AbortSignal.timeout(timeout) } : {})
  })
}

module.exports = fetchLike
