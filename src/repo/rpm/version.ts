/** rpm's version ordering (rpmvercmp) over `epoch:version-release`: retention keeps the newest. */
export function compareRpmEvr(
  a: { epoch: number; version: string; release: string },
  b: { epoch: number; version: string; release: string }
): number {
  return a.epoch - b.epoch || rpmvercmp(a.version, b.version) || rpmvercmp(a.release, b.release)
}

export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0
  const sa = a.match(/~|\^|[0-9]+|[A-Za-z]+/g) ?? []
  const sb = b.match(/~|\^|[0-9]+|[A-Za-z]+/g) ?? []
  let i = 0
  for (; i < sa.length && i < sb.length; i++) {
    const x = sa[i]
    const y = sb[i]
    if (x === y) continue
    if (x === '~' || y === '~') return x === '~' ? -1 : 1
    if (x === '^' || y === '^') return x === '^' ? -1 : 1
    const xn = /^\d/.test(x)
    const yn = /^\d/.test(y)
    if (xn !== yn) return xn ? 1 : -1
    if (xn) {
      const xs = x.replace(/^0+/, '')
      const ys = y.replace(/^0+/, '')
      if (xs.length !== ys.length) return xs.length - ys.length
      if (xs === ys) continue
      return xs < ys ? -1 : 1
    }
    return x < y ? -1 : 1
  }
  const ra = sa[i]
  const rb = sb[i]
  if (ra === undefined && rb === undefined) return 0
  if (ra === '~') return -1
  if (rb === '~') return 1
  if (ra === '^') return rb === undefined ? 1 : -1
  if (rb === '^') return ra === undefined ? -1 : 1
  return ra === undefined ? -1 : 1
}
