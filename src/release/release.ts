/** What kind of release a workflow run is, decided from the event before anything is written. */
export type Channel = 'dev' | 'stable' | 'none'

export interface Release {
  channel: Channel
  /** Semver, without a leading `v`: `0.40.0`, `0.41.0-rc1`, `0.41.0-15+8c4040b`. Empty for `none`. */
  version: string
  /** A semver prerelease tag (`0.41.0-rc1`): published to the dev channel, never latest. */
  prerelease: boolean
  /** This is the newest stable release: images get `latest`. */
  latest: boolean
  /** Why the channel was chosen, in one sentence for the logs and the summary. */
  reason: string
  /** The git tag this release comes from, when there is one. */
  tag?: string
  /** The commit being published. */
  sha: string
}
