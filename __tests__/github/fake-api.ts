import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  missingParameters,
  operation,
  validateParameter,
  validateResponse,
  validateRequestBody,
  validateSchema,
  type Operation
} from './openapi.js'
import { releaseRoutes } from './fake-releases.js'
import { repository, type Scenario } from './scenario.js'

/**
 * A stand-in for api.github.com on 127.0.0.1, serving the endpoints the gate and the release
 * classification read. GitHub's API cannot run here, so this follows its published
 * description: every request is matched to a documented operation and its parameters checked,
 * and every body sent is validated against the operation's response schema. Anything that does
 * not match is recorded in `errors` (and a bad response is replaced by a 500), so a test that
 * ends with `errors` empty proves the fake spoke the real API.
 */

export interface FakeGitHub {
  /** The base URL to hand to createOctokit. */
  url: string
  /** Schema violations and unserved requests; tests assert it is empty. */
  errors: string[]
  /** Every request, as `GET /path?query` (uploads as `POST uploads:/path?query`). */
  requests: string[]
  /** The uploads host (uploads.github.com), origin of each release's `upload_url`. */
  uploadsUrl: string
  close(): Promise<void>
}

interface Route {
  op: Operation
  serve: (params: Record<string, string>, query: URLSearchParams, body: Buffer) => Answer
}

interface Answer {
  status: number
  body: unknown
  /** Items of a paginated list, paged by the fake; `wrap` builds the body of one page. */
  pages?: { items: unknown[]; wrap?: (page: unknown[], total: number) => unknown }
}

const DOCS = 'https://docs.github.com/rest'

export async function startFakeGitHub(scenario: Scenario): Promise<FakeGitHub> {
  const errors: string[] = []
  const requests: string[] = []
  const faults = (scenario.faults ?? []).map((fault) => ({ ...fault }))
  const releases: { api: Route[]; uploads: Route[] } = scenario.releases
    ? releaseRoutes(scenario.owner, scenario.repo, scenario.releases, (): string => uploadsUrl)
    : { api: [], uploads: [] }
  const routes = [...buildRoutes(scenario), ...releases.api]

  const serve =
    (served: Route[], host: string) =>
    (req: IncomingMessage, res: ServerResponse): void => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        try {
          handle(req, res, Buffer.concat(chunks), served, host)
        } catch (error) {
          errors.push(`fake GitHub crashed on ${req.method} ${req.url}: ${String(error)}`)
          send(res, 500, { message: 'fake crashed' })
        }
      })
    }
  const server = createServer(serve(routes, ''))
  const uploads = createServer(serve(releases.uploads, 'uploads:'))

  function handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    served: Route[],
    host: string
  ): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push(`${req.method} ${host}${url.pathname}${url.search}`)

    if (scenario.token !== undefined && req.headers.authorization !== `token ${scenario.token}`) {
      return reply(res, undefined, 401, {
        message: 'Bad credentials',
        documentation_url: DOCS,
        status: '401'
      })
    }
    const fault = faults.find((f) => f.times > 0 && url.pathname.startsWith(f.path))
    if (fault) {
      fault.times--
      // Server errors carry no documented body; GitHub's are short JSON messages like this one.
      return send(res, fault.status, fault.body ?? { message: 'Server Error' }, fault.headers)
    }

    for (const route of served) {
      const found = route.op.match.exec(url.pathname)
      if (!found || req.method !== route.op.method) continue
      const params = Object.fromEntries(
        route.op.pathNames.map((name, i) => [name, decodeURIComponent(found[i + 1])])
      )
      errors.push(...checkRequest(route.op, params, url.searchParams))
      errors.push(...validateRequestBody(route.op, req.headers['content-type'], body))
      const answer = route.serve(params, url.searchParams, body)
      if (!answer.pages) return reply(res, route.op, answer.status, answer.body)
      return replyPage(res, route.op, url, answer.pages)
    }
    errors.push(`fake GitHub does not serve ${req.method} ${host}${url.pathname}`)
    send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
  }

  /** Sends a body only if it matches GitHub's description of this response. */
  function reply(
    res: ServerResponse,
    op: Operation | undefined,
    status: number,
    body: unknown,
    headers?: Record<string, string>
  ): void {
    const problems =
      status >= 400
        ? validateSchema('basic-error', body)
        : op
          ? validateResponse(op, status, body)
          : []
    if (problems.length > 0) {
      errors.push(...problems)
      return send(res, 500, {
        message: `fake GitHub refused to send an invalid body: ${problems[0]}`
      })
    }
    send(res, status, body, headers)
  }

  function replyPage(
    res: ServerResponse,
    op: Operation,
    url: URL,
    pages: NonNullable<Answer['pages']>
  ): void {
    // GitHub caps per_page at 100 and defaults to 30.
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30)
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
    const total = pages.items.length
    const slice = pages.items.slice((page - 1) * perPage, page * perPage)
    const last = Math.max(1, Math.ceil(total / perPage))
    const link = (n: number, rel: string): string => {
      const target = new URL(
        url.href.replace(/^http:\/\/127\.0\.0\.1/, `http://127.0.0.1:${port()}`)
      )
      target.searchParams.set('page', String(n))
      return `<${target.href}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(page - 1, 'prev'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) links.push(link(1, 'first'))
    const body = pages.wrap ? pages.wrap(slice, total) : slice
    reply(res, op, 200, body, links.length > 0 ? { link: links.join(', ') } : undefined)
  }

  const port = (): number => (server.address() as AddressInfo).port
  for (const s of [server, uploads])
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject)
      s.listen(0, '127.0.0.1', () => resolve())
    })
  const uploadsUrl: string = `http://127.0.0.1:${(uploads.address() as AddressInfo).port}`
  const close = (s: typeof server) =>
    new Promise<void>((resolve, reject) => {
      s.closeAllConnections()
      s.close((error) => (error ? reject(error) : resolve()))
    })

  return {
    url: `http://127.0.0.1:${port()}`,
    uploadsUrl,
    errors,
    requests,
    close: async () => {
      await Promise.all([close(server), close(uploads)])
    }
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  // 204 No Content (a deleted asset) has no body.
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-github-api-version-selected': '2022-11-28',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    ...headers
  })
  res.end(text)
}

function checkRequest(
  op: Operation,
  params: Record<string, string>,
  query: URLSearchParams
): string[] {
  const problems: string[] = []
  for (const [name, value] of Object.entries(params))
    problems.push(...validateParameter(op, 'path', name, value))
  for (const [name, value] of query) problems.push(...validateParameter(op, 'query', name, value))
  problems.push(...missingParameters(op, { path: Object.keys(params), query: [...query.keys()] }))
  return problems
}

function notFound(): Answer {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } }
}

function buildRoutes(scenario: Scenario): Route[] {
  const ours = (p: Record<string, string>): boolean =>
    p.owner === scenario.owner && p.repo === scenario.repo
  const commit = (ref: string) => scenario.commits?.[ref]
  const noCommit = (ref: string): Answer => ({
    status: 422,
    body: { message: `No commit found for SHA: ${ref}`, documentation_url: DOCS, status: '422' }
  })

  return [
    {
      op: operation('GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs'),
      serve: (p, query) => {
        if (!ours(p)) return notFound()
        const data = commit(p.ref)
        if (!data) return noCommit(p.ref)
        let runs = data.checkRuns ?? []
        if ((query.get('filter') ?? 'latest') === 'latest') runs = latestRuns(runs)
        const name = query.get('check_name')
        if (name) runs = runs.filter((run) => run.name === name)
        const status = query.get('status')
        if (status) runs = runs.filter((run) => run.status === status)
        return {
          status: 200,
          body: undefined,
          pages: { items: runs, wrap: (page, total) => ({ total_count: total, check_runs: page }) }
        }
      }
    },
    {
      op: operation('GET', '/repos/{owner}/{repo}/commits/{ref}/status'),
      serve: (p) => {
        if (!ours(p)) return notFound()
        const data = commit(p.ref)
        if (!data) return noCommit(p.ref)
        const latest = latestPerContext(data.statuses ?? [])
        const state = combinedState(latest.map((s) => s.state))
        const base = `https://api.github.com/repos/${p.owner}/${p.repo}`
        return {
          status: 200,
          body: undefined,
          pages: {
            // The combined view lists statuses without their creator, like GitHub.
            items: latest.map(({ creator: _creator, ...status }) => status),
            wrap: (page, total) => ({
              state,
              statuses: page,
              sha: p.ref,
              total_count: total,
              repository: repository(p.owner, p.repo),
              commit_url: `${base}/commits/${p.ref}`,
              url: `${base}/commits/${p.ref}/status`
            })
          }
        }
      }
    },
    {
      op: operation('GET', '/repos/{owner}/{repo}/commits/{ref}/statuses'),
      serve: (p) => {
        if (!ours(p)) return notFound()
        const data = commit(p.ref)
        return { status: 200, body: undefined, pages: { items: data?.statuses ?? [] } }
      }
    },
    {
      op: operation('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}'),
      serve: (p) => {
        const run = scenario.workflowRuns?.[Number(p.run_id)]
        if (!ours(p) || !run) return notFound()
        return { status: 200, body: run }
      }
    },
    {
      op: operation('GET', '/repos/{owner}/{repo}/tags'),
      serve: (p) =>
        ours(p)
          ? { status: 200, body: undefined, pages: { items: scenario.tags ?? [] } }
          : notFound()
    }
  ]
}

/** `filter=latest`: the most recent run of each name within each check suite (a re-run replaces it). */
function latestRuns<T extends { id: number; name: string; check_suite: { id: number } | null }>(
  runs: T[]
): T[] {
  const newest = new Map<string, T>()
  for (const run of runs) {
    const key = `${run.check_suite?.id ?? ''}\u0000${run.name}`
    const seen = newest.get(key)
    if (!seen || run.id > seen.id) newest.set(key, run)
  }
  return runs.filter((run) => newest.get(`${run.check_suite?.id ?? ''}\u0000${run.name}`) === run)
}

/** Statuses come newest first; the combined view keeps the first of each context. */
function latestPerContext<T extends { context: string }>(statuses: T[]): T[] {
  const seen = new Set<string>()
  return statuses.filter((status) => !seen.has(status.context) && seen.add(status.context))
}

/** GitHub's rule: failure if any error or failure, pending if none or any pending, else success. */
function combinedState(states: string[]): string {
  if (states.some((s) => s === 'error' || s === 'failure')) return 'failure'
  if (states.length === 0 || states.some((s) => s === 'pending')) return 'pending'
  return 'success'
}
