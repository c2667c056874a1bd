import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { randomUUID } from 'node:crypto'
import type { Published, StageResult } from '../plan.js'
import type { Logger } from '../report/log.js'
import { S3Store } from './s3.js'
import type { Store } from './store.js'

/** A CDN in front of the store whose cached copies of changed objects can be dropped. */
export interface Cdn {
  /** Invalidates the paths (absolute, as the CDN serves them); answers the invalidation's id. */
  invalidate(paths: string[]): Promise<string>
  readonly name: string
}

/**
 * What changes in place when a publish succeeds: indexes, listings, and the signatures of those
 * (InRelease, repomd.xml.asc, SHA256SUMS.asc). Packages, tarballs and drivers, and the detached
 * signatures beside them, are published once under their own names and need no invalidation.
 */
const MUTABLE: Published['kind'][] = ['index', 'listing']

/** The CDN paths of the objects this run changed in place, each once, sorted. */
export function changedPaths(results: StageResult[], store: Store): string[] {
  const published = results.flatMap((result) => result.published)
  const immutable = new Set(
    published
      .filter((item) => !MUTABLE.includes(item.kind) && item.kind !== 'signature')
      .map((item) => item.path)
  )
  const paths = new Set<string>()
  for (const item of published) {
    const changed =
      MUTABLE.includes(item.kind) ||
      (item.kind === 'signature' && !immutable.has(item.path.replace(/\.(asc|sig)$/, '')))
    if (changed) paths.add(cdnPath(store, item.path))
  }
  return [...paths].sort()
}

/** The path the CDN serves a key under: the key in the bucket (with the store's prefix). */
function cdnPath(store: Store, key: string): string {
  const objectKey = store instanceof S3Store ? store.objectKey(key) : key
  return `/${objectKey.split('/').map(encodeURIComponent).join('/')}`
}

/**
 * CloudFront, through the SDK (loaded on first use); credentials from the AWS environment like the
 * s3 store's. `endpoint` is for tests only.
 */
export function cloudFront(
  distributionId: string,
  options: { endpoint?: string; log?: Pick<Logger, 'debug'> } = {}
): Cdn {
  let client: Promise<{ cf: typeof import('@aws-sdk/client-cloudfront'); client: CloudFrontClient }>
  return {
    name: `CloudFront distribution ${distributionId}`,
    async invalidate(paths) {
      client ??= import('@aws-sdk/client-cloudfront').then((cf) => ({
        cf,
        client: new cf.CloudFrontClient({
          region: 'us-east-1',
          maxAttempts: 5,
          ...(options.endpoint ? { endpoint: options.endpoint } : {})
        })
      }))
      const { cf, client: cloudfront } = await client
      const out = await cloudfront.send(
        new cf.CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: {
            CallerReference: `falco-publish-${randomUUID()}`,
            Paths: { Quantity: paths.length, Items: paths }
          }
        })
      )
      options.log?.debug(`CloudFront invalidation ${out.Invalidation?.Id}: ${paths.join(' ')}`)
      return out.Invalidation?.Id ?? ''
    }
  }
}
