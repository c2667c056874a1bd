/**
 * The release body: a person's text, and below it the section falco-publish writes between two
 * markers. A re-run replaces only that section, so what a person drafted (or edited afterwards)
 * stays, and the same inputs give the same body: nothing to update.
 */
const START = '<!-- falco-publish: start (this section is rewritten by each publish) -->'
const END = '<!-- falco-publish: end -->'

export function mergeBody(existing: string, generated: string, replace: boolean): string {
  const section = `${START}\n${generated.trim()}\n${END}`
  if (replace) return section
  const body = existing.replace(/\r\n/g, '\n')
  const start = body.indexOf(START)
  const end = body.indexOf(END)
  if (start >= 0 && end > start)
    return body.slice(0, start) + section + body.slice(end + END.length)
  const human = body.trim()
  return human ? `${human}\n\n${section}` : section
}
