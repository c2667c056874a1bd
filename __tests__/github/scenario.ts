/**
 * What the fake GitHub serves, written as GitHub returns it: every field the REST description
 * requires, with values shaped like github.com's (ids, node ids, URLs, timestamps). The fake
 * validates each body it sends against @octokit/openapi, so a field left out here fails the test.
 */

import type { ReleaseState } from './fake-releases.js'

export const API = 'https://api.github.com'
const WEB = 'https://github.com'

export interface Scenario {
  owner: string
  repo: string
  /** When set, requests without `authorization: token <token>` get GitHub's 401. */
  token?: string
  /** Per commit sha: its check runs (every attempt, newest last) and statuses (newest first). */
  commits?: Record<string, { checkRuns?: CheckRun[]; statuses?: CommitStatus[] }>
  /** Workflow runs by id. */
  workflowRuns?: Record<number, WorkflowRun>
  /** Repository tags in GitHub's order (newest first). */
  tags?: Tag[]
  /** Failures served before the real answer: the next `times` requests whose path starts with `path`. */
  faults?: Fault[]
  /** The repository's releases (mutated by the release endpoints); absent: they are not served. */
  releases?: ReleaseState
}

export interface Fault {
  path: string
  status: number
  times: number
  headers?: Record<string, string>
  body?: unknown
}

type Obj = Record<string, unknown>
export type CheckRun = Obj & {
  id: number
  name: string
  status: string
  conclusion: string | null
  check_suite: { id: number } | null
}
export type CommitStatus = Obj & {
  id: number
  context: string
  state: string
  target_url: string | null
}
export type WorkflowRun = Obj & { id: number; check_suite_id: number }
export type Tag = Obj & { name: string }

const iso = (seconds: number): string =>
  new Date(Date.UTC(2026, 10, 24, 12, 0, seconds)).toISOString().replace('.000', '')
const nodeId = (prefix: string, id: number): string =>
  `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`

export function user(login: string, id: number, type = 'User'): Obj {
  return {
    login,
    id,
    node_id: nodeId('MDQ6VXNlcj', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: `${API}/users/${login}`,
    html_url: `${WEB}/${login}`,
    followers_url: `${API}/users/${login}/followers`,
    following_url: `${API}/users/${login}/following{/other_user}`,
    gists_url: `${API}/users/${login}/gists{/gist_id}`,
    starred_url: `${API}/users/${login}/starred{/owner}{/repo}`,
    subscriptions_url: `${API}/users/${login}/subscriptions`,
    organizations_url: `${API}/users/${login}/orgs`,
    repos_url: `${API}/users/${login}/repos`,
    events_url: `${API}/users/${login}/events{/privacy}`,
    received_events_url: `${API}/users/${login}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false
  }
}

/** The GitHub Actions app, which owns every check run a workflow job creates. */
export function actionsApp(): Obj {
  return {
    id: 15368,
    client_id: 'Iv1.05c79e9ad1f6bdfa',
    slug: 'github-actions',
    node_id: 'MDM6QXBwMTUzNjg=',
    owner: user('github', 9919, 'Organization'),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${WEB}/apps/github-actions`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: {
      actions: 'write',
      checks: 'write',
      contents: 'write',
      metadata: 'read',
      statuses: 'write'
    },
    events: ['check_run', 'check_suite', 'push', 'pull_request', 'release', 'workflow_dispatch']
  }
}

export function repository(owner: string, repo: string, id = 62814532): Obj {
  const base = `${API}/repos/${owner}/${repo}`
  return {
    id,
    node_id: nodeId('MDEwOlJlcG9zaXRvcnk', id),
    name: repo,
    full_name: `${owner}/${repo}`,
    private: false,
    owner: user(owner, 20126429, 'Organization'),
    html_url: `${WEB}/${owner}/${repo}`,
    description: 'Cloud Native Runtime Security',
    fork: false,
    url: base,
    forks_url: `${base}/forks`,
    keys_url: `${base}/keys{/key_id}`,
    collaborators_url: `${base}/collaborators{/collaborator}`,
    teams_url: `${base}/teams`,
    hooks_url: `${base}/hooks`,
    issue_events_url: `${base}/issues/events{/number}`,
    events_url: `${base}/events`,
    assignees_url: `${base}/assignees{/user}`,
    branches_url: `${base}/branches{/branch}`,
    tags_url: `${base}/tags`,
    blobs_url: `${base}/git/blobs{/sha}`,
    git_tags_url: `${base}/git/tags{/sha}`,
    git_refs_url: `${base}/git/refs{/sha}`,
    trees_url: `${base}/git/trees{/sha}`,
    statuses_url: `${base}/statuses/{sha}`,
    languages_url: `${base}/languages`,
    stargazers_url: `${base}/stargazers`,
    contributors_url: `${base}/contributors`,
    subscribers_url: `${base}/subscribers`,
    subscription_url: `${base}/subscription`,
    commits_url: `${base}/commits{/sha}`,
    git_commits_url: `${base}/git/commits{/sha}`,
    comments_url: `${base}/comments{/number}`,
    issue_comment_url: `${base}/issues/comments{/number}`,
    contents_url: `${base}/contents/{+path}`,
    compare_url: `${base}/compare/{base}...{head}`,
    merges_url: `${base}/merges`,
    archive_url: `${base}/{archive_format}{/ref}`,
    downloads_url: `${base}/downloads`,
    issues_url: `${base}/issues{/number}`,
    pulls_url: `${base}/pulls{/number}`,
    milestones_url: `${base}/milestones{/number}`,
    notifications_url: `${base}/notifications{?since,all,participating}`,
    labels_url: `${base}/labels{/name}`,
    releases_url: `${base}/releases{/id}`,
    deployments_url: `${base}/deployments`
  }
}

let nextId = 28_000_000_000

export interface CheckRunSpec {
  status?: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending'
  conclusion?: string | null
  suiteId?: number
  id?: number
}

/** A check run of a GitHub Actions job, as `GET .../commits/{ref}/check-runs` lists it. */
export function checkRun(
  owner: string,
  repo: string,
  sha: string,
  name: string,
  spec: CheckRunSpec = {}
): CheckRun {
  const id = spec.id ?? nextId++
  const status = spec.status ?? 'completed'
  const conclusion =
    spec.conclusion === undefined ? (status === 'completed' ? 'success' : null) : spec.conclusion
  const base = `${API}/repos/${owner}/${repo}`
  return {
    id,
    name,
    node_id: nodeId('CR', id),
    head_sha: sha,
    external_id: '5264e576-3c6f-51f6-f055-fab409685f20',
    url: `${base}/check-runs/${id}`,
    html_url: `${WEB}/${owner}/${repo}/actions/runs/19601234567/job/${id}`,
    details_url: `${WEB}/${owner}/${repo}/actions/runs/19601234567/job/${id}`,
    status,
    conclusion,
    started_at: iso(0),
    completed_at: status === 'completed' ? iso(40) : null,
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `${base}/check-runs/${id}/annotations`
    },
    check_suite: { id: spec.suiteId ?? 48_000_000_001 },
    app: actionsApp(),
    pull_requests: []
  }
}

let nextStatusId = 36_000_000_000

/** A commit status, as the combined-status and list-statuses endpoints return it. */
export function commitStatus(
  owner: string,
  repo: string,
  sha: string,
  context: string,
  state: 'success' | 'failure' | 'error' | 'pending',
  seconds = 0
): CommitStatus {
  const id = nextStatusId++
  return {
    url: `${API}/repos/${owner}/${repo}/statuses/${sha}`,
    avatar_url: 'https://avatars.githubusercontent.com/u/3990?v=4',
    id,
    node_id: nodeId('SC', id),
    state,
    description:
      state === 'pending'
        ? 'Your tests are queued behind your running builds'
        : `Your tests ${state === 'success' ? 'passed' : 'failed'} on CircleCI!`,
    target_url: `https://app.circleci.com/pipelines/github/${owner}/${repo}/${id % 100000}`,
    context,
    created_at: iso(seconds),
    updated_at: iso(seconds),
    creator: user('circleci-app', 3990)
  }
}

/** A workflow run as `GET .../actions/runs/{run_id}` returns it. */
export function workflowRun(
  owner: string,
  repo: string,
  sha: string,
  id: number,
  checkSuiteId: number
): WorkflowRun {
  const base = `${API}/repos/${owner}/${repo}`
  return {
    id,
    name: 'CI Build',
    node_id: nodeId('WFR', id),
    head_branch: 'master',
    head_sha: sha,
    path: '.github/workflows/ci.yml',
    display_title: 'new(userspace): publish with falco-publish',
    run_number: 4242,
    event: 'push',
    status: 'in_progress',
    conclusion: null,
    workflow_id: 7331,
    check_suite_id: checkSuiteId,
    check_suite_node_id: nodeId('CS', checkSuiteId),
    url: `${base}/actions/runs/${id}`,
    html_url: `${WEB}/${owner}/${repo}/actions/runs/${id}`,
    pull_requests: [],
    created_at: iso(0),
    updated_at: iso(30),
    run_attempt: 1,
    referenced_workflows: [],
    run_started_at: iso(0),
    actor: user('leogr', 1527423),
    triggering_actor: user('leogr', 1527423),
    jobs_url: `${base}/actions/runs/${id}/jobs`,
    logs_url: `${base}/actions/runs/${id}/logs`,
    check_suite_url: `${base}/check-suites/${checkSuiteId}`,
    artifacts_url: `${base}/actions/runs/${id}/artifacts`,
    cancel_url: `${base}/actions/runs/${id}/cancel`,
    rerun_url: `${base}/actions/runs/${id}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${base}/actions/workflows/7331`,
    head_commit: {
      id: sha,
      tree_id: '8f4a1c0ed5f04d1a3b5e8f0c7f2a9d8e1b6c3a21',
      message: 'new(userspace): publish with falco-publish',
      timestamp: iso(0),
      author: { name: 'Leonardo Grasso', email: 'me@leonardograsso.com' },
      committer: { name: 'GitHub', email: 'noreply@github.com' }
    },
    repository: repository(owner, repo),
    head_repository: repository(owner, repo)
  }
}

/** A tag as `GET /repos/{owner}/{repo}/tags` lists it. */
export function tag(owner: string, repo: string, name: string, sha: string): Tag {
  return {
    name,
    commit: { sha, url: `${API}/repos/${owner}/${repo}/commits/${sha}` },
    zipball_url: `${API}/repos/${owner}/${repo}/zipball/refs/tags/${name}`,
    tarball_url: `${API}/repos/${owner}/${repo}/tarball/refs/tags/${name}`,
    node_id: nodeId('MDM6UmVm', name.length * 7919)
  }
}
