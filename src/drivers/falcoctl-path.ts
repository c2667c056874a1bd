/**
 * The URL path falcoctl requests: it escapes the driver version only (`+` becomes `%2B`);
 * the rest of the name is used as is. In a module of its own: the verify stage needs it, and
 * plan.ts would bring the driver config reader and its YAML library into every verify.
 */
export function falcoctlPath(key: string): string {
  const [root, version, ...rest] = key.split('/')
  return [root, encodeURIComponent(version), ...rest].join('/')
}
