import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/**
 * GitHub's published REST description (@octokit/openapi), used to check what the fake GitHub
 * sends and what the client asks. The 13 MB document is parsed once per process; only the
 * component schemas an operation reaches are handed to Ajv and compiled, once each.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema: JsonObject
}

export interface Operation {
  method: string
  /** The templated path, e.g. /repos/{owner}/{repo}/tags */
  path: string
  operationId: string
  parameters: Parameter[]
  match: RegExp
  pathNames: string[]
}

const SCHEMA_BASE = 'https://api.github.com/openapi/schemas/'

let document: JsonObject | undefined
let ajv: Ajv | undefined
const registered = new Set<string>()
const validators = new Map<string, ValidateFunction>()

function api(): JsonObject {
  if (!document) {
    const require = createRequire(import.meta.url)
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json')
    document = JSON.parse(readFileSync(file, 'utf8')) as JsonObject
  }
  return document
}

function compiler(): Ajv {
  if (!ajv) {
    // OpenAPI 3.0 schemas: `nullable` is understood by Ajv; annotations are declared so that
    // strict mode still rejects anything else unexpected.
    ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false })
    ajv.addVocabulary(['example', 'externalDocs', 'xml', 'discriminator'])
    const addFormats = addFormatsModule as unknown as (instance: Ajv) => Ajv
    addFormats(ajv)
  }
  return ajv
}

function component(kind: string, name: string): JsonObject {
  const components = api().components as JsonObject
  const found = (components[kind] as JsonObject | undefined)?.[name]
  if (!found) throw new Error(`@octokit/openapi has no components.${kind}.${name}`)
  return found as JsonObject
}

/** Follows a `#/components/<kind>/<name>` reference outside schemas (parameters, responses). */
function resolve(node: JsonObject): JsonObject {
  const ref = node.$ref
  if (typeof ref !== 'string') return node
  const [, , kind, name] = ref.split('/')
  return resolve(component(kind, name))
}

/**
 * Copies a schema with its component references made absolute, registering each referenced
 * component with Ajv (lazily compiled) the first time it is reached. Vendor extensions (x-...)
 * are dropped: they describe GitHub's docs, not the payload.
 */
function absolute(node: Json): Json {
  if (Array.isArray(node)) return node.map(absolute)
  if (node === null || typeof node !== 'object') return node
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-')) continue
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/components/schemas/', '')
      register(name)
      out.$ref = SCHEMA_BASE + name
    } else if (key === 'properties' || key === 'patternProperties') {
      // Property names are data, not keywords: keep `x-...` or `example` named properties.
      out[key] = Object.fromEntries(
        Object.entries(value as JsonObject).map(([name, schema]) => [name, absolute(schema)])
      )
    } else if (
      key === 'enum' &&
      node.nullable === true &&
      Array.isArray(value) &&
      !value.includes(null)
    ) {
      // OpenAPI 3.0.3: `nullable: true` adds null to the allowed values, an enum's included
      // (GitHub sends `conclusion: null` for a running check). Ajv leaves the enum as written.
      out[key] = [...value, null]
    } else if (key === 'example' || key === 'enum' || key === 'default') {
      out[key] = value
    } else {
      out[key] = absolute(value)
    }
  }
  return out
}

function register(name: string): void {
  if (registered.has(name)) return
  registered.add(name)
  const schema = absolute(component('schemas', name)) as JsonObject
  compiler().addSchema({ ...schema, $id: SCHEMA_BASE + name })
}

/** The operations of the REST API, found by method and templated path. */
export function operation(method: string, path: string): Operation {
  const paths = api().paths as JsonObject
  const item = paths[path] as JsonObject | undefined
  const op = item?.[method.toLowerCase()] as JsonObject | undefined
  if (!op) throw new Error(`GitHub's REST API has no ${method} ${path}`)
  const pathNames: string[] = []
  const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name) => {
    pathNames.push(name as string)
    return '([^/]+)'
  })
  return {
    method: method.toUpperCase(),
    path,
    operationId: op.operationId as string,
    parameters: ((op.parameters ?? []) as JsonObject[]).map(
      (p) => resolve(p) as unknown as Parameter
    ),
    match: new RegExp(`^${pattern}$`),
    pathNames
  }
}

/** Validates a response body against the operation's schema for that status; returns the errors. */
export function validateResponse(op: Operation, status: number, body: unknown): string[] {
  const key = `${op.operationId} ${status}`
  let validate = validators.get(key)
  if (!validate) {
    const paths = api().paths as JsonObject
    const raw = ((paths[op.path] as JsonObject)[op.method.toLowerCase()] as JsonObject)
      .responses as JsonObject
    const response = raw[String(status)] as JsonObject | undefined
    if (!response) return [`${op.operationId} has no documented ${status} response`]
    const content = (resolve(response).content as JsonObject | undefined)?.['application/json']
    const schema = (content as JsonObject | undefined)?.schema
    if (!schema) return body === undefined ? [] : [`${op.operationId} ${status} has no JSON body`]
    validate = compiler().compile(absolute(schema) as JsonObject)
    validators.set(key, validate)
  }
  if (validate(body)) return []
  return (validate.errors ?? []).map(
    (error) =>
      `${op.operationId} ${status}: body${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`
  )
}

/** Validates one path or query parameter, given as the string the URL carried. */
export function validateParameter(
  op: Operation,
  where: 'path' | 'query',
  name: string,
  raw: string
): string[] {
  const parameter = op.parameters.find((p) => p.in === where && p.name === name)
  if (!parameter) return [`${op.operationId}: unknown ${where} parameter ${name}=${raw}`]
  const key = `${op.operationId} ${where} ${name}`
  let validate = validators.get(key)
  if (!validate) {
    validate = compiler().compile(absolute(parameter.schema) as JsonObject)
    validators.set(key, validate)
  }
  const type = parameter.schema.type
  const value =
    type === 'integer' || type === 'number'
      ? /^-?\d+(\.\d+)?$/.test(raw)
        ? Number(raw)
        : raw
      : type === 'boolean'
        ? raw === 'true'
          ? true
          : raw === 'false'
            ? false
            : raw
        : raw
  if (validate(value)) return []
  return (validate.errors ?? []).map(
    (error) => `${op.operationId}: ${where} parameter ${name}=${raw} ${error.message ?? ''}`
  )
}

/** Required parameters the request left out. */
export function missingParameters(
  op: Operation,
  given: { path: string[]; query: string[] }
): string[] {
  return op.parameters
    .filter((p) => p.required && (p.in === 'path' || p.in === 'query'))
    .filter((p) => !(p.in === 'path' ? given.path : given.query).includes(p.name))
    .map((p) => `${op.operationId}: required ${p.in} parameter ${p.name} missing`)
}

/** Validates a body against one named component schema (GitHub's error bodies: basic-error). */
export function validateSchema(name: string, body: unknown): string[] {
  register(name)
  const validate = compiler().getSchema(SCHEMA_BASE + name)
  if (!validate) return [`schema ${name} could not be compiled`]
  if (validate(body)) return []
  return (validate.errors ?? []).map(
    (error) =>
      `${name}: body${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`
  )
}

/**
 * Validates what a client sent: a JSON body against the operation's request schema, or the
 * content type an operation that takes raw bytes (an asset upload) documents.
 */
export function validateRequestBody(
  op: Operation,
  contentType: string | undefined,
  body: Buffer
): string[] {
  const paths = api().paths as JsonObject
  const raw = (paths[op.path] as JsonObject)[op.method.toLowerCase()] as JsonObject
  const requestBody = raw.requestBody as JsonObject | undefined
  if (!requestBody) return []
  const content = resolve(requestBody).content as JsonObject
  const type = (contentType ?? '').split(';')[0].trim()
  if (!(type in content))
    return [
      `${op.operationId}: request content-type ${type || '(none)'} is not one of ${Object.keys(content).join(', ')}`
    ]
  if (type !== 'application/json') return []
  const key = `${op.operationId} request`
  let validate = validators.get(key)
  if (!validate) {
    validate = compiler().compile(absolute((content[type] as JsonObject).schema) as JsonObject)
    validators.set(key, validate)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    return [`${op.operationId}: request body is not JSON`]
  }
  if (validate(parsed)) return []
  return (validate.errors ?? []).map(
    (error) => `${op.operationId} request: body${error.instancePath} ${error.message ?? ''}`
  )
}
