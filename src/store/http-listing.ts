/** One entry of a folder listing, as the server reports it: no request per object needed. */
export interface FolderEntry {
  name: string
  folder: boolean
  size: number
  modified?: Date
}

/**
 * nginx's JSON autoindex (`autoindex on; autoindex_format json;`):
 * `[{"name":"a.deb","type":"file","mtime":"Mon, 07 Dec 2026 08:00:00 GMT","size":123}, ...]`.
 * Undefined when the text is not such a listing (an HTML autoindex, an error page).
 */
export function parseAutoindex(text: string): FolderEntry[] | undefined {
  let entries: unknown
  try {
    entries = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!Array.isArray(entries)) return undefined
  return entries.map((raw) => {
    const entry = raw as { name?: unknown; type?: unknown; size?: unknown; mtime?: unknown }
    return {
      name: String(entry.name),
      folder: entry.type === 'directory',
      size: typeof entry.size === 'number' ? entry.size : 0,
      ...dateOf(entry.mtime)
    }
  })
}

/** The body of a PROPFIND (Depth: 1) asking for what a listing needs, nothing more. */
export const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<D:propfind xmlns:D="DAV:"><D:prop>' +
  '<D:resourcetype/><D:getcontentlength/><D:getlastmodified/>' +
  '</D:prop></D:propfind>\n'

/** The XML parser, loaded the first time a server answers PROPFIND: most runs never list that way. */
let parser: Promise<{ parse(text: string): unknown }> | undefined
function xmlParser(): Promise<{ parse(text: string): unknown }> {
  parser ??= import('fast-xml-parser').then(
    ({ XMLParser }) =>
      new XMLParser({
        removeNSPrefix: true,
        ignoreAttributes: true,
        parseTagValue: false,
        isArray: (name) => name === 'response' || name === 'propstat'
      })
  )
  return parser
}

/**
 * A WebDAV multistatus answer to PROPFIND with Depth: 1 on `folderPath` (the URL path, ending in
 * '/'): the folder's children, the folder itself left out. Hrefs may be absolute URLs or paths,
 * percent-encoded; a collection is a folder. Undefined when the text is not a multistatus.
 */
export async function parseMultistatus(
  text: string,
  folderPath: string
): Promise<FolderEntry[] | undefined> {
  const xml = await xmlParser()
  let doc: { multistatus?: { response?: Response[] } }
  try {
    doc = xml.parse(text) as typeof doc
  } catch {
    return undefined
  }
  if (!doc.multistatus) return undefined
  const self = decodeURIComponent(folderPath).replace(/\/+$/, '')
  const entries: FolderEntry[] = []
  for (const response of doc.multistatus.response ?? []) {
    const href = String(response.href ?? '')
    const pathOf = decodeURIComponent(new URL(href, 'http://listing.invalid/').pathname)
    const trimmed = pathOf.replace(/\/+$/, '')
    if (trimmed === self || !trimmed.startsWith(`${self}/`)) continue
    const name = trimmed.slice(self.length + 1)
    if (name.includes('/')) continue // a server that answered deeper than asked
    const props: Prop = {}
    for (const propstat of response.propstat ?? []) {
      if (!/\s200\s/.test(` ${String(propstat.status ?? '')} `)) continue
      Object.assign(props, propstat.prop ?? {})
    }
    const folder =
      typeof props.resourcetype === 'object' &&
      props.resourcetype !== null &&
      'collection' in props.resourcetype
    entries.push({
      name,
      folder,
      size: Number(props.getcontentlength ?? 0) || 0,
      ...dateOf(props.getlastmodified)
    })
  }
  return entries
}

interface Prop {
  resourcetype?: unknown
  getcontentlength?: unknown
  getlastmodified?: unknown
}

interface Response {
  href?: unknown
  propstat?: { status?: unknown; prop?: Prop }[]
}

function dateOf(value: unknown): { modified?: Date } {
  if (typeof value !== 'string') return {}
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? {} : { modified: date }
}
