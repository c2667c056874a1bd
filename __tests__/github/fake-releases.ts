import { createHash } from 'node:crypto'
import { operation, type Operation } from './openapi.js'
import { user } from './scenario.js'

/**
 * The releases endpoints of the fake GitHub, from GitHub's REST description: list, create,
 * update, latest, generated notes, delete an asset, and the asset upload, which GitHub serves
 * on another host (uploads.github.com, the origin of each release's `upload_url`): the fake
 * serves it on a second port and nowhere else. Releases live in `state`, which tests read.
 */

type Obj = Record<string, unknown>

export interface FakeAsset extends Obj {
  id: number
  name: string
  size: number
  digest: string
  /** The uploaded bytes, kept so tests can compare them; not part of GitHub's answer. */
  bytes?: Buffer
}

export interface FakeRelease extends Obj {
  id: number
  tag_name: string
  name: string | null
  body: string | null
  draft: boolean
  prerelease: boolean
  assets: FakeAsset[]
}

export interface ReleaseState {
  releases: FakeRelease[]
  /** The release GitHub shows as latest. */
  latestId?: number
  /** The notes generate-notes answers, per tag. */
  notes?: Record<string, string>
}

export interface Answer {
  status: number
  body: unknown
  pages?: { items: unknown[] }
}

export interface BodyRoute {
  op: Operation
  serve: (params: Record<string, string>, query: URLSearchParams, body: Buffer) => Answer
}

const WEB = 'https://github.com'
const API = 'https://api.github.com'
let nextId = 190_000_000

const iso = (): string => '2026-11-24T12:00:00Z'

/** A release as GitHub returns it; `upload_url` on the fake's uploads host. */
export function release(
  owner: string,
  repo: string,
  fields: Partial<FakeRelease> & { tag_name: string },
  uploads = 'https://uploads.github.com'
): FakeRelease {
  const id = fields.id ?? nextId++
  const base = `${API}/repos/${owner}/${repo}/releases/${id}`
  return {
    url: base,
    html_url: `${WEB}/${owner}/${repo}/releases/tag/${fields.tag_name}`,
    assets_url: `${base}/assets`,
    upload_url: `${uploads}/repos/${owner}/${repo}/releases/${id}/assets{?name,label}`,
    tarball_url: `${API}/repos/${owner}/${repo}/tarball/${fields.tag_name}`,
    zipball_url: `${API}/repos/${owner}/${repo}/zipball/${fields.tag_name}`,
    id,
    node_id: `RE_kwDO${Buffer.from(String(id)).toString('base64url')}`,
    target_commitish: 'master',
    name: null,
    body: null,
    draft: false,
    prerelease: false,
    created_at: iso(),
    published_at: fields.draft ? null : iso(),
    author: user('poiana', 51138685),
    assets: [],
    ...fields
  }
}

/** What GitHub answers: assets without the bytes the fake keeps. */
const hideBytes = ({ bytes: _bytes, ...asset }: FakeAsset): Obj => asset
function shown(r: FakeRelease): Obj {
  return { ...r, assets: r.assets.map(hideBytes) }
}

function notFound(): Answer {
  return {
    status: 404,
    body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' }
  }
}

function json(body: Buffer): Obj {
  return body.length ? (JSON.parse(body.toString('utf8')) as Obj) : {}
}

export function releaseRoutes(
  owner: string,
  repo: string,
  state: ReleaseState,
  uploads: () => string
): { api: BodyRoute[]; uploads: BodyRoute[] } {
  const ours = (p: Record<string, string>): boolean => p.owner === owner && p.repo === repo
  const find = (id: string): FakeRelease | undefined =>
    state.releases.find((r) => r.id === Number(id))
  const markLatest = (r: FakeRelease, makeLatest: unknown): void => {
    if (r.draft || r.prerelease) {
      if (state.latestId === r.id) state.latestId = undefined
      return
    }
    if (makeLatest === undefined || makeLatest === 'true') state.latestId = r.id
  }
  const api: BodyRoute[] = [
    {
      op: operation('GET', '/repos/{owner}/{repo}/releases'),
      serve: (p) =>
        ours(p)
          ? { status: 200, body: undefined, pages: { items: state.releases.map(shown) } }
          : notFound()
    },
    {
      op: operation('GET', '/repos/{owner}/{repo}/releases/latest'),
      serve: (p) => {
        const latest = state.releases.find((r) => r.id === state.latestId)
        return ours(p) && latest ? { status: 200, body: shown(latest) } : notFound()
      }
    },
    {
      op: operation('POST', '/repos/{owner}/{repo}/releases'),
      serve: (p, _q, body) => {
        if (!ours(p)) return notFound()
        const b = json(body)
        const tag = String(b.tag_name)
        if (state.releases.some((r) => r.tag_name === tag && !r.draft))
          return {
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
              documentation_url: 'https://docs.github.com/rest/releases/releases#create-a-release'
            }
          }
        const created = release(
          owner,
          repo,
          {
            tag_name: tag,
            name: (b.name as string | undefined) ?? tag,
            body: (b.body as string | undefined) ?? null,
            draft: Boolean(b.draft),
            prerelease: Boolean(b.prerelease)
          },
          uploads()
        )
        state.releases.unshift(created)
        markLatest(created, b.make_latest)
        return { status: 201, body: shown(created) }
      }
    },
    {
      op: operation('PATCH', '/repos/{owner}/{repo}/releases/{release_id}'),
      serve: (p, _q, body) => {
        const r = find(p.release_id)
        if (!ours(p) || !r) return notFound()
        const b = json(body)
        for (const key of ['tag_name', 'name', 'body', 'draft', 'prerelease'] as const)
          if (b[key] !== undefined) (r as Obj)[key] = b[key]
        if (!r.draft && r.published_at === null) r.published_at = iso()
        markLatest(r, b.make_latest)
        return { status: 200, body: shown(r) }
      }
    },
    {
      op: operation('POST', '/repos/{owner}/{repo}/releases/generate-notes'),
      serve: (p, _q, body) => {
        if (!ours(p)) return notFound()
        const tag = String(json(body).tag_name)
        return {
          status: 200,
          body: {
            name: tag,
            body: state.notes?.[tag] ?? `**Full Changelog**: ${WEB}/${owner}/${repo}/commits/${tag}`
          }
        }
      }
    },
    {
      op: operation('DELETE', '/repos/{owner}/{repo}/releases/assets/{asset_id}'),
      serve: (p) => {
        for (const r of state.releases) {
          const i = r.assets.findIndex((a) => a.id === Number(p.asset_id))
          if (ours(p) && i >= 0) {
            r.assets.splice(i, 1)
            return { status: 204, body: undefined }
          }
        }
        return notFound()
      }
    }
  ]
  const upload: BodyRoute[] = [
    {
      op: operation('POST', '/repos/{owner}/{repo}/releases/{release_id}/assets'),
      serve: (p, query, body) => {
        const r = find(p.release_id)
        if (!ours(p) || !r) return notFound()
        const name = query.get('name') ?? ''
        if (r.assets.some((a) => a.name === name))
          return {
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }],
              documentation_url:
                'https://docs.github.com/rest/releases/assets#upload-a-release-asset'
            }
          }
        const id = nextId++
        const asset: FakeAsset = {
          url: `${API}/repos/${owner}/${repo}/releases/assets/${id}`,
          browser_download_url: `${WEB}/${owner}/${repo}/releases/download/${r.tag_name}/${name}`,
          id,
          node_id: `RA_kwDO${Buffer.from(String(id)).toString('base64url')}`,
          name,
          label: query.get('label') ?? '',
          state: 'uploaded',
          content_type: 'application/octet-stream',
          size: body.length,
          digest: `sha256:${createHash('sha256').update(body).digest('hex')}`,
          download_count: 0,
          created_at: iso(),
          updated_at: iso(),
          uploader: user('poiana', 51138685),
          bytes: body
        }
        r.assets.push(asset)
        return { status: 201, body: hideBytes(asset) }
      }
    }
  ]
  return { api, uploads: upload }
}
