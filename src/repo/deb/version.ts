/**
 * Debian version ordering (`[epoch:]upstream[-revision]`), as dpkg compares them: retention
 * keeps the newest versions, so `1.0~rc1` < `1.0` < `1.0-1` < `1:0.9` must come out right.
 */
export function compareDebVersions(a: string, b: string): number {
  const pa = split(a)
  const pb = split(b)
  return (
    pa.epoch - pb.epoch ||
    compareFragment(pa.upstream, pb.upstream) ||
    compareFragment(pa.revision, pb.revision)
  )
}

function split(v: string): { epoch: number; upstream: string; revision: string } {
  const colon = v.indexOf(':')
  const epoch = colon > 0 ? Number(v.slice(0, colon)) || 0 : 0
  const rest = colon > 0 ? v.slice(colon + 1) : v
  const dash = rest.lastIndexOf('-')
  return dash > 0
    ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) }
    : { epoch, upstream: rest, revision: '' }
}

function order(c: string): number {
  if (c === '~') return -1
  if (/[0-9]/.test(c)) return 0
  if (c === '') return 0
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0)
  return c.charCodeAt(0) + 256
}

function compareFragment(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    let diff = 0
    while ((i < a.length && !/[0-9]/.test(a[i])) || (j < b.length && !/[0-9]/.test(b[j]))) {
      const ac = order(i < a.length && !/[0-9]/.test(a[i]) ? a[i] : '')
      const bc = order(j < b.length && !/[0-9]/.test(b[j]) ? b[j] : '')
      if (ac !== bc) return ac - bc
      if (i < a.length && !/[0-9]/.test(a[i])) i++
      if (j < b.length && !/[0-9]/.test(b[j])) j++
    }
    while (a[i] === '0') i++
    while (b[j] === '0') j++
    while (i < a.length && /[0-9]/.test(a[i]) && j < b.length && /[0-9]/.test(b[j])) {
      if (!diff) diff = a.charCodeAt(i) - b.charCodeAt(j)
      i++
      j++
    }
    if (i < a.length && /[0-9]/.test(a[i])) return 1
    if (j < b.length && /[0-9]/.test(b[j])) return -1
    if (diff) return diff
  }
  return 0
}
