import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A real git repository in a temp dir, for tests that classify releases from its history. */
export interface GitRepo {
  dir: string
  git(...args: string[]): string
  /** Adds a commit and returns its sha. */
  commit(message: string): string
  tag(name: string, sha?: string): void
}

export function gitRepo(): GitRepo {
  const dir = mkdtempSync(join(tmpdir(), 'falco-publish-git-'))
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.com'
      }
    }).trim()
  git('init', '-q', '-b', 'master')
  let count = 0
  return {
    dir,
    git,
    commit(message) {
      writeFileSync(join(dir, 'CHANGES'), `${++count} ${message}\n`, { flag: 'a' })
      git('add', 'CHANGES')
      git('commit', '-q', '-m', message)
      return git('rev-parse', 'HEAD')
    },
    tag(name, sha) {
      git('tag', name, ...(sha ? [sha] : []))
    }
  }
}
