import { g as getExecOutput } from './exec-BmD6LFMY.js';
import * as path from 'node:path';
import { g as getDefaultExportFromCjs, S as StageError, h as hasWork } from './work-DIV6r4xq.js';
import nc__default, { createHash, randomUUID } from 'node:crypto';
import { f as platformString, M as MediaType, e as retry, b as isRetryableStatus, R as RetryableStatus, g as apiBase, D as DEFAULT_RETRY, c as isTransient, h as backoffMs, p as parseRepository, I as INDEX_TYPES, j as MANIFEST_TYPES, k as platformOfConfig, m as manifestBlobs, i as isValidTag, l as isLoopback, n as webUrl } from './retry-pMehtssd.js';
import { readFile, open, stat, mkdir } from 'node:fs/promises';
import * as os from 'node:os';
import os__default from 'node:os';
import * as http from 'node:http';
import http__default, { ServerResponse } from 'node:http';
import * as node_https from 'node:https';
import node_https__default from 'node:https';
import require$$0, { Readable, PassThrough, Transform, Duplex } from 'node:stream';
import { setTimeout as setTimeout$1 } from 'node:timers/promises';
import require$$8, { errorMonitor, EventEmitter } from 'node:events';
import process$1 from 'node:process';
import { Buffer as Buffer$2 } from 'node:buffer';
import urlLib, { URL as URL$1 } from 'node:url';
import { Buffer as Buffer$1 } from 'buffer';
import zlib__default from 'node:zlib';
import { types, promisify, inspect } from 'node:util';
import require$$0$1 from 'node:net';
import { checkServerIdentity } from 'node:tls';
import { promises, lookup, V4MAPPED, ALL, ADDRCONFIG } from 'node:dns';
import require$$4 from 'http2';
import require$$0$2 from 'net';
import require$$0$3 from 'url';
import events__default from 'events';
import require$$1 from 'tls';
import require$$0$4 from 'stream';
import http$1 from 'http';
import https from 'https';
import require$$5 from 'assert';
import diagnosticsChannel from 'node:diagnostics_channel';
import { p as pLimit } from './index-1_RgLtDn.js';
import { createReadStream } from 'node:fs';
import { I as InputError } from './input-values-CHzpRL_X.js';
import 'string_decoder';
import 'os';
import 'child_process';
import 'path';
import 'fs';
import 'timers';
import 'node:perf_hooks';

/** `sha256:<hex>` of some bytes: manifests and configs are small enough to hash in memory. */
function sha256Digest(bytes) {
    return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** Only sha256 digests are accepted: what every registry and every builder produces. */
function checkDigest(digest, where) {
    if (!DIGEST.test(digest))
        throw new Error(`${where}: unsupported or malformed digest ${JSON.stringify(digest)}`);
    return digest;
}

function assemble(images) {
    if (images.length === 0)
        throw new Error('images: no image to push');
    const platforms = images.map((i) => platformString(i.platform));
    const seen = new Map();
    for (const image of images) {
        const p = platformString(image.platform);
        const other = seen.get(p);
        if (other !== undefined) {
            throw new Error(`images: ${JSON.stringify(other)} and ${JSON.stringify(image.source)} are both ${p}; give each entry its own platform`);
        }
        seen.set(p, image.source);
    }
    if (images.length === 1)
        return { images, top: images[0].manifest, platforms };
    const original = images[0].index;
    if (original && images.every((i) => i.index === original))
        return { images, top: original, platforms };
    const docker = images.every((i) => i.manifest.mediaType === MediaType.dockerManifest);
    const mediaType = docker ? MediaType.dockerList : MediaType.ociIndex;
    const manifests = images.map((i) => ({
        mediaType: i.manifest.mediaType,
        digest: i.manifest.digest,
        size: i.manifest.bytes.length,
        platform: i.platform
    }));
    const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests }));
    return { images, top: { bytes, mediaType, digest: sha256Digest(bytes) }, platforms };
}
/** Every distinct blob of the images, with the image that can open it. */
function distinctBlobs(images) {
    const seen = new Map();
    for (const image of images) {
        for (const blob of image.blobs)
            if (!seen.has(blob.digest))
                seen.set(blob.digest, { blob, image });
    }
    return [...seen.values()];
}

/** Where the Docker config is looked for, in the order Docker itself uses. */
function dockerConfigPath(env = process.env) {
    const dir = env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
    return path.join(dir, 'config.json');
}
/** The keys Docker accepts for one registry, Docker Hub's historical URL included. */
function keysFor(registry) {
    if (registry === 'docker.io') {
        return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
    }
    return [registry, `https://${registry}`, `http://${registry}`];
}
function normaliseKey(key) {
    return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}
/**
 * Reads the Docker config once and returns a lookup over it. A missing file means no
 * credentials; a file that cannot be parsed is an error naming the file.
 */
async function loadDockerCredentials(file = dockerConfigPath()) {
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return () => undefined;
        throw error;
    }
    let config;
    try {
        config = JSON.parse(text);
    }
    catch {
        throw new Error(`${file}: not valid JSON; expected a Docker config with an "auths" map`);
    }
    const auths = config.auths ?? {};
    return (registry) => {
        const wanted = keysFor(registry);
        const key = wanted.find((k) => k in auths) ??
            Object.keys(auths).find((k) => wanted.map(normaliseKey).includes(normaliseKey(k)));
        if (key === undefined)
            return undefined;
        const entry = auths[key];
        if (entry.username && entry.password) {
            return { username: entry.username, password: entry.password };
        }
        if (!entry.auth)
            return undefined;
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0) {
            // The value itself is secret: name only the file and the registry.
            throw new Error(`${file}: auths entry for ${key} is not base64 of user:password`);
        }
        return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    };
}

function keysOf(value) {
    return Object.keys(value);
}

const typedArrayTypeNames = [
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
    'Float32Array',
    'Float64Array',
    'BigInt64Array',
    'BigUint64Array',
];
function isTypedArrayName(name) {
    return typedArrayTypeNames.includes(name);
}
const objectTypeNames = [
    'Function',
    'Generator',
    'AsyncGenerator',
    'GeneratorFunction',
    'AsyncGeneratorFunction',
    'AsyncFunction',
    'Observable',
    'Array',
    'Buffer',
    'Blob',
    'Object',
    'RegExp',
    'Date',
    'Error',
    'Map',
    'Set',
    'WeakMap',
    'WeakSet',
    'WeakRef',
    'ArrayBuffer',
    'SharedArrayBuffer',
    'DataView',
    'Promise',
    'URL',
    'FormData',
    'URLSearchParams',
    'HTMLElement',
    'NaN',
    ...typedArrayTypeNames,
];
function isObjectTypeName(name) {
    return objectTypeNames.includes(name);
}
const primitiveTypeNames = [
    'null',
    'undefined',
    'string',
    'number',
    'bigint',
    'boolean',
    'symbol',
];
function isPrimitiveTypeName(name) {
    return primitiveTypeNames.includes(name);
}
const getObjectType = (value) => {
    const objectTypeName = Object.prototype.toString.call(value).slice(8, -1);
    if (/HTML\w+Element/.test(objectTypeName) && isHtmlElement(value)) {
        return 'HTMLElement';
    }
    if (isObjectTypeName(objectTypeName)) {
        return objectTypeName;
    }
    return undefined;
};
function detect(value) {
    if (value === null) {
        return 'null';
    }
    switch (typeof value) {
        case 'undefined': {
            return 'undefined';
        }
        case 'string': {
            return 'string';
        }
        case 'number': {
            return Number.isNaN(value) ? 'NaN' : 'number';
        }
        case 'boolean': {
            return 'boolean';
        }
        case 'function': {
            return 'Function';
        }
        case 'bigint': {
            return 'bigint';
        }
        case 'symbol': {
            return 'symbol';
        }
    }
    if (isObservable(value)) {
        return 'Observable';
    }
    if (isArray(value)) {
        return 'Array';
    }
    if (isBuffer(value)) {
        return 'Buffer';
    }
    const tagType = getObjectType(value);
    if (tagType && tagType !== 'Object') {
        return tagType;
    }
    if (hasPromiseApi(value)) {
        return 'Promise';
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Number) {
        throw new TypeError('Please don\'t use object wrappers for primitive types');
    }
    return 'Object';
}
function hasPromiseApi(value) {
    return isFunction$1(value?.then) && isFunction$1(value?.catch);
}
const is = Object.assign(detect, {
    all: isAll,
    any: isAny,
    array: isArray,
    arrayBuffer: isArrayBuffer,
    arrayLike: isArrayLike,
    asyncFunction: isAsyncFunction,
    asyncGenerator: isAsyncGenerator,
    asyncGeneratorFunction: isAsyncGeneratorFunction,
    asyncIterable: isAsyncIterable$1,
    bigint: isBigint,
    bigInt64Array: isBigInt64Array,
    bigUint64Array: isBigUint64Array,
    blob: isBlob,
    boolean: isBoolean,
    boundFunction: isBoundFunction,
    buffer: isBuffer,
    class: isClass,
    dataView: isDataView,
    date: isDate,
    detect,
    directInstanceOf: isDirectInstanceOf,
    emptyArray: isEmptyArray,
    emptyMap: isEmptyMap,
    emptyObject: isEmptyObject,
    emptySet: isEmptySet,
    emptyString: isEmptyString,
    emptyStringOrWhitespace: isEmptyStringOrWhitespace,
    enumCase: isEnumCase,
    error: isError,
    evenInteger: isEvenInteger,
    falsy: isFalsy,
    float32Array: isFloat32Array,
    float64Array: isFloat64Array,
    formData: isFormData$2,
    function: isFunction$1,
    generator: isGenerator,
    generatorFunction: isGeneratorFunction,
    htmlElement: isHtmlElement,
    infinite: isInfinite,
    inRange: isInRange,
    int16Array: isInt16Array,
    int32Array: isInt32Array,
    int8Array: isInt8Array,
    integer: isInteger,
    iterable: isIterable$1,
    map: isMap,
    nan: isNan,
    nativePromise: isNativePromise,
    negativeNumber: isNegativeNumber,
    nodeStream: isNodeStream,
    nonEmptyArray: isNonEmptyArray,
    nonEmptyMap: isNonEmptyMap,
    nonEmptyObject: isNonEmptyObject,
    nonEmptySet: isNonEmptySet,
    nonEmptyString: isNonEmptyString,
    nonEmptyStringAndNotWhitespace: isNonEmptyStringAndNotWhitespace,
    null: isNull,
    nullOrUndefined: isNullOrUndefined,
    number: isNumber,
    numericString: isNumericString,
    object: isObject,
    observable: isObservable,
    oddInteger: isOddInteger,
    plainObject: isPlainObject$1,
    positiveNumber: isPositiveNumber,
    primitive: isPrimitive,
    promise: isPromise,
    propertyKey: isPropertyKey,
    regExp: isRegExp,
    safeInteger: isSafeInteger,
    set: isSet,
    sharedArrayBuffer: isSharedArrayBuffer,
    string: isString,
    symbol: isSymbol,
    truthy: isTruthy,
    tupleLike: isTupleLike,
    typedArray: isTypedArray,
    uint16Array: isUint16Array,
    uint32Array: isUint32Array,
    uint8Array: isUint8Array,
    uint8ClampedArray: isUint8ClampedArray,
    undefined: isUndefined,
    urlInstance: isUrlInstance,
    urlSearchParams: isUrlSearchParams,
    urlString: isUrlString,
    optional: isOptional,
    validDate: isValidDate,
    validLength: isValidLength,
    weakMap: isWeakMap,
    weakRef: isWeakRef,
    weakSet: isWeakSet,
    whitespaceString: isWhitespaceString,
});
function isAbsoluteModule2(remainder) {
    return (value) => isInteger(value) && Math.abs(value % 2) === remainder;
}
function validatePredicateArray(predicateArray, allowEmpty) {
    if (predicateArray.length === 0) {
        if (allowEmpty) ;
        else {
            throw new TypeError('Invalid predicate array');
        }
        return;
    }
    for (const predicate of predicateArray) {
        if (!isFunction$1(predicate)) {
            throw new TypeError(`Invalid predicate: ${JSON.stringify(predicate)}`);
        }
    }
}
function isAll(predicate, ...values) {
    if (Array.isArray(predicate)) {
        const predicateArray = predicate;
        validatePredicateArray(predicateArray, values.length === 0);
        const combinedPredicate = (value) => predicateArray.every(singlePredicate => singlePredicate(value));
        if (values.length === 0) {
            return combinedPredicate;
        }
        return predicateOnArray(Array.prototype.every, combinedPredicate, values);
    }
    return predicateOnArray(Array.prototype.every, predicate, values);
}
function isAny(predicate, ...values) {
    if (Array.isArray(predicate)) {
        const predicateArray = predicate;
        validatePredicateArray(predicateArray, values.length === 0);
        const combinedPredicate = (value) => predicateArray.some(singlePredicate => singlePredicate(value));
        if (values.length === 0) {
            return combinedPredicate;
        }
        return predicateOnArray(Array.prototype.some, combinedPredicate, values);
    }
    return predicateOnArray(Array.prototype.some, predicate, values);
}
function isOptional(value, predicate) {
    return isUndefined(value) || predicate(value);
}
function isArray(value, assertion) {
    if (!Array.isArray(value)) {
        return false;
    }
    if (!isFunction$1(assertion)) {
        return true;
    }
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
    return value.every(element => assertion(element));
}
function isArrayBuffer(value) {
    return getObjectType(value) === 'ArrayBuffer';
}
function isArrayLike(value) {
    return !isNullOrUndefined(value) && !isFunction$1(value) && isValidLength(value.length);
}
function isAsyncFunction(value) {
    return getObjectType(value) === 'AsyncFunction';
}
function isAsyncGenerator(value) {
    return isAsyncIterable$1(value) && isFunction$1(value.next) && isFunction$1(value.throw);
}
function isAsyncGeneratorFunction(value) {
    return getObjectType(value) === 'AsyncGeneratorFunction';
}
function isAsyncIterable$1(value) {
    return isFunction$1(value?.[Symbol.asyncIterator]);
}
function isBigint(value) {
    return typeof value === 'bigint';
}
function isBigInt64Array(value) {
    return getObjectType(value) === 'BigInt64Array';
}
function isBigUint64Array(value) {
    return getObjectType(value) === 'BigUint64Array';
}
function isBlob(value) {
    return getObjectType(value) === 'Blob';
}
function isBoolean(value) {
    return value === true || value === false;
}
// eslint-disable-next-line @typescript-eslint/ban-types
function isBoundFunction(value) {
    return isFunction$1(value) && !Object.hasOwn(value, 'prototype');
}
/**
Note: [Prefer using `Uint8Array` instead of `Buffer`.](https://sindresorhus.com/blog/goodbye-nodejs-buffer)
*/
function isBuffer(value) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call
    return value?.constructor?.isBuffer?.(value) ?? false;
}
function isClass(value) {
    return isFunction$1(value) && /^class(\s+|{)/.test(value.toString());
}
function isDataView(value) {
    return getObjectType(value) === 'DataView';
}
function isDate(value) {
    return getObjectType(value) === 'Date';
}
function isDirectInstanceOf(instance, class_) {
    if (instance === undefined || instance === null) {
        return false;
    }
    return Object.getPrototypeOf(instance) === class_.prototype;
}
function isEmptyArray(value) {
    return isArray(value) && value.length === 0;
}
function isEmptyMap(value) {
    return isMap(value) && value.size === 0;
}
function isEmptyObject(value) {
    return isObject(value) && !isMap(value) && !isSet(value) && Object.keys(value).length === 0;
}
function isEmptySet(value) {
    return isSet(value) && value.size === 0;
}
function isEmptyString(value) {
    return isString(value) && value.length === 0;
}
function isEmptyStringOrWhitespace(value) {
    return isEmptyString(value) || isWhitespaceString(value);
}
function isEnumCase(value, targetEnum) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
    return Object.values(targetEnum).includes(value);
}
function isError(value) {
    // TODO: Use `Error.isError` when targeting Node.js 24.`
    return getObjectType(value) === 'Error';
}
function isEvenInteger(value) {
    return isAbsoluteModule2(0)(value);
}
// Example: `is.falsy = (value: unknown): value is (not true | 0 | '' | undefined | null) => Boolean(value);`
function isFalsy(value) {
    return !value;
}
// TODO: Support detecting Float16Array when targeting Node.js 24.
function isFloat32Array(value) {
    return getObjectType(value) === 'Float32Array';
}
function isFloat64Array(value) {
    return getObjectType(value) === 'Float64Array';
}
function isFormData$2(value) {
    return getObjectType(value) === 'FormData';
}
// eslint-disable-next-line @typescript-eslint/ban-types
function isFunction$1(value) {
    return typeof value === 'function';
}
function isGenerator(value) {
    return isIterable$1(value) && isFunction$1(value?.next) && isFunction$1(value?.throw);
}
function isGeneratorFunction(value) {
    return getObjectType(value) === 'GeneratorFunction';
}
// eslint-disable-next-line @typescript-eslint/naming-convention
const NODE_TYPE_ELEMENT = 1;
// eslint-disable-next-line @typescript-eslint/naming-convention
const DOM_PROPERTIES_TO_CHECK = [
    'innerHTML',
    'ownerDocument',
    'style',
    'attributes',
    'nodeValue',
];
function isHtmlElement(value) {
    return isObject(value)
        && value.nodeType === NODE_TYPE_ELEMENT
        && isString(value.nodeName)
        && !isPlainObject$1(value)
        && DOM_PROPERTIES_TO_CHECK.every(property => property in value);
}
function isInfinite(value) {
    return value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY;
}
function isInRange(value, range) {
    if (isNumber(range)) {
        return value >= Math.min(0, range) && value <= Math.max(range, 0);
    }
    if (isArray(range) && range.length === 2) {
        return value >= Math.min(...range) && value <= Math.max(...range);
    }
    throw new TypeError(`Invalid range: ${JSON.stringify(range)}`);
}
function isInt16Array(value) {
    return getObjectType(value) === 'Int16Array';
}
function isInt32Array(value) {
    return getObjectType(value) === 'Int32Array';
}
function isInt8Array(value) {
    return getObjectType(value) === 'Int8Array';
}
function isInteger(value) {
    return Number.isInteger(value);
}
function isIterable$1(value) {
    return isFunction$1(value?.[Symbol.iterator]);
}
function isMap(value) {
    return getObjectType(value) === 'Map';
}
function isNan(value) {
    return Number.isNaN(value);
}
function isNativePromise(value) {
    return getObjectType(value) === 'Promise';
}
function isNegativeNumber(value) {
    return isNumber(value) && value < 0;
}
function isNodeStream(value) {
    return isObject(value) && isFunction$1(value.pipe) && !isObservable(value);
}
function isNonEmptyArray(value) {
    return isArray(value) && value.length > 0;
}
function isNonEmptyMap(value) {
    return isMap(value) && value.size > 0;
}
// TODO: Use `not` operator here to remove `Map` and `Set` from type guard:
// - https://github.com/Microsoft/TypeScript/pull/29317
function isNonEmptyObject(value) {
    return isObject(value) && !isMap(value) && !isSet(value) && Object.keys(value).length > 0;
}
function isNonEmptySet(value) {
    return isSet(value) && value.size > 0;
}
// TODO: Use `not ''` when the `not` operator is available.
function isNonEmptyString(value) {
    return isString(value) && value.length > 0;
}
// TODO: Use `not ''` when the `not` operator is available.
function isNonEmptyStringAndNotWhitespace(value) {
    return isString(value) && !isEmptyStringOrWhitespace(value);
}
// eslint-disable-next-line @typescript-eslint/ban-types
function isNull(value) {
    return value === null;
}
// eslint-disable-next-line @typescript-eslint/ban-types
function isNullOrUndefined(value) {
    return isNull(value) || isUndefined(value);
}
function isNumber(value) {
    return typeof value === 'number' && !Number.isNaN(value);
}
function isNumericString(value) {
    return isString(value) && !isEmptyStringOrWhitespace(value) && !Number.isNaN(Number(value));
}
// eslint-disable-next-line @typescript-eslint/ban-types
function isObject(value) {
    return !isNull(value) && (typeof value === 'object' || isFunction$1(value));
}
function isObservable(value) {
    if (!value) {
        return false;
    }
    // eslint-disable-next-line no-use-extend-native/no-use-extend-native, @typescript-eslint/no-unsafe-call
    if (Symbol.observable !== undefined && value === value[Symbol.observable]?.()) {
        return true;
    }
    // eslint-disable-next-line @typescript-eslint/no-unsafe-call
    if (value === value['@@observable']?.()) {
        return true;
    }
    return false;
}
function isOddInteger(value) {
    return isAbsoluteModule2(1)(value);
}
function isPlainObject$1(value) {
    // From: https://github.com/sindresorhus/is-plain-obj/blob/main/index.js
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
    const prototype = Object.getPrototypeOf(value);
    return (prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null) && !(Symbol.toStringTag in value) && !(Symbol.iterator in value);
}
function isPositiveNumber(value) {
    return isNumber(value) && value > 0;
}
function isPrimitive(value) {
    return isNull(value) || isPrimitiveTypeName(typeof value);
}
function isPromise(value) {
    return isNativePromise(value) || hasPromiseApi(value);
}
// `PropertyKey` is any value that can be used as an object key (string, number, or symbol)
function isPropertyKey(value) {
    return isAny([isString, isNumber, isSymbol], value);
}
function isRegExp(value) {
    return getObjectType(value) === 'RegExp';
}
function isSafeInteger(value) {
    return Number.isSafeInteger(value);
}
function isSet(value) {
    return getObjectType(value) === 'Set';
}
function isSharedArrayBuffer(value) {
    return getObjectType(value) === 'SharedArrayBuffer';
}
function isString(value) {
    return typeof value === 'string';
}
function isSymbol(value) {
    return typeof value === 'symbol';
}
// Example: `is.truthy = (value: unknown): value is (not false | not 0 | not '' | not undefined | not null) => Boolean(value);`
// eslint-disable-next-line unicorn/prefer-native-coercion-functions
function isTruthy(value) {
    return Boolean(value);
}
function isTupleLike(value, guards) {
    if (isArray(guards) && isArray(value) && guards.length === value.length) {
        return guards.every((guard, index) => guard(value[index]));
    }
    return false;
}
function isTypedArray(value) {
    return isTypedArrayName(getObjectType(value));
}
function isUint16Array(value) {
    return getObjectType(value) === 'Uint16Array';
}
function isUint32Array(value) {
    return getObjectType(value) === 'Uint32Array';
}
function isUint8Array(value) {
    return getObjectType(value) === 'Uint8Array';
}
function isUint8ClampedArray(value) {
    return getObjectType(value) === 'Uint8ClampedArray';
}
function isUndefined(value) {
    return value === undefined;
}
function isUrlInstance(value) {
    return getObjectType(value) === 'URL';
}
// eslint-disable-next-line unicorn/prevent-abbreviations
function isUrlSearchParams(value) {
    return getObjectType(value) === 'URLSearchParams';
}
function isUrlString(value) {
    if (!isString(value)) {
        return false;
    }
    try {
        new URL(value); // eslint-disable-line no-new
        return true;
    }
    catch {
        return false;
    }
}
function isValidDate(value) {
    return isDate(value) && !isNan(Number(value));
}
function isValidLength(value) {
    return isSafeInteger(value) && value >= 0;
}
// eslint-disable-next-line @typescript-eslint/ban-types
function isWeakMap(value) {
    return getObjectType(value) === 'WeakMap';
}
// eslint-disable-next-line @typescript-eslint/ban-types, unicorn/prevent-abbreviations
function isWeakRef(value) {
    return getObjectType(value) === 'WeakRef';
}
// eslint-disable-next-line @typescript-eslint/ban-types
function isWeakSet(value) {
    return getObjectType(value) === 'WeakSet';
}
function isWhitespaceString(value) {
    return isString(value) && /^\s+$/.test(value);
}
function predicateOnArray(method, predicate, values) {
    if (!isFunction$1(predicate)) {
        throw new TypeError(`Invalid predicate: ${JSON.stringify(predicate)}`);
    }
    if (values.length === 0) {
        throw new TypeError('Invalid number of values');
    }
    return method.call(values, predicate);
}
function typeErrorMessage(description, value) {
    return `Expected value which is \`${description}\`, received value of type \`${is(value)}\`.`;
}
function unique(values) {
    // eslint-disable-next-line unicorn/prefer-spread
    return Array.from(new Set(values));
}
const andFormatter = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });
const orFormatter = new Intl.ListFormat('en', { style: 'long', type: 'disjunction' });
function typeErrorMessageMultipleValues(expectedType, values) {
    const uniqueExpectedTypes = unique((isArray(expectedType) ? expectedType : [expectedType]).map(value => `\`${value}\``));
    const uniqueValueTypes = unique(values.map(value => `\`${is(value)}\``));
    return `Expected values which are ${orFormatter.format(uniqueExpectedTypes)}. Received values of type${uniqueValueTypes.length > 1 ? 's' : ''} ${andFormatter.format(uniqueValueTypes)}.`;
}
const assert = {
    all: assertAll,
    any: assertAny$1,
    optional: assertOptional,
    array: assertArray,
    arrayBuffer: assertArrayBuffer,
    arrayLike: assertArrayLike,
    asyncFunction: assertAsyncFunction,
    asyncGenerator: assertAsyncGenerator,
    asyncGeneratorFunction: assertAsyncGeneratorFunction,
    asyncIterable: assertAsyncIterable,
    bigint: assertBigint,
    bigInt64Array: assertBigInt64Array,
    bigUint64Array: assertBigUint64Array,
    blob: assertBlob,
    boolean: assertBoolean,
    boundFunction: assertBoundFunction,
    buffer: assertBuffer,
    class: assertClass,
    dataView: assertDataView,
    date: assertDate,
    directInstanceOf: assertDirectInstanceOf,
    emptyArray: assertEmptyArray,
    emptyMap: assertEmptyMap,
    emptyObject: assertEmptyObject,
    emptySet: assertEmptySet,
    emptyString: assertEmptyString,
    emptyStringOrWhitespace: assertEmptyStringOrWhitespace,
    enumCase: assertEnumCase,
    error: assertError,
    evenInteger: assertEvenInteger,
    falsy: assertFalsy,
    float32Array: assertFloat32Array,
    float64Array: assertFloat64Array,
    formData: assertFormData,
    function: assertFunction,
    generator: assertGenerator,
    generatorFunction: assertGeneratorFunction,
    htmlElement: assertHtmlElement,
    infinite: assertInfinite,
    inRange: assertInRange,
    int16Array: assertInt16Array,
    int32Array: assertInt32Array,
    int8Array: assertInt8Array,
    integer: assertInteger,
    iterable: assertIterable,
    map: assertMap,
    nan: assertNan,
    nativePromise: assertNativePromise,
    negativeNumber: assertNegativeNumber,
    nodeStream: assertNodeStream,
    nonEmptyArray: assertNonEmptyArray,
    nonEmptyMap: assertNonEmptyMap,
    nonEmptyObject: assertNonEmptyObject,
    nonEmptySet: assertNonEmptySet,
    nonEmptyString: assertNonEmptyString,
    nonEmptyStringAndNotWhitespace: assertNonEmptyStringAndNotWhitespace,
    null: assertNull,
    nullOrUndefined: assertNullOrUndefined,
    number: assertNumber,
    numericString: assertNumericString,
    object: assertObject,
    observable: assertObservable,
    oddInteger: assertOddInteger,
    plainObject: assertPlainObject$1,
    positiveNumber: assertPositiveNumber,
    primitive: assertPrimitive,
    promise: assertPromise,
    propertyKey: assertPropertyKey,
    regExp: assertRegExp,
    safeInteger: assertSafeInteger,
    set: assertSet,
    sharedArrayBuffer: assertSharedArrayBuffer,
    string: assertString,
    symbol: assertSymbol,
    truthy: assertTruthy,
    tupleLike: assertTupleLike,
    typedArray: assertTypedArray,
    uint16Array: assertUint16Array,
    uint32Array: assertUint32Array,
    uint8Array: assertUint8Array,
    uint8ClampedArray: assertUint8ClampedArray,
    undefined: assertUndefined,
    urlInstance: assertUrlInstance,
    urlSearchParams: assertUrlSearchParams,
    urlString: assertUrlString,
    validDate: assertValidDate,
    validLength: assertValidLength,
    weakMap: assertWeakMap,
    weakRef: assertWeakRef,
    weakSet: assertWeakSet,
    whitespaceString: assertWhitespaceString,
};
const methodTypeMap = {
    isArray: 'Array',
    isArrayBuffer: 'ArrayBuffer',
    isArrayLike: 'array-like',
    isAsyncFunction: 'AsyncFunction',
    isAsyncGenerator: 'AsyncGenerator',
    isAsyncGeneratorFunction: 'AsyncGeneratorFunction',
    isAsyncIterable: 'AsyncIterable',
    isBigint: 'bigint',
    isBigInt64Array: 'BigInt64Array',
    isBigUint64Array: 'BigUint64Array',
    isBlob: 'Blob',
    isBoolean: 'boolean',
    isBoundFunction: 'Function',
    isBuffer: 'Buffer',
    isClass: 'Class',
    isDataView: 'DataView',
    isDate: 'Date',
    isDirectInstanceOf: 'T',
    isEmptyArray: 'empty array',
    isEmptyMap: 'empty map',
    isEmptyObject: 'empty object',
    isEmptySet: 'empty set',
    isEmptyString: 'empty string',
    isEmptyStringOrWhitespace: 'empty string or whitespace',
    isEnumCase: 'EnumCase',
    isError: 'Error',
    isEvenInteger: 'even integer',
    isFalsy: 'falsy',
    isFloat32Array: 'Float32Array',
    isFloat64Array: 'Float64Array',
    isFormData: 'FormData',
    isFunction: 'Function',
    isGenerator: 'Generator',
    isGeneratorFunction: 'GeneratorFunction',
    isHtmlElement: 'HTMLElement',
    isInfinite: 'infinite number',
    isInRange: 'in range',
    isInt16Array: 'Int16Array',
    isInt32Array: 'Int32Array',
    isInt8Array: 'Int8Array',
    isInteger: 'integer',
    isIterable: 'Iterable',
    isMap: 'Map',
    isNan: 'NaN',
    isNativePromise: 'native Promise',
    isNegativeNumber: 'negative number',
    isNodeStream: 'Node.js Stream',
    isNonEmptyArray: 'non-empty array',
    isNonEmptyMap: 'non-empty map',
    isNonEmptyObject: 'non-empty object',
    isNonEmptySet: 'non-empty set',
    isNonEmptyString: 'non-empty string',
    isNonEmptyStringAndNotWhitespace: 'non-empty string and not whitespace',
    isNull: 'null',
    isNullOrUndefined: 'null or undefined',
    isNumber: 'number',
    isNumericString: 'string with a number',
    isObject: 'Object',
    isObservable: 'Observable',
    isOddInteger: 'odd integer',
    isPlainObject: 'plain object',
    isPositiveNumber: 'positive number',
    isPrimitive: 'primitive',
    isPromise: 'Promise',
    isPropertyKey: 'PropertyKey',
    isRegExp: 'RegExp',
    isSafeInteger: 'integer',
    isSet: 'Set',
    isSharedArrayBuffer: 'SharedArrayBuffer',
    isString: 'string',
    isSymbol: 'symbol',
    isTruthy: 'truthy',
    isTupleLike: 'tuple-like',
    isTypedArray: 'TypedArray',
    isUint16Array: 'Uint16Array',
    isUint32Array: 'Uint32Array',
    isUint8Array: 'Uint8Array',
    isUint8ClampedArray: 'Uint8ClampedArray',
    isUndefined: 'undefined',
    isUrlInstance: 'URL',
    isUrlSearchParams: 'URLSearchParams',
    isUrlString: 'string with a URL',
    isValidDate: 'valid Date',
    isValidLength: 'valid length',
    isWeakMap: 'WeakMap',
    isWeakRef: 'WeakRef',
    isWeakSet: 'WeakSet',
    isWhitespaceString: 'whitespace string',
};
const isMethodNames = keysOf(methodTypeMap);
function isIsMethodName(value) {
    return isMethodNames.includes(value);
}
function assertAll(predicate, ...values) {
    if (values.length === 0) {
        throw new TypeError('Invalid number of values');
    }
    if (!isAll(predicate, ...values)) {
        const predicateFunction = predicate;
        const expectedType = !Array.isArray(predicate) && isIsMethodName(predicateFunction.name) ? methodTypeMap[predicateFunction.name] : 'predicate returns truthy for all values';
        throw new TypeError(typeErrorMessageMultipleValues(expectedType, values));
    }
}
function assertAny$1(predicate, ...values) {
    if (values.length === 0) {
        throw new TypeError('Invalid number of values');
    }
    if (!isAny(predicate, ...values)) {
        const predicates = Array.isArray(predicate) ? predicate : [predicate];
        const expectedTypes = predicates.map(singlePredicate => isIsMethodName(singlePredicate.name) ? methodTypeMap[singlePredicate.name] : 'predicate returns truthy for any value');
        throw new TypeError(typeErrorMessageMultipleValues(expectedTypes, values));
    }
}
function assertOptional(value, assertion, message) {
    if (!isUndefined(value)) {
        assertion(value, message);
    }
}
function assertArray(value, assertion, message) {
    if (!isArray(value)) {
        throw new TypeError(message ?? typeErrorMessage('Array', value));
    }
    if (assertion) {
        for (const element of value) {
            // @ts-expect-error: "Assertions require every name in the call target to be declared with an explicit type annotation."
            assertion(element, message);
        }
    }
}
function assertArrayBuffer(value, message) {
    if (!isArrayBuffer(value)) {
        throw new TypeError(message ?? typeErrorMessage('ArrayBuffer', value));
    }
}
function assertArrayLike(value, message) {
    if (!isArrayLike(value)) {
        throw new TypeError(message ?? typeErrorMessage('array-like', value));
    }
}
// eslint-disable-next-line @typescript-eslint/ban-types
function assertAsyncFunction(value, message) {
    if (!isAsyncFunction(value)) {
        throw new TypeError(message ?? typeErrorMessage('AsyncFunction', value));
    }
}
function assertAsyncGenerator(value, message) {
    if (!isAsyncGenerator(value)) {
        throw new TypeError(message ?? typeErrorMessage('AsyncGenerator', value));
    }
}
function assertAsyncGeneratorFunction(value, message) {
    if (!isAsyncGeneratorFunction(value)) {
        throw new TypeError(message ?? typeErrorMessage('AsyncGeneratorFunction', value));
    }
}
function assertAsyncIterable(value, message) {
    if (!isAsyncIterable$1(value)) {
        throw new TypeError(message ?? typeErrorMessage('AsyncIterable', value));
    }
}
function assertBigint(value, message) {
    if (!isBigint(value)) {
        throw new TypeError(message ?? typeErrorMessage('bigint', value));
    }
}
function assertBigInt64Array(value, message) {
    if (!isBigInt64Array(value)) {
        throw new TypeError(message ?? typeErrorMessage('BigInt64Array', value));
    }
}
function assertBigUint64Array(value, message) {
    if (!isBigUint64Array(value)) {
        throw new TypeError(message ?? typeErrorMessage('BigUint64Array', value));
    }
}
function assertBlob(value, message) {
    if (!isBlob(value)) {
        throw new TypeError(message ?? typeErrorMessage('Blob', value));
    }
}
function assertBoolean(value, message) {
    if (!isBoolean(value)) {
        throw new TypeError(message ?? typeErrorMessage('boolean', value));
    }
}
// eslint-disable-next-line @typescript-eslint/ban-types
function assertBoundFunction(value, message) {
    if (!isBoundFunction(value)) {
        throw new TypeError(message ?? typeErrorMessage('Function', value));
    }
}
/**
Note: [Prefer using `Uint8Array` instead of `Buffer`.](https://sindresorhus.com/blog/goodbye-nodejs-buffer)
*/
function assertBuffer(value, message) {
    if (!isBuffer(value)) {
        throw new TypeError(message ?? typeErrorMessage('Buffer', value));
    }
}
function assertClass(value, message) {
    if (!isClass(value)) {
        throw new TypeError(message ?? typeErrorMessage('Class', value));
    }
}
function assertDataView(value, message) {
    if (!isDataView(value)) {
        throw new TypeError(message ?? typeErrorMessage('DataView', value));
    }
}
function assertDate(value, message) {
    if (!isDate(value)) {
        throw new TypeError(message ?? typeErrorMessage('Date', value));
    }
}
function assertDirectInstanceOf(instance, class_, message) {
    if (!isDirectInstanceOf(instance, class_)) {
        throw new TypeError(message ?? typeErrorMessage('T', instance));
    }
}
function assertEmptyArray(value, message) {
    if (!isEmptyArray(value)) {
        throw new TypeError(message ?? typeErrorMessage('empty array', value));
    }
}
function assertEmptyMap(value, message) {
    if (!isEmptyMap(value)) {
        throw new TypeError(message ?? typeErrorMessage('empty map', value));
    }
}
function assertEmptyObject(value, message) {
    if (!isEmptyObject(value)) {
        throw new TypeError(message ?? typeErrorMessage('empty object', value));
    }
}
function assertEmptySet(value, message) {
    if (!isEmptySet(value)) {
        throw new TypeError(message ?? typeErrorMessage('empty set', value));
    }
}
function assertEmptyString(value, message) {
    if (!isEmptyString(value)) {
        throw new TypeError(message ?? typeErrorMessage('empty string', value));
    }
}
function assertEmptyStringOrWhitespace(value, message) {
    if (!isEmptyStringOrWhitespace(value)) {
        throw new TypeError(message ?? typeErrorMessage('empty string or whitespace', value));
    }
}
function assertEnumCase(value, targetEnum, message) {
    if (!isEnumCase(value, targetEnum)) {
        throw new TypeError(message ?? typeErrorMessage('EnumCase', value));
    }
}
function assertError(value, message) {
    if (!isError(value)) {
        throw new TypeError(message ?? typeErrorMessage('Error', value));
    }
}
function assertEvenInteger(value, message) {
    if (!isEvenInteger(value)) {
        throw new TypeError(message ?? typeErrorMessage('even integer', value));
    }
}
function assertFalsy(value, message) {
    if (!isFalsy(value)) {
        throw new TypeError(message ?? typeErrorMessage('falsy', value));
    }
}
function assertFloat32Array(value, message) {
    if (!isFloat32Array(value)) {
        throw new TypeError(message ?? typeErrorMessage('Float32Array', value));
    }
}
function assertFloat64Array(value, message) {
    if (!isFloat64Array(value)) {
        throw new TypeError(message ?? typeErrorMessage('Float64Array', value));
    }
}
function assertFormData(value, message) {
    if (!isFormData$2(value)) {
        throw new TypeError(message ?? typeErrorMessage('FormData', value));
    }
}
// eslint-disable-next-line @typescript-eslint/ban-types
function assertFunction(value, message) {
    if (!isFunction$1(value)) {
        throw new TypeError(message ?? typeErrorMessage('Function', value));
    }
}
function assertGenerator(value, message) {
    if (!isGenerator(value)) {
        throw new TypeError(message ?? typeErrorMessage('Generator', value));
    }
}
function assertGeneratorFunction(value, message) {
    if (!isGeneratorFunction(value)) {
        throw new TypeError(message ?? typeErrorMessage('GeneratorFunction', value));
    }
}
function assertHtmlElement(value, message) {
    if (!isHtmlElement(value)) {
        throw new TypeError(message ?? typeErrorMessage('HTMLElement', value));
    }
}
function assertInfinite(value, message) {
    if (!isInfinite(value)) {
        throw new TypeError(message ?? typeErrorMessage('infinite number', value));
    }
}
function assertInRange(value, range, message) {
    if (!isInRange(value, range)) {
        throw new TypeError(message ?? typeErrorMessage('in range', value));
    }
}
function assertInt16Array(value, message) {
    if (!isInt16Array(value)) {
        throw new TypeError(message ?? typeErrorMessage('Int16Array', value));
    }
}
function assertInt32Array(value, message) {
    if (!isInt32Array(value)) {
        throw new TypeError(message ?? typeErrorMessage('Int32Array', value));
    }
}
function assertInt8Array(value, message) {
    if (!isInt8Array(value)) {
        throw new TypeError(message ?? typeErrorMessage('Int8Array', value));
    }
}
function assertInteger(value, message) {
    if (!isInteger(value)) {
        throw new TypeError(message ?? typeErrorMessage('integer', value));
    }
}
function assertIterable(value, message) {
    if (!isIterable$1(value)) {
        throw new TypeError(message ?? typeErrorMessage('Iterable', value));
    }
}
function assertMap(value, message) {
    if (!isMap(value)) {
        throw new TypeError(message ?? typeErrorMessage('Map', value));
    }
}
function assertNan(value, message) {
    if (!isNan(value)) {
        throw new TypeError(message ?? typeErrorMessage('NaN', value));
    }
}
function assertNativePromise(value, message) {
    if (!isNativePromise(value)) {
        throw new TypeError(message ?? typeErrorMessage('native Promise', value));
    }
}
function assertNegativeNumber(value, message) {
    if (!isNegativeNumber(value)) {
        throw new TypeError(message ?? typeErrorMessage('negative number', value));
    }
}
function assertNodeStream(value, message) {
    if (!isNodeStream(value)) {
        throw new TypeError(message ?? typeErrorMessage('Node.js Stream', value));
    }
}
function assertNonEmptyArray(value, message) {
    if (!isNonEmptyArray(value)) {
        throw new TypeError(message ?? typeErrorMessage('non-empty array', value));
    }
}
function assertNonEmptyMap(value, message) {
    if (!isNonEmptyMap(value)) {
        throw new TypeError(message ?? typeErrorMessage('non-empty map', value));
    }
}
function assertNonEmptyObject(value, message) {
    if (!isNonEmptyObject(value)) {
        throw new TypeError(message ?? typeErrorMessage('non-empty object', value));
    }
}
function assertNonEmptySet(value, message) {
    if (!isNonEmptySet(value)) {
        throw new TypeError(message ?? typeErrorMessage('non-empty set', value));
    }
}
function assertNonEmptyString(value, message) {
    if (!isNonEmptyString(value)) {
        throw new TypeError(message ?? typeErrorMessage('non-empty string', value));
    }
}
function assertNonEmptyStringAndNotWhitespace(value, message) {
    if (!isNonEmptyStringAndNotWhitespace(value)) {
        throw new TypeError(message ?? typeErrorMessage('non-empty string and not whitespace', value));
    }
}
// eslint-disable-next-line @typescript-eslint/ban-types
function assertNull(value, message) {
    if (!isNull(value)) {
        throw new TypeError(message ?? typeErrorMessage('null', value));
    }
}
// eslint-disable-next-line @typescript-eslint/ban-types
function assertNullOrUndefined(value, message) {
    if (!isNullOrUndefined(value)) {
        throw new TypeError(message ?? typeErrorMessage('null or undefined', value));
    }
}
function assertNumber(value, message) {
    if (!isNumber(value)) {
        throw new TypeError(message ?? typeErrorMessage('number', value));
    }
}
function assertNumericString(value, message) {
    if (!isNumericString(value)) {
        throw new TypeError(message ?? typeErrorMessage('string with a number', value));
    }
}
// eslint-disable-next-line @typescript-eslint/ban-types
function assertObject(value, message) {
    if (!isObject(value)) {
        throw new TypeError(message ?? typeErrorMessage('Object', value));
    }
}
function assertObservable(value, message) {
    if (!isObservable(value)) {
        throw new TypeError(message ?? typeErrorMessage('Observable', value));
    }
}
function assertOddInteger(value, message) {
    if (!isOddInteger(value)) {
        throw new TypeError(message ?? typeErrorMessage('odd integer', value));
    }
}
function assertPlainObject$1(value, message) {
    if (!isPlainObject$1(value)) {
        throw new TypeError(message ?? typeErrorMessage('plain object', value));
    }
}
function assertPositiveNumber(value, message) {
    if (!isPositiveNumber(value)) {
        throw new TypeError(message ?? typeErrorMessage('positive number', value));
    }
}
function assertPrimitive(value, message) {
    if (!isPrimitive(value)) {
        throw new TypeError(message ?? typeErrorMessage('primitive', value));
    }
}
function assertPromise(value, message) {
    if (!isPromise(value)) {
        throw new TypeError(message ?? typeErrorMessage('Promise', value));
    }
}
function assertPropertyKey(value, message) {
    if (!isPropertyKey(value)) {
        throw new TypeError(message ?? typeErrorMessage('PropertyKey', value));
    }
}
function assertRegExp(value, message) {
    if (!isRegExp(value)) {
        throw new TypeError(message ?? typeErrorMessage('RegExp', value));
    }
}
function assertSafeInteger(value, message) {
    if (!isSafeInteger(value)) {
        throw new TypeError(message ?? typeErrorMessage('integer', value));
    }
}
function assertSet(value, message) {
    if (!isSet(value)) {
        throw new TypeError(message ?? typeErrorMessage('Set', value));
    }
}
function assertSharedArrayBuffer(value, message) {
    if (!isSharedArrayBuffer(value)) {
        throw new TypeError(message ?? typeErrorMessage('SharedArrayBuffer', value));
    }
}
function assertString(value, message) {
    if (!isString(value)) {
        throw new TypeError(message ?? typeErrorMessage('string', value));
    }
}
function assertSymbol(value, message) {
    if (!isSymbol(value)) {
        throw new TypeError(message ?? typeErrorMessage('symbol', value));
    }
}
function assertTruthy(value, message) {
    if (!isTruthy(value)) {
        throw new TypeError(message ?? typeErrorMessage('truthy', value));
    }
}
function assertTupleLike(value, guards, message) {
    if (!isTupleLike(value, guards)) {
        throw new TypeError(message ?? typeErrorMessage('tuple-like', value));
    }
}
function assertTypedArray(value, message) {
    if (!isTypedArray(value)) {
        throw new TypeError(message ?? typeErrorMessage('TypedArray', value));
    }
}
function assertUint16Array(value, message) {
    if (!isUint16Array(value)) {
        throw new TypeError(message ?? typeErrorMessage('Uint16Array', value));
    }
}
function assertUint32Array(value, message) {
    if (!isUint32Array(value)) {
        throw new TypeError(message ?? typeErrorMessage('Uint32Array', value));
    }
}
function assertUint8Array(value, message) {
    if (!isUint8Array(value)) {
        throw new TypeError(message ?? typeErrorMessage('Uint8Array', value));
    }
}
function assertUint8ClampedArray(value, message) {
    if (!isUint8ClampedArray(value)) {
        throw new TypeError(message ?? typeErrorMessage('Uint8ClampedArray', value));
    }
}
function assertUndefined(value, message) {
    if (!isUndefined(value)) {
        throw new TypeError(message ?? typeErrorMessage('undefined', value));
    }
}
function assertUrlInstance(value, message) {
    if (!isUrlInstance(value)) {
        throw new TypeError(message ?? typeErrorMessage('URL', value));
    }
}
// eslint-disable-next-line unicorn/prevent-abbreviations
function assertUrlSearchParams(value, message) {
    if (!isUrlSearchParams(value)) {
        throw new TypeError(message ?? typeErrorMessage('URLSearchParams', value));
    }
}
function assertUrlString(value, message) {
    if (!isUrlString(value)) {
        throw new TypeError(message ?? typeErrorMessage('string with a URL', value));
    }
}
function assertValidDate(value, message) {
    if (!isValidDate(value)) {
        throw new TypeError(message ?? typeErrorMessage('valid Date', value));
    }
}
function assertValidLength(value, message) {
    if (!isValidLength(value)) {
        throw new TypeError(message ?? typeErrorMessage('valid length', value));
    }
}
// eslint-disable-next-line @typescript-eslint/ban-types
function assertWeakMap(value, message) {
    if (!isWeakMap(value)) {
        throw new TypeError(message ?? typeErrorMessage('WeakMap', value));
    }
}
// eslint-disable-next-line @typescript-eslint/ban-types, unicorn/prevent-abbreviations
function assertWeakRef(value, message) {
    if (!isWeakRef(value)) {
        throw new TypeError(message ?? typeErrorMessage('WeakRef', value));
    }
}
// eslint-disable-next-line @typescript-eslint/ban-types
function assertWeakSet(value, message) {
    if (!isWeakSet(value)) {
        throw new TypeError(message ?? typeErrorMessage('WeakSet', value));
    }
}
function assertWhitespaceString(value, message) {
    if (!isWhitespaceString(value)) {
        throw new TypeError(message ?? typeErrorMessage('whitespace string', value));
    }
}

let CancelError$1 = class CancelError extends Error {
	constructor(reason) {
		super(reason || 'Promise was canceled');
		this.name = 'CancelError';
	}

	get isCanceled() {
		return true;
	}
};

const promiseState = Object.freeze({
	pending: Symbol('pending'),
	canceled: Symbol('canceled'),
	resolved: Symbol('resolved'),
	rejected: Symbol('rejected'),
});

class PCancelable {
	static fn(userFunction) {
		return (...arguments_) => new PCancelable((resolve, reject, onCancel) => {
			arguments_.push(onCancel);
			userFunction(...arguments_).then(resolve, reject);
		});
	}

	#cancelHandlers = [];
	#rejectOnCancel = true;
	#state = promiseState.pending;
	#promise;
	#reject;

	constructor(executor) {
		this.#promise = new Promise((resolve, reject) => {
			this.#reject = reject;

			const onResolve = value => {
				if (this.#state !== promiseState.canceled || !onCancel.shouldReject) {
					resolve(value);
					this.#setState(promiseState.resolved);
				}
			};

			const onReject = error => {
				if (this.#state !== promiseState.canceled || !onCancel.shouldReject) {
					reject(error);
					this.#setState(promiseState.rejected);
				}
			};

			const onCancel = handler => {
				if (this.#state !== promiseState.pending) {
					throw new Error(`The \`onCancel\` handler was attached after the promise ${this.#state.description}.`);
				}

				this.#cancelHandlers.push(handler);
			};

			Object.defineProperties(onCancel, {
				shouldReject: {
					get: () => this.#rejectOnCancel,
					set: boolean => {
						this.#rejectOnCancel = boolean;
					},
				},
			});

			executor(onResolve, onReject, onCancel);
		});
	}

	// eslint-disable-next-line unicorn/no-thenable
	then(onFulfilled, onRejected) {
		return this.#promise.then(onFulfilled, onRejected);
	}

	catch(onRejected) {
		return this.#promise.catch(onRejected);
	}

	finally(onFinally) {
		return this.#promise.finally(onFinally);
	}

	cancel(reason) {
		if (this.#state !== promiseState.pending) {
			return;
		}

		this.#setState(promiseState.canceled);

		if (this.#cancelHandlers.length > 0) {
			try {
				for (const handler of this.#cancelHandlers) {
					handler();
				}
			} catch (error) {
				this.#reject(error);
				return;
			}
		}

		if (this.#rejectOnCancel) {
			this.#reject(new CancelError$1(reason));
		}
	}

	get isCanceled() {
		return this.#state === promiseState.canceled;
	}

	#setState(state) {
		if (this.#state === promiseState.pending) {
			this.#state = state;
		}
	}
}

Object.setPrototypeOf(PCancelable.prototype, Promise.prototype);

// A hacky check to prevent circular references.
function isRequest(x) {
    return is.object(x) && '_onResponse' in x;
}
/**
An error to be thrown when a request fails.
Contains a `code` property with error class code, like `ECONNREFUSED`.
*/
let RequestError$1 = class RequestError extends Error {
    name = 'RequestError';
    code = 'ERR_GOT_REQUEST_ERROR';
    input;
    stack;
    response;
    request;
    timings;
    constructor(message, error, self) {
        super(message, { cause: error });
        Error.captureStackTrace(this, this.constructor);
        if (error.code) {
            this.code = error.code;
        }
        this.input = error.input;
        if (isRequest(self)) {
            Object.defineProperty(this, 'request', {
                enumerable: false,
                value: self,
            });
            Object.defineProperty(this, 'response', {
                enumerable: false,
                value: self.response,
            });
            this.options = self.options;
        }
        else {
            this.options = self;
        }
        this.timings = this.request?.timings;
        // Recover the original stacktrace
        if (is.string(error.stack) && is.string(this.stack)) {
            const indexOfMessage = this.stack.indexOf(this.message) + this.message.length;
            const thisStackTrace = this.stack.slice(indexOfMessage).split('\n').reverse();
            const errorStackTrace = error.stack.slice(error.stack.indexOf(error.message) + error.message.length).split('\n').reverse();
            // Remove duplicated traces
            while (errorStackTrace.length > 0 && errorStackTrace[0] === thisStackTrace[0]) {
                thisStackTrace.shift();
            }
            this.stack = `${this.stack.slice(0, indexOfMessage)}${thisStackTrace.reverse().join('\n')}${errorStackTrace.reverse().join('\n')}`;
        }
    }
};
/**
An error to be thrown when the server redirects you more than ten times.
Includes a `response` property.
*/
class MaxRedirectsError extends RequestError$1 {
    name = 'MaxRedirectsError';
    code = 'ERR_TOO_MANY_REDIRECTS';
    constructor(request) {
        super(`Redirected ${request.options.maxRedirects} times. Aborting.`, {}, request);
    }
}
/**
An error to be thrown when the server response code is not 2xx nor 3xx if `options.followRedirect` is `true`, but always except for 304.
Includes a `response` property.
*/
// TODO: Change `HTTPError<T = any>` to `HTTPError<T = unknown>` in the next major version to enforce type usage.
// eslint-disable-next-line @typescript-eslint/naming-convention
class HTTPError extends RequestError$1 {
    name = 'HTTPError';
    code = 'ERR_NON_2XX_3XX_RESPONSE';
    constructor(response) {
        super(`Request failed with status code ${response.statusCode} (${response.statusMessage}): ${response.request.options.method} ${response.request.options.url.toString()}`, {}, response.request);
    }
}
/**
An error to be thrown when a cache method fails.
For example, if the database goes down or there's a filesystem error.
*/
let CacheError$1 = class CacheError extends RequestError$1 {
    name = 'CacheError';
    constructor(error, request) {
        super(error.message, error, request);
        if (this.code === 'ERR_GOT_REQUEST_ERROR') {
            this.code = 'ERR_CACHE_ACCESS';
        }
    }
};
/**
An error to be thrown when the request body is a stream and an error occurs while reading from that stream.
*/
class UploadError extends RequestError$1 {
    name = 'UploadError';
    constructor(error, request) {
        super(error.message, error, request);
        if (this.code === 'ERR_GOT_REQUEST_ERROR') {
            this.code = 'ERR_UPLOAD';
        }
    }
}
/**
An error to be thrown when the request is aborted due to a timeout.
Includes an `event` and `timings` property.
*/
let TimeoutError$1 = class TimeoutError extends RequestError$1 {
    name = 'TimeoutError';
    timings;
    event;
    constructor(error, timings, request) {
        super(error.message, error, request);
        this.event = error.event;
        this.timings = timings;
    }
};
/**
An error to be thrown when reading from response stream fails.
*/
class ReadError extends RequestError$1 {
    name = 'ReadError';
    constructor(error, request) {
        super(error.message, error, request);
        if (this.code === 'ERR_GOT_REQUEST_ERROR') {
            this.code = 'ERR_READING_RESPONSE_STREAM';
        }
    }
}
/**
An error which always triggers a new retry when thrown.
*/
class RetryError extends RequestError$1 {
    name = 'RetryError';
    code = 'ERR_RETRYING';
    constructor(request) {
        super('Retrying', {}, request);
    }
}
/**
An error to be thrown when the request is aborted by AbortController.
*/
class AbortError extends RequestError$1 {
    name = 'AbortError';
    code = 'ERR_ABORTED';
    constructor(request) {
        super('This operation was aborted.', {}, request);
    }
}

const textEncoder$1 = new TextEncoder();

function byteLength(data) {
	if (typeof data === 'string') {
		return textEncoder$1.encode(data).byteLength;
	}

	if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer || data instanceof SharedArrayBuffer) {
		return data.byteLength;
	}

	return 0;
}

function isStream(stream, {checkOpen = true} = {}) {
	return stream !== null
		&& typeof stream === 'object'
		&& (stream.writable || stream.readable || !checkOpen || (stream.writable === undefined && stream.readable === undefined))
		&& typeof stream.pipe === 'function';
}

function isReadableStream(stream, {checkOpen = true} = {}) {
	return isStream(stream, {checkOpen})
		&& (stream.readable || !checkOpen)
		&& typeof stream.read === 'function'
		&& typeof stream.readable === 'boolean'
		&& typeof stream.readableObjectMode === 'boolean'
		&& typeof stream.destroy === 'function'
		&& typeof stream.destroyed === 'boolean';
}

const a = Object.getPrototypeOf(
  Object.getPrototypeOf(
    /* istanbul ignore next */
    async function* () {
    }
  ).prototype
);
class c {
  #t;
  #n;
  #r = false;
  #e = void 0;
  constructor(e, t) {
    this.#t = e, this.#n = t;
  }
  next() {
    const e = () => this.#s();
    return this.#e = this.#e ? this.#e.then(e, e) : e(), this.#e;
  }
  return(e) {
    const t = () => this.#i(e);
    return this.#e ? this.#e.then(t, t) : t();
  }
  async #s() {
    if (this.#r)
      return {
        done: true,
        value: void 0
      };
    let e;
    try {
      e = await this.#t.read();
    } catch (t) {
      throw this.#e = void 0, this.#r = true, this.#t.releaseLock(), t;
    }
    return e.done && (this.#e = void 0, this.#r = true, this.#t.releaseLock()), e;
  }
  async #i(e) {
    if (this.#r)
      return {
        done: true,
        value: e
      };
    if (this.#r = true, !this.#n) {
      const t = this.#t.cancel(e);
      return this.#t.releaseLock(), await t, {
        done: true,
        value: e
      };
    }
    return this.#t.releaseLock(), {
      done: true,
      value: e
    };
  }
}
const n = Symbol();
function i() {
  return this[n].next();
}
Object.defineProperty(i, "name", { value: "next" });
function o(r) {
  return this[n].return(r);
}
Object.defineProperty(o, "name", { value: "return" });
const u = Object.create(a, {
  next: {
    enumerable: true,
    configurable: true,
    writable: true,
    value: i
  },
  return: {
    enumerable: true,
    configurable: true,
    writable: true,
    value: o
  }
});
function h({ preventCancel: r = false } = {}) {
  const e = this.getReader(), t = new c(
    e,
    r
  ), s = Object.create(u);
  return s[n] = t, s;
}

const getAsyncIterable = stream => {
	if (isReadableStream(stream, {checkOpen: false}) && nodeImports.on !== undefined) {
		return getStreamIterable(stream);
	}

	if (typeof stream?.[Symbol.asyncIterator] === 'function') {
		return stream;
	}

	// `ReadableStream[Symbol.asyncIterator]` support is missing in multiple browsers, so we ponyfill it
	if (toString.call(stream) === '[object ReadableStream]') {
		return h.call(stream);
	}

	throw new TypeError('The first argument must be a Readable, a ReadableStream, or an async iterable.');
};

const {toString} = Object.prototype;

// The default iterable for Node.js streams does not allow for multiple readers at once, so we re-implement it
const getStreamIterable = async function * (stream) {
	const controller = new AbortController();
	const state = {};
	handleStreamEnd(stream, controller, state);

	try {
		for await (const [chunk] of nodeImports.on(stream, 'data', {signal: controller.signal})) {
			yield chunk;
		}
	} catch (error) {
		// Stream failure, for example due to `stream.destroy(error)`
		if (state.error !== undefined) {
			throw state.error;
		// `error` event directly emitted on stream
		} else if (!controller.signal.aborted) {
			throw error;
		// Otherwise, stream completed successfully
		}
		// The `finally` block also runs when the caller throws, for example due to the `maxBuffer` option
	} finally {
		stream.destroy();
	}
};

const handleStreamEnd = async (stream, controller, state) => {
	try {
		await nodeImports.finished(stream, {
			cleanup: true,
			readable: true,
			writable: false,
			error: false,
		});
	} catch (error) {
		state.error = error;
	} finally {
		controller.abort();
	}
};

// Loaded by the Node entrypoint, but not by the browser one.
// This prevents using dynamic imports.
const nodeImports = {};

const getStreamContents = async (stream, {init, convertChunk, getSize, truncateChunk, addChunk, getFinalChunk, finalize}, {maxBuffer = Number.POSITIVE_INFINITY} = {}) => {
	const asyncIterable = getAsyncIterable(stream);

	const state = init();
	state.length = 0;

	try {
		for await (const chunk of asyncIterable) {
			const chunkType = getChunkType(chunk);
			const convertedChunk = convertChunk[chunkType](chunk, state);
			appendChunk({
				convertedChunk,
				state,
				getSize,
				truncateChunk,
				addChunk,
				maxBuffer,
			});
		}

		appendFinalChunk({
			state,
			convertChunk,
			getSize,
			truncateChunk,
			addChunk,
			getFinalChunk,
			maxBuffer,
		});
		return finalize(state);
	} catch (error) {
		const normalizedError = typeof error === 'object' && error !== null ? error : new Error(error);
		normalizedError.bufferedData = finalize(state);
		throw normalizedError;
	}
};

const appendFinalChunk = ({state, getSize, truncateChunk, addChunk, getFinalChunk, maxBuffer}) => {
	const convertedChunk = getFinalChunk(state);
	if (convertedChunk !== undefined) {
		appendChunk({
			convertedChunk,
			state,
			getSize,
			truncateChunk,
			addChunk,
			maxBuffer,
		});
	}
};

const appendChunk = ({convertedChunk, state, getSize, truncateChunk, addChunk, maxBuffer}) => {
	const chunkSize = getSize(convertedChunk);
	const newLength = state.length + chunkSize;

	if (newLength <= maxBuffer) {
		addNewChunk(convertedChunk, state, addChunk, newLength);
		return;
	}

	const truncatedChunk = truncateChunk(convertedChunk, maxBuffer - state.length);

	if (truncatedChunk !== undefined) {
		addNewChunk(truncatedChunk, state, addChunk, maxBuffer);
	}

	throw new MaxBufferError();
};

const addNewChunk = (convertedChunk, state, addChunk, newLength) => {
	state.contents = addChunk(convertedChunk, state, newLength);
	state.length = newLength;
};

const getChunkType = chunk => {
	const typeOfChunk = typeof chunk;

	if (typeOfChunk === 'string') {
		return 'string';
	}

	if (typeOfChunk !== 'object' || chunk === null) {
		return 'others';
	}

	if (globalThis.Buffer?.isBuffer(chunk)) {
		return 'buffer';
	}

	const prototypeName = objectToString.call(chunk);

	if (prototypeName === '[object ArrayBuffer]') {
		return 'arrayBuffer';
	}

	if (prototypeName === '[object DataView]') {
		return 'dataView';
	}

	if (
		Number.isInteger(chunk.byteLength)
		&& Number.isInteger(chunk.byteOffset)
		&& objectToString.call(chunk.buffer) === '[object ArrayBuffer]'
	) {
		return 'typedArray';
	}

	return 'others';
};

const {toString: objectToString} = Object.prototype;

class MaxBufferError extends Error {
	name = 'MaxBufferError';

	constructor() {
		super('maxBuffer exceeded');
	}
}

const noop$2 = () => undefined;

const throwObjectStream = chunk => {
	throw new Error(`Streams in object mode are not supported: ${String(chunk)}`);
};

const getLengthProperty = convertedChunk => convertedChunk.length;

async function getStreamAsArrayBuffer(stream, options) {
	return getStreamContents(stream, arrayBufferMethods, options);
}

const initArrayBuffer = () => ({contents: new ArrayBuffer(0)});

const useTextEncoder = chunk => textEncoder.encode(chunk);
const textEncoder = new TextEncoder();

const useUint8Array = chunk => new Uint8Array(chunk);

const useUint8ArrayWithOffset = chunk => new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);

const truncateArrayBufferChunk = (convertedChunk, chunkSize) => convertedChunk.slice(0, chunkSize);

// `contents` is an increasingly growing `Uint8Array`.
const addArrayBufferChunk = (convertedChunk, {contents, length: previousLength}, length) => {
	const newContents = hasArrayBufferResize() ? resizeArrayBuffer(contents, length) : resizeArrayBufferSlow(contents, length);
	new Uint8Array(newContents).set(convertedChunk, previousLength);
	return newContents;
};

// Without `ArrayBuffer.resize()`, `contents` size is always a power of 2.
// This means its last bytes are zeroes (not stream data), which need to be
// trimmed at the end with `ArrayBuffer.slice()`.
const resizeArrayBufferSlow = (contents, length) => {
	if (length <= contents.byteLength) {
		return contents;
	}

	const arrayBuffer = new ArrayBuffer(getNewContentsLength(length));
	new Uint8Array(arrayBuffer).set(new Uint8Array(contents), 0);
	return arrayBuffer;
};

// With `ArrayBuffer.resize()`, `contents` size matches exactly the size of
// the stream data. It does not include extraneous zeroes to trim at the end.
// The underlying `ArrayBuffer` does allocate a number of bytes that is a power
// of 2, but those bytes are only visible after calling `ArrayBuffer.resize()`.
const resizeArrayBuffer = (contents, length) => {
	if (length <= contents.maxByteLength) {
		contents.resize(length);
		return contents;
	}

	const arrayBuffer = new ArrayBuffer(length, {maxByteLength: getNewContentsLength(length)});
	new Uint8Array(arrayBuffer).set(new Uint8Array(contents), 0);
	return arrayBuffer;
};

// Retrieve the closest `length` that is both >= and a power of 2
const getNewContentsLength = length => SCALE_FACTOR ** Math.ceil(Math.log(length) / Math.log(SCALE_FACTOR));

const SCALE_FACTOR = 2;

const finalizeArrayBuffer = ({contents, length}) => hasArrayBufferResize() ? contents : contents.slice(0, length);

// `ArrayBuffer.slice()` is slow. When `ArrayBuffer.resize()` is available
// (Node >=20.0.0, Safari >=16.4 and Chrome), we can use it instead.
// eslint-disable-next-line no-warning-comments
// TODO: remove after dropping support for Node 20.
// eslint-disable-next-line no-warning-comments
// TODO: use `ArrayBuffer.transferToFixedLength()` instead once it is available
const hasArrayBufferResize = () => 'resize' in ArrayBuffer.prototype;

const arrayBufferMethods = {
	init: initArrayBuffer,
	convertChunk: {
		string: useTextEncoder,
		buffer: useUint8Array,
		arrayBuffer: useUint8Array,
		dataView: useUint8ArrayWithOffset,
		typedArray: useUint8ArrayWithOffset,
		others: throwObjectStream,
	},
	getSize: getLengthProperty,
	truncateChunk: truncateArrayBufferChunk,
	addChunk: addArrayBufferChunk,
	getFinalChunk: noop$2,
	finalize: finalizeArrayBuffer,
};

async function getStreamAsBuffer(stream, options) {
	if (!('Buffer' in globalThis)) {
		throw new Error('getStreamAsBuffer() is only supported in Node.js');
	}

	try {
		return arrayBufferToNodeBuffer(await getStreamAsArrayBuffer(stream, options));
	} catch (error) {
		if (error.bufferedData !== undefined) {
			error.bufferedData = arrayBufferToNodeBuffer(error.bufferedData);
		}

		throw error;
	}
}

const arrayBufferToNodeBuffer = arrayBuffer => globalThis.Buffer.from(arrayBuffer);

var httpCacheSemantics;
var hasRequiredHttpCacheSemantics;

function requireHttpCacheSemantics () {
	if (hasRequiredHttpCacheSemantics) return httpCacheSemantics;
	hasRequiredHttpCacheSemantics = 1;

	/**
	 * @typedef {Object} HttpRequest
	 * @property {Record<string, string>} headers - Request headers
	 * @property {string} [method] - HTTP method
	 * @property {string} [url] - Request URL
	 */

	/**
	 * @typedef {Object} HttpResponse
	 * @property {Record<string, string>} headers - Response headers
	 * @property {number} [status] - HTTP status code
	 */

	/**
	 * Set of default cacheable status codes per RFC 7231 section 6.1.
	 * @type {Set<number>}
	 */
	const statusCodeCacheableByDefault = new Set([
	    200,
	    203,
	    204,
	    206,
	    300,
	    301,
	    308,
	    404,
	    405,
	    410,
	    414,
	    501,
	]);

	/**
	 * Set of HTTP status codes that the cache implementation understands.
	 * Note: This implementation does not understand partial responses (206).
	 * @type {Set<number>}
	 */
	const understoodStatuses = new Set([
	    200,
	    203,
	    204,
	    300,
	    301,
	    302,
	    303,
	    307,
	    308,
	    404,
	    405,
	    410,
	    414,
	    501,
	]);

	/**
	 * Set of HTTP error status codes.
	 * @type {Set<number>}
	 */
	const errorStatusCodes = new Set([
	    500,
	    502,
	    503,
	    504,
	]);

	/**
	 * Object representing hop-by-hop headers that should be removed.
	 * @type {Record<string, boolean>}
	 */
	const hopByHopHeaders = {
	    date: true, // included, because we add Age update Date
	    connection: true,
	    'keep-alive': true,
	    'proxy-authenticate': true,
	    'proxy-authorization': true,
	    te: true,
	    trailer: true,
	    'transfer-encoding': true,
	    upgrade: true,
	};

	/**
	 * Headers that are excluded from revalidation update.
	 * @type {Record<string, boolean>}
	 */
	const excludedFromRevalidationUpdate = {
	    // Since the old body is reused, it doesn't make sense to change properties of the body
	    'content-length': true,
	    'content-encoding': true,
	    'transfer-encoding': true,
	    'content-range': true,
	};

	/**
	 * Converts a string to a number or returns zero if the conversion fails.
	 * @param {string} s - The string to convert.
	 * @returns {number} The parsed number or 0.
	 */
	function toNumberOrZero(s) {
	    const n = parseInt(s, 10);
	    return isFinite(n) ? n : 0;
	}

	/**
	 * Determines if the given response is an error response.
	 * Implements RFC 5861 behavior.
	 * @param {HttpResponse|undefined} response - The HTTP response object.
	 * @returns {boolean} true if the response is an error or undefined, false otherwise.
	 */
	function isErrorResponse(response) {
	    // consider undefined response as faulty
	    if (!response) {
	        return true;
	    }
	    return errorStatusCodes.has(response.status);
	}

	/**
	 * Parses a Cache-Control header string into an object.
	 * @param {string} [header] - The Cache-Control header value.
	 * @returns {Record<string, string|boolean>} An object representing Cache-Control directives.
	 */
	function parseCacheControl(header) {
	    /** @type {Record<string, string|boolean>} */
	    const cc = {};
	    if (!header) return cc;

	    // TODO: When there is more than one value present for a given directive (e.g., two Expires header fields, multiple Cache-Control: max-age directives),
	    // the directive's value is considered invalid. Caches are encouraged to consider responses that have invalid freshness information to be stale
	    const parts = header.trim().split(/,/);
	    for (const part of parts) {
	        const [k, v] = part.split(/=/, 2);
	        cc[k.trim()] = v === undefined ? true : v.trim().replace(/^"|"$/g, '');
	    }

	    return cc;
	}

	/**
	 * Formats a Cache-Control directives object into a header string.
	 * @param {Record<string, string|boolean>} cc - The Cache-Control directives.
	 * @returns {string|undefined} A formatted Cache-Control header string or undefined if empty.
	 */
	function formatCacheControl(cc) {
	    let parts = [];
	    for (const k in cc) {
	        const v = cc[k];
	        parts.push(v === true ? k : k + '=' + v);
	    }
	    if (!parts.length) {
	        return undefined;
	    }
	    return parts.join(', ');
	}

	httpCacheSemantics = class CachePolicy {
	    /**
	     * Creates a new CachePolicy instance.
	     * @param {HttpRequest} req - Incoming client request.
	     * @param {HttpResponse} res - Received server response.
	     * @param {Object} [options={}] - Configuration options.
	     * @param {boolean} [options.shared=true] - Is the cache shared (a public proxy)? `false` for personal browser caches.
	     * @param {number} [options.cacheHeuristic=0.1] - Fallback heuristic (age fraction) for cache duration.
	     * @param {number} [options.immutableMinTimeToLive=86400000] - Minimum TTL for immutable responses in milliseconds.
	     * @param {boolean} [options.ignoreCargoCult=false] - Detect nonsense cache headers, and override them.
	     * @param {any} [options._fromObject] - Internal parameter for deserialization. Do not use.
	     */
	    constructor(
	        req,
	        res,
	        {
	            shared,
	            cacheHeuristic,
	            immutableMinTimeToLive,
	            ignoreCargoCult,
	            _fromObject,
	        } = {}
	    ) {
	        if (_fromObject) {
	            this._fromObject(_fromObject);
	            return;
	        }

	        if (!res || !res.headers) {
	            throw Error('Response headers missing');
	        }
	        this._assertRequestHasHeaders(req);

	        /** @type {number} Timestamp when the response was received */
	        this._responseTime = this.now();
	        /** @type {boolean} Indicates if the cache is shared */
	        this._isShared = shared !== false;
	        /** @type {boolean} Indicates if legacy cargo cult directives should be ignored */
	        this._ignoreCargoCult = !!ignoreCargoCult;
	        /** @type {number} Heuristic cache fraction */
	        this._cacheHeuristic =
	            undefined !== cacheHeuristic ? cacheHeuristic : 0.1; // 10% matches IE
	        /** @type {number} Minimum TTL for immutable responses in ms */
	        this._immutableMinTtl =
	            undefined !== immutableMinTimeToLive
	                ? immutableMinTimeToLive
	                : 24 * 3600 * 1000;

	        /** @type {number} HTTP status code */
	        this._status = 'status' in res ? res.status : 200;
	        /** @type {Record<string, string>} Response headers */
	        this._resHeaders = res.headers;
	        /** @type {Record<string, string|boolean>} Parsed Cache-Control directives from response */
	        this._rescc = parseCacheControl(res.headers['cache-control']);
	        /** @type {string} HTTP method (e.g., GET, POST) */
	        this._method = 'method' in req ? req.method : 'GET';
	        /** @type {string} Request URL */
	        this._url = req.url;
	        /** @type {string} Host header from the request */
	        this._host = req.headers.host;
	        /** @type {boolean} Whether the request does not include an Authorization header */
	        this._noAuthorization = !req.headers.authorization;
	        /** @type {Record<string, string>|null} Request headers used for Vary matching */
	        this._reqHeaders = res.headers.vary ? req.headers : null; // Don't keep all request headers if they won't be used
	        /** @type {Record<string, string|boolean>} Parsed Cache-Control directives from request */
	        this._reqcc = parseCacheControl(req.headers['cache-control']);

	        // Assume that if someone uses legacy, non-standard uncecessary options they don't understand caching,
	        // so there's no point stricly adhering to the blindly copy&pasted directives.
	        if (
	            this._ignoreCargoCult &&
	            'pre-check' in this._rescc &&
	            'post-check' in this._rescc
	        ) {
	            delete this._rescc['pre-check'];
	            delete this._rescc['post-check'];
	            delete this._rescc['no-cache'];
	            delete this._rescc['no-store'];
	            delete this._rescc['must-revalidate'];
	            this._resHeaders = Object.assign({}, this._resHeaders, {
	                'cache-control': formatCacheControl(this._rescc),
	            });
	            delete this._resHeaders.expires;
	            delete this._resHeaders.pragma;
	        }

	        // When the Cache-Control header field is not present in a request, caches MUST consider the no-cache request pragma-directive
	        // as having the same effect as if "Cache-Control: no-cache" were present (see Section 5.2.1).
	        if (
	            res.headers['cache-control'] == null &&
	            /no-cache/.test(res.headers.pragma)
	        ) {
	            this._rescc['no-cache'] = true;
	        }
	    }

	    /**
	     * You can monkey-patch it for testing.
	     * @returns {number} Current time in milliseconds.
	     */
	    now() {
	        return Date.now();
	    }

	    /**
	     * Determines if the response is storable in a cache.
	     * @returns {boolean} `false` if can never be cached.
	     */
	    storable() {
	        // The "no-store" request directive indicates that a cache MUST NOT store any part of either this request or any response to it.
	        return !!(
	            !this._reqcc['no-store'] &&
	            // A cache MUST NOT store a response to any request, unless:
	            // The request method is understood by the cache and defined as being cacheable, and
	            ('GET' === this._method ||
	                'HEAD' === this._method ||
	                ('POST' === this._method && this._hasExplicitExpiration())) &&
	            // the response status code is understood by the cache, and
	            understoodStatuses.has(this._status) &&
	            // the "no-store" cache directive does not appear in request or response header fields, and
	            !this._rescc['no-store'] &&
	            // the "private" response directive does not appear in the response, if the cache is shared, and
	            (!this._isShared || !this._rescc.private) &&
	            // the Authorization header field does not appear in the request, if the cache is shared,
	            (!this._isShared ||
	                this._noAuthorization ||
	                this._allowsStoringAuthenticated()) &&
	            // the response either:
	            // contains an Expires header field, or
	            (this._resHeaders.expires ||
	                // contains a max-age response directive, or
	                // contains a s-maxage response directive and the cache is shared, or
	                // contains a public response directive.
	                this._rescc['max-age'] ||
	                (this._isShared && this._rescc['s-maxage']) ||
	                this._rescc.public ||
	                // has a status code that is defined as cacheable by default
	                statusCodeCacheableByDefault.has(this._status))
	        );
	    }

	    /**
	     * @returns {boolean} true if expiration is explicitly defined.
	     */
	    _hasExplicitExpiration() {
	        // 4.2.1 Calculating Freshness Lifetime
	        return !!(
	            (this._isShared && this._rescc['s-maxage']) ||
	            this._rescc['max-age'] ||
	            this._resHeaders.expires
	        );
	    }

	    /**
	     * @param {HttpRequest} req - a request
	     * @throws {Error} if the headers are missing.
	     */
	    _assertRequestHasHeaders(req) {
	        if (!req || !req.headers) {
	            throw Error('Request headers missing');
	        }
	    }

	    /**
	     * Checks if the request matches the cache and can be satisfied from the cache immediately,
	     * without having to make a request to the server.
	     *
	     * This doesn't support `stale-while-revalidate`. See `evaluateRequest()` for a more complete solution.
	     *
	     * @param {HttpRequest} req - The new incoming HTTP request.
	     * @returns {boolean} `true`` if the cached response used to construct this cache policy satisfies the request without revalidation.
	     */
	    satisfiesWithoutRevalidation(req) {
	        const result = this.evaluateRequest(req);
	        return !result.revalidation;
	    }

	    /**
	     * @param {{headers: Record<string, string>, synchronous: boolean}|undefined} revalidation - Revalidation information, if any.
	     * @returns {{response: HttpResponse, revalidation: {headers: Record<string, string>, synchronous: boolean}|undefined}} An object with a cached response headers and revalidation info.
	     */
	    _evaluateRequestHitResult(revalidation) {
	        return {
	            response: {
	                headers: this.responseHeaders(),
	                status: this._status,
	            },
	            revalidation,
	        };
	    }

	    /**
	     * @param {HttpRequest} request - new incoming
	     * @param {boolean} synchronous - whether revalidation must be synchronous (not s-w-r).
	     * @returns {{headers: Record<string, string>, synchronous: boolean}} An object with revalidation headers and a synchronous flag.
	     */
	    _evaluateRequestRevalidation(request, synchronous) {
	        return {
	            synchronous,
	            headers: this.revalidationHeaders(request),
	        };
	    }

	    /**
	     * @param {HttpRequest} request - new incoming
	     * @returns {{response: undefined, revalidation: {headers: Record<string, string>, synchronous: boolean}}} An object indicating no cached response and revalidation details.
	     */
	    _evaluateRequestMissResult(request) {
	        return {
	            response: undefined,
	            revalidation: this._evaluateRequestRevalidation(request, true),
	        };
	    }

	    /**
	     * Checks if the given request matches this cache entry, and how the cache can be used to satisfy it. Returns an object with:
	     *
	     * ```
	     * {
	     *     // If defined, you must send a request to the server.
	     *     revalidation: {
	     *         headers: {}, // HTTP headers to use when sending the revalidation response
	     *         // If true, you MUST wait for a response from the server before using the cache
	     *         // If false, this is stale-while-revalidate. The cache is stale, but you can use it while you update it asynchronously.
	     *         synchronous: bool,
	     *     },
	     *     // If defined, you can use this cached response.
	     *     response: {
	     *         headers: {}, // Updated cached HTTP headers you must use when responding to the client
	     *     },
	     * }
	     * ```
	     * @param {HttpRequest} req - new incoming HTTP request
	     * @returns {{response: HttpResponse|undefined, revalidation: {headers: Record<string, string>, synchronous: boolean}|undefined}} An object containing keys:
	     *   - revalidation: { headers: Record<string, string>, synchronous: boolean } Set if you should send this to the origin server
	     *   - response: HttpResponse Set if you can respond to the client with these cached headers
	     */
	    evaluateRequest(req) {
	        this._assertRequestHasHeaders(req);

	        // In all circumstances, a cache MUST NOT ignore the must-revalidate directive
	        if (this._rescc['must-revalidate']) {
	            return this._evaluateRequestMissResult(req);
	        }

	        if (!this._requestMatches(req, false)) {
	            return this._evaluateRequestMissResult(req);
	        }

	        // When presented with a request, a cache MUST NOT reuse a stored response, unless:
	        // the presented request does not contain the no-cache pragma (Section 5.4), nor the no-cache cache directive,
	        // unless the stored response is successfully validated (Section 4.3), and
	        const requestCC = parseCacheControl(req.headers['cache-control']);

	        if (requestCC['no-cache'] || /no-cache/.test(req.headers.pragma)) {
	            return this._evaluateRequestMissResult(req);
	        }

	        if (requestCC['max-age'] && this.age() > toNumberOrZero(requestCC['max-age'])) {
	            return this._evaluateRequestMissResult(req);
	        }

	        if (requestCC['min-fresh'] && this.maxAge() - this.age() < toNumberOrZero(requestCC['min-fresh'])) {
	            return this._evaluateRequestMissResult(req);
	        }

	        // the stored response is either:
	        // fresh, or allowed to be served stale
	        if (this.stale()) {
	            // If a value is present, then the client is willing to accept a response that has
	            // exceeded its freshness lifetime by no more than the specified number of seconds
	            const allowsStaleWithoutRevalidation = 'max-stale' in requestCC &&
	                (true === requestCC['max-stale'] || requestCC['max-stale'] > this.age() - this.maxAge());

	            if (allowsStaleWithoutRevalidation) {
	                return this._evaluateRequestHitResult(undefined);
	            }

	            if (this.useStaleWhileRevalidate()) {
	                return this._evaluateRequestHitResult(this._evaluateRequestRevalidation(req, false));
	            }

	            return this._evaluateRequestMissResult(req);
	        }

	        return this._evaluateRequestHitResult(undefined);
	    }

	    /**
	     * @param {HttpRequest} req - check if this is for the same cache entry
	     * @param {boolean} allowHeadMethod - allow a HEAD method to match.
	     * @returns {boolean} `true` if the request matches.
	     */
	    _requestMatches(req, allowHeadMethod) {
	        // The presented effective request URI and that of the stored response match, and
	        return !!(
	            (!this._url || this._url === req.url) &&
	            this._host === req.headers.host &&
	            // the request method associated with the stored response allows it to be used for the presented request, and
	            (!req.method ||
	                this._method === req.method ||
	                (allowHeadMethod && 'HEAD' === req.method)) &&
	            // selecting header fields nominated by the stored response (if any) match those presented, and
	            this._varyMatches(req)
	        );
	    }

	    /**
	     * Determines whether storing authenticated responses is allowed.
	     * @returns {boolean} `true` if allowed.
	     */
	    _allowsStoringAuthenticated() {
	        // following Cache-Control response directives (Section 5.2.2) have such an effect: must-revalidate, public, and s-maxage.
	        return !!(
	            this._rescc['must-revalidate'] ||
	            this._rescc.public ||
	            this._rescc['s-maxage']
	        );
	    }

	    /**
	     * Checks whether the Vary header in the response matches the new request.
	     * @param {HttpRequest} req - incoming HTTP request
	     * @returns {boolean} `true` if the vary headers match.
	     */
	    _varyMatches(req) {
	        if (!this._resHeaders.vary) {
	            return true;
	        }

	        const fields = this._resHeaders.vary
	            .trim()
	            .toLowerCase()
	            .split(/\s*,\s*/);

	        for (const name of fields) {
	            // A Vary header field-value of "*" always fails to match
	            if (name === '*') {
	                return false;
	            }

	            const newReq = Object.prototype.hasOwnProperty.call(
	                req.headers,
	                name
	            ) && req.headers[name];

	            const cachedReq = Object.prototype.hasOwnProperty.call(
	                this._reqHeaders,
	                name
	            ) && this._reqHeaders[name];

	            if (newReq !== cachedReq) {
	                return false;
	            }
	        }

	        return true;
	    }

	    /**
	     * Creates a copy of the given headers without any hop-by-hop headers.
	     * @param {Record<string, string>} inHeaders - old headers from the cached response
	     * @returns {Record<string, string>} A new headers object without hop-by-hop headers.
	     */
	    _copyWithoutHopByHopHeaders(inHeaders) {
	        /** @type {Record<string, string>} */
	        const headers = {};
	        for (const name in inHeaders) {
	            if (hopByHopHeaders[name]) continue;
	            headers[name] = inHeaders[name];
	        }
	        // 9.1.  Connection
	        if (inHeaders.connection) {
	            const tokens = inHeaders.connection.trim().split(/\s*,\s*/);
	            for (const name of tokens) {
	                delete headers[name];
	            }
	        }
	        if (headers.warning) {
	            const warnings = headers.warning.split(/,/).filter(warning => {
	                return !/^\s*1[0-9][0-9]/.test(warning);
	            });
	            if (!warnings.length) {
	                delete headers.warning;
	            } else {
	                headers.warning = warnings.join(',').trim();
	            }
	        }
	        return headers;
	    }

	    /**
	     * Returns the response headers adjusted for serving the cached response.
	     * Removes hop-by-hop headers and updates the Age and Date headers.
	     * @returns {Record<string, string>} The adjusted response headers.
	     */
	    responseHeaders() {
	        const headers = this._copyWithoutHopByHopHeaders(this._resHeaders);
	        const age = this.age();

	        // A cache SHOULD generate 113 warning if it heuristically chose a freshness
	        // lifetime greater than 24 hours and the response's age is greater than 24 hours.
	        if (
	            age > 3600 * 24 &&
	            !this._hasExplicitExpiration() &&
	            this.maxAge() > 3600 * 24
	        ) {
	            headers.warning =
	                (headers.warning ? `${headers.warning}, ` : '') +
	                '113 - "rfc7234 5.5.4"';
	        }
	        headers.age = `${Math.round(age)}`;
	        headers.date = new Date(this.now()).toUTCString();
	        return headers;
	    }

	    /**
	     * Returns the status code of the cached response.
	     * @returns {number} The response status code.
	     */
	    status() {
	      return this._status;
	    }

	    /**
	     * Returns the Date header value from the response or the current time if invalid.
	     * @returns {number} Timestamp (in milliseconds) representing the Date header or response time.
	     */
	    date() {
	        const serverDate = Date.parse(this._resHeaders.date);
	        if (isFinite(serverDate)) {
	            return serverDate;
	        }
	        return this._responseTime;
	    }

	    /**
	     * Value of the Age header, in seconds, updated for the current time.
	     * May be fractional.
	     * @returns {number} The age in seconds.
	     */
	    age() {
	        let age = this._ageValue();

	        const residentTime = (this.now() - this._responseTime) / 1000;
	        return age + residentTime;
	    }

	    /**
	     * @returns {number} The Age header value as a number.
	     */
	    _ageValue() {
	        return toNumberOrZero(this._resHeaders.age);
	    }

	    /**
	     * Possibly outdated value of applicable max-age (or heuristic equivalent) in seconds.
	     * This counts since response's `Date`.
	     *
	     * For an up-to-date value, see `timeToLive()`.
	     *
	     * Returns the maximum age (freshness lifetime) of the response in seconds.
	     * @returns {number} The max-age value in seconds.
	     */
	    maxAge() {
	        if (!this.storable() || this._rescc['no-cache']) {
	            return 0;
	        }

	        // Shared responses with cookies are cacheable according to the RFC, but IMHO it'd be unwise to do so by default
	        // so this implementation requires explicit opt-in via public header
	        if (
	            this._isShared &&
	            (this._resHeaders['set-cookie'] &&
	                !this._rescc.public &&
	                !this._rescc.immutable)
	        ) {
	            return 0;
	        }

	        if (this._resHeaders.vary === '*') {
	            return 0;
	        }

	        if (this._isShared) {
	            if (this._rescc['proxy-revalidate']) {
	                return 0;
	            }
	            // if a response includes the s-maxage directive, a shared cache recipient MUST ignore the Expires field.
	            if (this._rescc['s-maxage']) {
	                return toNumberOrZero(this._rescc['s-maxage']);
	            }
	        }

	        // If a response includes a Cache-Control field with the max-age directive, a recipient MUST ignore the Expires field.
	        if (this._rescc['max-age']) {
	            return toNumberOrZero(this._rescc['max-age']);
	        }

	        const defaultMinTtl = this._rescc.immutable ? this._immutableMinTtl : 0;

	        const serverDate = this.date();
	        if (this._resHeaders.expires) {
	            const expires = Date.parse(this._resHeaders.expires);
	            // A cache recipient MUST interpret invalid date formats, especially the value "0", as representing a time in the past (i.e., "already expired").
	            if (Number.isNaN(expires) || expires < serverDate) {
	                return 0;
	            }
	            return Math.max(defaultMinTtl, (expires - serverDate) / 1000);
	        }

	        if (this._resHeaders['last-modified']) {
	            const lastModified = Date.parse(this._resHeaders['last-modified']);
	            if (isFinite(lastModified) && serverDate > lastModified) {
	                return Math.max(
	                    defaultMinTtl,
	                    ((serverDate - lastModified) / 1000) * this._cacheHeuristic
	                );
	            }
	        }

	        return defaultMinTtl;
	    }

	    /**
	     * Remaining time this cache entry may be useful for, in *milliseconds*.
	     * You can use this as an expiration time for your cache storage.
	     *
	     * Prefer this method over `maxAge()`, because it includes other factors like `age` and `stale-while-revalidate`.
	     * @returns {number} Time-to-live in milliseconds.
	     */
	    timeToLive() {
	        const age = this.maxAge() - this.age();
	        const staleIfErrorAge = age + toNumberOrZero(this._rescc['stale-if-error']);
	        const staleWhileRevalidateAge = age + toNumberOrZero(this._rescc['stale-while-revalidate']);
	        return Math.round(Math.max(0, age, staleIfErrorAge, staleWhileRevalidateAge) * 1000);
	    }

	    /**
	     * If true, this cache entry is past its expiration date.
	     * Note that stale cache may be useful sometimes, see `evaluateRequest()`.
	     * @returns {boolean} `false` doesn't mean it's fresh nor usable
	     */
	    stale() {
	        return this.maxAge() <= this.age();
	    }

	    /**
	     * @returns {boolean} `true` if `stale-if-error` condition allows use of a stale response.
	     */
	    _useStaleIfError() {
	        return this.maxAge() + toNumberOrZero(this._rescc['stale-if-error']) > this.age();
	    }

	    /** See `evaluateRequest()` for a more complete solution
	     * @returns {boolean} `true` if `stale-while-revalidate` is currently allowed.
	     */
	    useStaleWhileRevalidate() {
	        const swr = toNumberOrZero(this._rescc['stale-while-revalidate']);
	        return swr > 0 && this.maxAge() + swr > this.age();
	    }

	    /**
	     * Creates a `CachePolicy` instance from a serialized object.
	     * @param {Object} obj - The serialized object.
	     * @returns {CachePolicy} A new CachePolicy instance.
	     */
	    static fromObject(obj) {
	        return new this(undefined, undefined, { _fromObject: obj });
	    }

	    /**
	     * @param {any} obj - The serialized object.
	     * @throws {Error} If already initialized or if the object is invalid.
	     */
	    _fromObject(obj) {
	        if (this._responseTime) throw Error('Reinitialized');
	        if (!obj || obj.v !== 1) throw Error('Invalid serialization');

	        this._responseTime = obj.t;
	        this._isShared = obj.sh;
	        this._cacheHeuristic = obj.ch;
	        this._immutableMinTtl =
	            obj.imm !== undefined ? obj.imm : 24 * 3600 * 1000;
	        this._ignoreCargoCult = !!obj.icc;
	        this._status = obj.st;
	        this._resHeaders = obj.resh;
	        this._rescc = obj.rescc;
	        this._method = obj.m;
	        this._url = obj.u;
	        this._host = obj.h;
	        this._noAuthorization = obj.a;
	        this._reqHeaders = obj.reqh;
	        this._reqcc = obj.reqcc;
	    }

	    /**
	     * Serializes the `CachePolicy` instance into a JSON-serializable object.
	     * @returns {Object} The serialized object.
	     */
	    toObject() {
	        return {
	            v: 1,
	            t: this._responseTime,
	            sh: this._isShared,
	            ch: this._cacheHeuristic,
	            imm: this._immutableMinTtl,
	            icc: this._ignoreCargoCult,
	            st: this._status,
	            resh: this._resHeaders,
	            rescc: this._rescc,
	            m: this._method,
	            u: this._url,
	            h: this._host,
	            a: this._noAuthorization,
	            reqh: this._reqHeaders,
	            reqcc: this._reqcc,
	        };
	    }

	    /**
	     * Headers for sending to the origin server to revalidate stale response.
	     * Allows server to return 304 to allow reuse of the previous response.
	     *
	     * Hop by hop headers are always stripped.
	     * Revalidation headers may be added or removed, depending on request.
	     * @param {HttpRequest} incomingReq - The incoming HTTP request.
	     * @returns {Record<string, string>} The headers for the revalidation request.
	     */
	    revalidationHeaders(incomingReq) {
	        this._assertRequestHasHeaders(incomingReq);
	        const headers = this._copyWithoutHopByHopHeaders(incomingReq.headers);

	        // This implementation does not understand range requests
	        delete headers['if-range'];

	        if (!this._requestMatches(incomingReq, true) || !this.storable()) {
	            // revalidation allowed via HEAD
	            // not for the same resource, or wasn't allowed to be cached anyway
	            delete headers['if-none-match'];
	            delete headers['if-modified-since'];
	            return headers;
	        }

	        /* MUST send that entity-tag in any cache validation request (using If-Match or If-None-Match) if an entity-tag has been provided by the origin server. */
	        if (this._resHeaders.etag) {
	            headers['if-none-match'] = headers['if-none-match']
	                ? `${headers['if-none-match']}, ${this._resHeaders.etag}`
	                : this._resHeaders.etag;
	        }

	        // Clients MAY issue simple (non-subrange) GET requests with either weak validators or strong validators. Clients MUST NOT use weak validators in other forms of request.
	        const forbidsWeakValidators =
	            headers['accept-ranges'] ||
	            headers['if-match'] ||
	            headers['if-unmodified-since'] ||
	            (this._method && this._method != 'GET');

	        /* SHOULD send the Last-Modified value in non-subrange cache validation requests (using If-Modified-Since) if only a Last-Modified value has been provided by the origin server.
	        Note: This implementation does not understand partial responses (206) */
	        if (forbidsWeakValidators) {
	            delete headers['if-modified-since'];

	            if (headers['if-none-match']) {
	                const etags = headers['if-none-match']
	                    .split(/,/)
	                    .filter(etag => {
	                        return !/^\s*W\//.test(etag);
	                    });
	                if (!etags.length) {
	                    delete headers['if-none-match'];
	                } else {
	                    headers['if-none-match'] = etags.join(',').trim();
	                }
	            }
	        } else if (
	            this._resHeaders['last-modified'] &&
	            !headers['if-modified-since']
	        ) {
	            headers['if-modified-since'] = this._resHeaders['last-modified'];
	        }

	        return headers;
	    }

	    /**
	     * Creates new CachePolicy with information combined from the previews response,
	     * and the new revalidation response.
	     *
	     * Returns {policy, modified} where modified is a boolean indicating
	     * whether the response body has been modified, and old cached body can't be used.
	     *
	     * @param {HttpRequest} request - The latest HTTP request asking for the cached entry.
	     * @param {HttpResponse} response - The latest revalidation HTTP response from the origin server.
	     * @returns {{policy: CachePolicy, modified: boolean, matches: boolean}} The updated policy and modification status.
	     * @throws {Error} If the response headers are missing.
	     */
	    revalidatedPolicy(request, response) {
	        this._assertRequestHasHeaders(request);

	        if (this._useStaleIfError() && isErrorResponse(response)) {
	          return {
	              policy: this,
	              modified: false,
	              matches: true,
	          };
	        }

	        if (!response || !response.headers) {
	            throw Error('Response headers missing');
	        }

	        // These aren't going to be supported exactly, since one CachePolicy object
	        // doesn't know about all the other cached objects.
	        let matches = false;
	        if (response.status !== undefined && response.status != 304) {
	            matches = false;
	        } else if (
	            response.headers.etag &&
	            !/^\s*W\//.test(response.headers.etag)
	        ) {
	            // "All of the stored responses with the same strong validator are selected.
	            // If none of the stored responses contain the same strong validator,
	            // then the cache MUST NOT use the new response to update any stored responses."
	            matches =
	                this._resHeaders.etag &&
	                this._resHeaders.etag.replace(/^\s*W\//, '') ===
	                    response.headers.etag;
	        } else if (this._resHeaders.etag && response.headers.etag) {
	            // "If the new response contains a weak validator and that validator corresponds
	            // to one of the cache's stored responses,
	            // then the most recent of those matching stored responses is selected for update."
	            matches =
	                this._resHeaders.etag.replace(/^\s*W\//, '') ===
	                response.headers.etag.replace(/^\s*W\//, '');
	        } else if (this._resHeaders['last-modified']) {
	            matches =
	                this._resHeaders['last-modified'] ===
	                response.headers['last-modified'];
	        } else {
	            // If the new response does not include any form of validator (such as in the case where
	            // a client generates an If-Modified-Since request from a source other than the Last-Modified
	            // response header field), and there is only one stored response, and that stored response also
	            // lacks a validator, then that stored response is selected for update.
	            if (
	                !this._resHeaders.etag &&
	                !this._resHeaders['last-modified'] &&
	                !response.headers.etag &&
	                !response.headers['last-modified']
	            ) {
	                matches = true;
	            }
	        }

	        const optionsCopy = {
	            shared: this._isShared,
	            cacheHeuristic: this._cacheHeuristic,
	            immutableMinTimeToLive: this._immutableMinTtl,
	            ignoreCargoCult: this._ignoreCargoCult,
	        };

	        if (!matches) {
	            return {
	                policy: new this.constructor(request, response, optionsCopy),
	                // Client receiving 304 without body, even if it's invalid/mismatched has no option
	                // but to reuse a cached body. We don't have a good way to tell clients to do
	                // error recovery in such case.
	                modified: response.status != 304,
	                matches: false,
	            };
	        }

	        // use other header fields provided in the 304 (Not Modified) response to replace all instances
	        // of the corresponding header fields in the stored response.
	        const headers = {};
	        for (const k in this._resHeaders) {
	            headers[k] =
	                k in response.headers && !excludedFromRevalidationUpdate[k]
	                    ? response.headers[k]
	                    : this._resHeaders[k];
	        }

	        const newResponse = Object.assign({}, response, {
	            status: this._status,
	            method: this._method,
	            headers,
	        });
	        return {
	            policy: new this.constructor(request, newResponse, optionsCopy),
	            modified: false,
	            matches: true,
	        };
	    }
	};
	return httpCacheSemantics;
}

var httpCacheSemanticsExports = requireHttpCacheSemantics();
var CachePolicy = /*@__PURE__*/getDefaultExportFromCjs(httpCacheSemanticsExports);

// src/index.ts
var _serialize = (data, escapeColonStrings = true) => {
  if (data === void 0 || data === null) {
    return "null";
  }
  if (typeof data === "string") {
    return JSON.stringify(
      escapeColonStrings && data.startsWith(":") ? `:${data}` : data
    );
  }
  if (Buffer$1.isBuffer(data)) {
    return JSON.stringify(`:base64:${data.toString("base64")}`);
  }
  if (data?.toJSON) {
    data = data.toJSON();
  }
  if (typeof data === "object") {
    let s = "";
    const array = Array.isArray(data);
    s = array ? "[" : "{";
    let first = true;
    for (const k in data) {
      const ignore = typeof data[k] === "function" || !array && data[k] === void 0;
      if (!Object.hasOwn(data, k) || ignore) {
        continue;
      }
      if (!first) {
        s += ",";
      }
      first = false;
      if (array) {
        s += _serialize(data[k], escapeColonStrings);
      } else if (data[k] !== void 0) {
        s += `${_serialize(k, false)}:${_serialize(data[k], escapeColonStrings)}`;
      }
    }
    s += array ? "]" : "}";
    return s;
  }
  return JSON.stringify(data);
};
var defaultSerialize = (data) => {
  return _serialize(data, true);
};
var defaultDeserialize = (data) => JSON.parse(data, (_, value) => {
  if (typeof value === "string") {
    if (value.startsWith(":base64:")) {
      return Buffer$1.from(value.slice(8), "base64");
    }
    return value.startsWith(":") ? value.slice(1) : value;
  }
  return value;
});

// src/index.ts

// src/event-manager.ts
var EventManager = class {
  _eventListeners;
  _maxListeners;
  constructor() {
    this._eventListeners = /* @__PURE__ */ new Map();
    this._maxListeners = 100;
  }
  maxListeners() {
    return this._maxListeners;
  }
  // Add an event listener
  addListener(event, listener) {
    this.on(event, listener);
  }
  on(event, listener) {
    if (!this._eventListeners.has(event)) {
      this._eventListeners.set(event, []);
    }
    const listeners = this._eventListeners.get(event);
    if (listeners) {
      if (listeners.length >= this._maxListeners) {
        console.warn(
          `MaxListenersExceededWarning: Possible event memory leak detected. ${listeners.length + 1} ${event} listeners added. Use setMaxListeners() to increase limit.`
        );
      }
      listeners.push(listener);
    }
    return this;
  }
  // Remove an event listener
  removeListener(event, listener) {
    this.off(event, listener);
  }
  off(event, listener) {
    const listeners = this._eventListeners.get(event) ?? [];
    const index = listeners.indexOf(listener);
    if (index !== -1) {
      listeners.splice(index, 1);
    }
    if (listeners.length === 0) {
      this._eventListeners.delete(event);
    }
  }
  once(event, listener) {
    const onceListener = (...arguments_) => {
      listener(...arguments_);
      this.off(event, onceListener);
    };
    this.on(event, onceListener);
  }
  // Emit an event
  // biome-ignore lint/suspicious/noExplicitAny: type format
  emit(event, ...arguments_) {
    const listeners = this._eventListeners.get(event);
    if (listeners && listeners.length > 0) {
      for (const listener of listeners) {
        listener(...arguments_);
      }
    }
  }
  // Get all listeners for a specific event
  listeners(event) {
    return this._eventListeners.get(event) ?? [];
  }
  // Remove all listeners for a specific event
  removeAllListeners(event) {
    if (event) {
      this._eventListeners.delete(event);
    } else {
      this._eventListeners.clear();
    }
  }
  // Set the maximum number of listeners for a single event
  setMaxListeners(n) {
    this._maxListeners = n;
  }
};
var event_manager_default = EventManager;

// src/hooks-manager.ts
var HooksManager = class extends event_manager_default {
  _hookHandlers;
  constructor() {
    super();
    this._hookHandlers = /* @__PURE__ */ new Map();
  }
  // Adds a handler function for a specific event
  addHandler(event, handler) {
    const eventHandlers = this._hookHandlers.get(event);
    if (eventHandlers) {
      eventHandlers.push(handler);
    } else {
      this._hookHandlers.set(event, [handler]);
    }
  }
  // Removes a specific handler function for a specific event
  removeHandler(event, handler) {
    const eventHandlers = this._hookHandlers.get(event);
    if (eventHandlers) {
      const index = eventHandlers.indexOf(handler);
      if (index !== -1) {
        eventHandlers.splice(index, 1);
      }
    }
  }
  // Triggers all handlers for a specific event with provided data
  // biome-ignore lint/suspicious/noExplicitAny: type format
  trigger(event, data) {
    const eventHandlers = this._hookHandlers.get(event);
    if (eventHandlers) {
      for (const handler of eventHandlers) {
        try {
          handler(data);
        } catch (error) {
          this.emit(
            "error",
            new Error(
              `Error in hook handler for event "${event}": ${error.message}`
            )
          );
        }
      }
    }
  }
  // Provides read-only access to the current handlers
  get handlers() {
    return new Map(this._hookHandlers);
  }
};
var hooks_manager_default = HooksManager;

// src/stats-manager.ts
var StatsManager = class extends event_manager_default {
  enabled = true;
  hits = 0;
  misses = 0;
  sets = 0;
  deletes = 0;
  errors = 0;
  constructor(enabled) {
    super();
    if (enabled !== void 0) {
      this.enabled = enabled;
    }
    this.reset();
  }
  hit() {
    if (this.enabled) {
      this.hits++;
    }
  }
  miss() {
    if (this.enabled) {
      this.misses++;
    }
  }
  set() {
    if (this.enabled) {
      this.sets++;
    }
  }
  delete() {
    if (this.enabled) {
      this.deletes++;
    }
  }
  hitsOrMisses(array) {
    for (const item of array) {
      if (item === void 0) {
        this.miss();
      } else {
        this.hit();
      }
    }
  }
  reset() {
    this.hits = 0;
    this.misses = 0;
    this.sets = 0;
    this.deletes = 0;
    this.errors = 0;
  }
};
var stats_manager_default = StatsManager;
var iterableAdapters = [
  "sqlite",
  "postgres",
  "mysql",
  "mongo",
  "redis",
  "valkey",
  "etcd"
];
var Keyv = class extends event_manager_default {
  opts;
  iterator;
  hooks = new hooks_manager_default();
  stats = new stats_manager_default(false);
  /**
   * Time to live in milliseconds
   */
  _ttl;
  /**
   * Namespace
   */
  _namespace;
  /**
   * Store
   */
  // biome-ignore lint/suspicious/noExplicitAny: type format
  _store = /* @__PURE__ */ new Map();
  _serialize = defaultSerialize;
  _deserialize = defaultDeserialize;
  _compression;
  _useKeyPrefix = true;
  _throwOnErrors = false;
  /**
   * Keyv Constructor
   * @param {KeyvStoreAdapter | KeyvOptions} store
   * @param {Omit<KeyvOptions, 'store'>} [options] if you provide the store you can then provide the Keyv Options
   */
  constructor(store, options) {
    super();
    options ??= {};
    store ??= {};
    this.opts = {
      namespace: "keyv",
      serialize: defaultSerialize,
      deserialize: defaultDeserialize,
      emitErrors: true,
      // @ts-expect-error - Map is not a KeyvStoreAdapter
      store: /* @__PURE__ */ new Map(),
      ...options
    };
    if (store && store.get) {
      this.opts.store = store;
    } else {
      this.opts = {
        ...this.opts,
        ...store
      };
    }
    this._store = this.opts.store ?? /* @__PURE__ */ new Map();
    this._compression = this.opts.compression;
    this._serialize = this.opts.serialize;
    this._deserialize = this.opts.deserialize;
    if (this.opts.namespace) {
      this._namespace = this.opts.namespace;
    }
    if (this._store) {
      if (!this._isValidStorageAdapter(this._store)) {
        throw new Error("Invalid storage adapter");
      }
      if (typeof this._store.on === "function") {
        this._store.on("error", (error) => this.emit("error", error));
      }
      this._store.namespace = this._namespace;
      if (typeof this._store[Symbol.iterator] === "function" && this._store instanceof Map) {
        this.iterator = this.generateIterator(
          this._store
        );
      } else if ("iterator" in this._store && this._store.opts && this._checkIterableAdapter()) {
        this.iterator = this.generateIterator(
          // biome-ignore lint/style/noNonNullAssertion: need to fix
          this._store.iterator.bind(this._store)
        );
      }
    }
    if (this.opts.stats) {
      this.stats.enabled = this.opts.stats;
    }
    if (this.opts.ttl) {
      this._ttl = this.opts.ttl;
    }
    if (this.opts.useKeyPrefix !== void 0) {
      this._useKeyPrefix = this.opts.useKeyPrefix;
    }
    if (this.opts.throwOnErrors !== void 0) {
      this._throwOnErrors = this.opts.throwOnErrors;
    }
  }
  /**
   * Get the current store
   */
  // biome-ignore lint/suspicious/noExplicitAny: type format
  get store() {
    return this._store;
  }
  /**
   * Set the current store. This will also set the namespace, event error handler, and generate the iterator. If the store is not valid it will throw an error.
   * @param {KeyvStoreAdapter | Map<any, any> | any} store the store to set
   */
  // biome-ignore lint/suspicious/noExplicitAny: type format
  set store(store) {
    if (this._isValidStorageAdapter(store)) {
      this._store = store;
      this.opts.store = store;
      if (typeof store.on === "function") {
        store.on("error", (error) => this.emit("error", error));
      }
      if (this._namespace) {
        this._store.namespace = this._namespace;
      }
      if (typeof store[Symbol.iterator] === "function" && store instanceof Map) {
        this.iterator = this.generateIterator(
          store
        );
      } else if ("iterator" in store && store.opts && this._checkIterableAdapter()) {
        this.iterator = this.generateIterator(store.iterator?.bind(store));
      }
    } else {
      throw new Error("Invalid storage adapter");
    }
  }
  /**
   * Get the current compression function
   * @returns {CompressionAdapter} The current compression function
   */
  get compression() {
    return this._compression;
  }
  /**
   * Set the current compression function
   * @param {CompressionAdapter} compress The compression function to set
   */
  set compression(compress) {
    this._compression = compress;
  }
  /**
   * Get the current namespace.
   * @returns {string | undefined} The current namespace.
   */
  get namespace() {
    return this._namespace;
  }
  /**
   * Set the current namespace.
   * @param {string | undefined} namespace The namespace to set.
   */
  set namespace(namespace) {
    this._namespace = namespace;
    this.opts.namespace = namespace;
    this._store.namespace = namespace;
    if (this.opts.store) {
      this.opts.store.namespace = namespace;
    }
  }
  /**
   * Get the current TTL.
   * @returns {number} The current TTL in milliseconds.
   */
  get ttl() {
    return this._ttl;
  }
  /**
   * Set the current TTL.
   * @param {number} ttl The TTL to set in milliseconds.
   */
  set ttl(ttl) {
    this.opts.ttl = ttl;
    this._ttl = ttl;
  }
  /**
   * Get the current serialize function.
   * @returns {Serialize} The current serialize function.
   */
  get serialize() {
    return this._serialize;
  }
  /**
   * Set the current serialize function.
   * @param {Serialize} serialize The serialize function to set.
   */
  set serialize(serialize) {
    this.opts.serialize = serialize;
    this._serialize = serialize;
  }
  /**
   * Get the current deserialize function.
   * @returns {Deserialize} The current deserialize function.
   */
  get deserialize() {
    return this._deserialize;
  }
  /**
   * Set the current deserialize function.
   * @param {Deserialize} deserialize The deserialize function to set.
   */
  set deserialize(deserialize) {
    this.opts.deserialize = deserialize;
    this._deserialize = deserialize;
  }
  /**
   * Get the current useKeyPrefix value. This will enable or disable key prefixing.
   * @returns {boolean} The current useKeyPrefix value.
   * @default true
   */
  get useKeyPrefix() {
    return this._useKeyPrefix;
  }
  /**
   * Set the current useKeyPrefix value. This will enable or disable key prefixing.
   * @param {boolean} value The useKeyPrefix value to set.
   */
  set useKeyPrefix(value) {
    this._useKeyPrefix = value;
    this.opts.useKeyPrefix = value;
  }
  /**
   * Get the current throwErrors value. This will enable or disable throwing errors on methods in addition to emitting them.
   * @return {boolean} The current throwOnErrors value.
   */
  get throwOnErrors() {
    return this._throwOnErrors;
  }
  /**
   * Set the current throwOnErrors value. This will enable or disable throwing errors on methods in addition to emitting them.
   * @param {boolean} value The throwOnErrors value to set.
   */
  set throwOnErrors(value) {
    this._throwOnErrors = value;
    this.opts.throwOnErrors = value;
  }
  generateIterator(iterator) {
    const function_ = async function* () {
      for await (const [key, raw] of typeof iterator === "function" ? iterator(this._store.namespace) : iterator) {
        const data = await this.deserializeData(raw);
        if (this._useKeyPrefix && this._store.namespace && !key.includes(this._store.namespace)) {
          continue;
        }
        if (typeof data.expires === "number" && Date.now() > data.expires) {
          await this.delete(key);
          continue;
        }
        yield [this._getKeyUnprefix(key), data.value];
      }
    };
    return function_.bind(this);
  }
  _checkIterableAdapter() {
    return iterableAdapters.includes(this._store.opts.dialect) || iterableAdapters.some(
      (element) => this._store.opts.url.includes(element)
    );
  }
  _getKeyPrefix(key) {
    if (!this._useKeyPrefix) {
      return key;
    }
    if (!this._namespace) {
      return key;
    }
    if (key.startsWith(`${this._namespace}:`)) {
      return key;
    }
    return `${this._namespace}:${key}`;
  }
  _getKeyPrefixArray(keys) {
    if (!this._useKeyPrefix) {
      return keys;
    }
    if (!this._namespace) {
      return keys;
    }
    return keys.map((key) => `${this._namespace}:${key}`);
  }
  _getKeyUnprefix(key) {
    if (!this._useKeyPrefix) {
      return key;
    }
    return key.split(":").splice(1).join(":");
  }
  // biome-ignore lint/suspicious/noExplicitAny: type format
  _isValidStorageAdapter(store) {
    return store instanceof Map || typeof store.get === "function" && typeof store.set === "function" && typeof store.delete === "function" && typeof store.clear === "function";
  }
  // eslint-disable-next-line @stylistic/max-len
  async get(key, options) {
    const { store } = this.opts;
    const isArray = Array.isArray(key);
    const keyPrefixed = isArray ? this._getKeyPrefixArray(key) : this._getKeyPrefix(key);
    const isDataExpired = (data) => typeof data.expires === "number" && Date.now() > data.expires;
    if (isArray) {
      if (options?.raw === true) {
        return this.getMany(key, { raw: true });
      }
      return this.getMany(key, { raw: false });
    }
    this.hooks.trigger("preGet" /* PRE_GET */, { key: keyPrefixed });
    let rawData;
    try {
      rawData = await store.get(keyPrefixed);
    } catch (error) {
      if (this.throwOnErrors) {
        throw error;
      }
    }
    const deserializedData = typeof rawData === "string" || this.opts.compression ? await this.deserializeData(rawData) : rawData;
    if (deserializedData === void 0 || deserializedData === null) {
      this.hooks.trigger("postGet" /* POST_GET */, {
        key: keyPrefixed,
        value: void 0
      });
      this.stats.miss();
      return void 0;
    }
    if (isDataExpired(deserializedData)) {
      await this.delete(key);
      this.hooks.trigger("postGet" /* POST_GET */, {
        key: keyPrefixed,
        value: void 0
      });
      this.stats.miss();
      return void 0;
    }
    this.hooks.trigger("postGet" /* POST_GET */, {
      key: keyPrefixed,
      value: deserializedData
    });
    this.stats.hit();
    return options?.raw ? deserializedData : deserializedData.value;
  }
  async getMany(keys, options) {
    const { store } = this.opts;
    const keyPrefixed = this._getKeyPrefixArray(keys);
    const isDataExpired = (data) => typeof data.expires === "number" && Date.now() > data.expires;
    this.hooks.trigger("preGetMany" /* PRE_GET_MANY */, { keys: keyPrefixed });
    if (store.getMany === void 0) {
      const promises = keyPrefixed.map(async (key) => {
        const rawData2 = await store.get(key);
        const deserializedRow = typeof rawData2 === "string" || this.opts.compression ? await this.deserializeData(rawData2) : rawData2;
        if (deserializedRow === void 0 || deserializedRow === null) {
          return void 0;
        }
        if (isDataExpired(deserializedRow)) {
          await this.delete(key);
          return void 0;
        }
        return options?.raw ? deserializedRow : deserializedRow.value;
      });
      const deserializedRows = await Promise.allSettled(promises);
      const result2 = deserializedRows.map(
        // biome-ignore lint/suspicious/noExplicitAny: type format
        (row) => row.value
      );
      this.hooks.trigger("postGetMany" /* POST_GET_MANY */, result2);
      if (result2.length > 0) {
        this.stats.hit();
      }
      return result2;
    }
    const rawData = await store.getMany(keyPrefixed);
    const result = [];
    const expiredKeys = [];
    for (const index in rawData) {
      let row = rawData[index];
      if (typeof row === "string") {
        row = await this.deserializeData(row);
      }
      if (row === void 0 || row === null) {
        result.push(void 0);
        continue;
      }
      if (isDataExpired(row)) {
        expiredKeys.push(keys[index]);
        result.push(void 0);
        continue;
      }
      const value = options?.raw ? row : row.value;
      result.push(value);
    }
    if (expiredKeys.length > 0) {
      await this.deleteMany(expiredKeys);
    }
    this.hooks.trigger("postGetMany" /* POST_GET_MANY */, result);
    if (result.length > 0) {
      this.stats.hit();
    }
    return result;
  }
  /**
   * Get the raw value of a key. This is the replacement for setting raw to true in the get() method.
   * @param {string} key the key to get
   * @returns {Promise<StoredDataRaw<Value> | undefined>} will return a StoredDataRaw<Value> or undefined if the key does not exist or is expired.
   */
  async getRaw(key) {
    const { store } = this.opts;
    const keyPrefixed = this._getKeyPrefix(key);
    this.hooks.trigger("preGetRaw" /* PRE_GET_RAW */, { key: keyPrefixed });
    const rawData = await store.get(keyPrefixed);
    if (rawData === void 0 || rawData === null) {
      this.hooks.trigger("postGetRaw" /* POST_GET_RAW */, {
        key: keyPrefixed,
        value: void 0
      });
      this.stats.miss();
      return void 0;
    }
    const deserializedData = typeof rawData === "string" || this.opts.compression ? await this.deserializeData(rawData) : rawData;
    if (deserializedData !== void 0 && deserializedData.expires !== void 0 && deserializedData.expires !== null && // biome-ignore lint/style/noNonNullAssertion: need to fix
    deserializedData.expires < Date.now()) {
      this.hooks.trigger("postGetRaw" /* POST_GET_RAW */, {
        key: keyPrefixed,
        value: void 0
      });
      this.stats.miss();
      await this.delete(key);
      return void 0;
    }
    this.stats.hit();
    this.hooks.trigger("postGetRaw" /* POST_GET_RAW */, {
      key: keyPrefixed,
      value: deserializedData
    });
    return deserializedData;
  }
  /**
   * Get the raw values of many keys. This is the replacement for setting raw to true in the getMany() method.
   * @param {string[]} keys the keys to get
   * @returns {Promise<Array<StoredDataRaw<Value>>>} will return an array of StoredDataRaw<Value> or undefined if the key does not exist or is expired.
   */
  async getManyRaw(keys) {
    const { store } = this.opts;
    const keyPrefixed = this._getKeyPrefixArray(keys);
    if (keys.length === 0) {
      const result2 = Array.from({ length: keys.length }).fill(
        void 0
      );
      this.stats.misses += keys.length;
      this.hooks.trigger("postGetManyRaw" /* POST_GET_MANY_RAW */, {
        keys: keyPrefixed,
        values: result2
      });
      return result2;
    }
    let result = [];
    if (store.getMany === void 0) {
      const promises = keyPrefixed.map(async (key) => {
        const rawData = await store.get(key);
        if (rawData !== void 0 && rawData !== null) {
          return this.deserializeData(rawData);
        }
        return void 0;
      });
      const deserializedRows = await Promise.allSettled(promises);
      result = deserializedRows.map(
        // biome-ignore lint/suspicious/noExplicitAny: type format
        (row) => row.value
      );
    } else {
      const rawData = await store.getMany(keyPrefixed);
      for (const row of rawData) {
        if (row !== void 0 && row !== null) {
          result.push(await this.deserializeData(row));
        } else {
          result.push(void 0);
        }
      }
    }
    const expiredKeys = [];
    const isDataExpired = (data) => typeof data.expires === "number" && Date.now() > data.expires;
    for (const [index, row] of result.entries()) {
      if (row !== void 0 && isDataExpired(row)) {
        expiredKeys.push(keyPrefixed[index]);
        result[index] = void 0;
      }
    }
    if (expiredKeys.length > 0) {
      await this.deleteMany(expiredKeys);
    }
    this.stats.hitsOrMisses(result);
    this.hooks.trigger("postGetManyRaw" /* POST_GET_MANY_RAW */, {
      keys: keyPrefixed,
      values: result
    });
    return result;
  }
  /**
   * Set an item to the store
   * @param {string | Array<KeyvEntry>} key the key to use. If you pass in an array of KeyvEntry it will set many items
   * @param {Value} value the value of the key
   * @param {number} [ttl] time to live in milliseconds
   * @returns {boolean} if it sets then it will return a true. On failure will return false.
   */
  async set(key, value, ttl) {
    const data = { key, value, ttl };
    this.hooks.trigger("preSet" /* PRE_SET */, data);
    const keyPrefixed = this._getKeyPrefix(data.key);
    data.ttl ??= this._ttl;
    if (data.ttl === 0) {
      data.ttl = void 0;
    }
    const { store } = this.opts;
    const expires = typeof data.ttl === "number" ? Date.now() + data.ttl : void 0;
    if (typeof data.value === "symbol") {
      this.emit("error", "symbol cannot be serialized");
      throw new Error("symbol cannot be serialized");
    }
    const formattedValue = { value: data.value, expires };
    const serializedValue = await this.serializeData(formattedValue);
    let result = true;
    try {
      const value2 = await store.set(keyPrefixed, serializedValue, data.ttl);
      if (typeof value2 === "boolean") {
        result = value2;
      }
    } catch (error) {
      result = false;
      this.emit("error", error);
      if (this._throwOnErrors) {
        throw error;
      }
    }
    this.hooks.trigger("postSet" /* POST_SET */, {
      key: keyPrefixed,
      value: serializedValue,
      ttl
    });
    this.stats.set();
    return result;
  }
  /**
   * Set many items to the store
   * @param {Array<KeyvEntry>} entries the entries to set
   * @returns {boolean[]} will return an array of booleans if it sets then it will return a true. On failure will return false.
   */
  // biome-ignore lint/correctness/noUnusedVariables: type format
  async setMany(entries) {
    let results = [];
    try {
      if (this._store.setMany === void 0) {
        const promises = [];
        for (const entry of entries) {
          promises.push(this.set(entry.key, entry.value, entry.ttl));
        }
        const promiseResults = await Promise.all(promises);
        results = promiseResults;
      } else {
        const serializedEntries = await Promise.all(
          entries.map(async ({ key, value, ttl }) => {
            ttl ??= this._ttl;
            if (ttl === 0) {
              ttl = void 0;
            }
            const expires = typeof ttl === "number" ? Date.now() + ttl : void 0;
            if (typeof value === "symbol") {
              this.emit("error", "symbol cannot be serialized");
              throw new Error("symbol cannot be serialized");
            }
            const formattedValue = { value, expires };
            const serializedValue = await this.serializeData(formattedValue);
            const keyPrefixed = this._getKeyPrefix(key);
            return { key: keyPrefixed, value: serializedValue, ttl };
          })
        );
        results = await this._store.setMany(serializedEntries);
      }
    } catch (error) {
      this.emit("error", error);
      if (this._throwOnErrors) {
        throw error;
      }
      results = entries.map(() => false);
    }
    return results;
  }
  /**
   * Delete an Entry
   * @param {string | string[]} key the key to be deleted. if an array it will delete many items
   * @returns {boolean} will return true if item or items are deleted. false if there is an error
   */
  async delete(key) {
    const { store } = this.opts;
    if (Array.isArray(key)) {
      return this.deleteMany(key);
    }
    const keyPrefixed = this._getKeyPrefix(key);
    this.hooks.trigger("preDelete" /* PRE_DELETE */, { key: keyPrefixed });
    let result = true;
    try {
      const value = await store.delete(keyPrefixed);
      if (typeof value === "boolean") {
        result = value;
      }
    } catch (error) {
      result = false;
      this.emit("error", error);
      if (this._throwOnErrors) {
        throw error;
      }
    }
    this.hooks.trigger("postDelete" /* POST_DELETE */, {
      key: keyPrefixed,
      value: result
    });
    this.stats.delete();
    return result;
  }
  /**
   * Delete many items from the store
   * @param {string[]} keys the keys to be deleted
   * @returns {boolean} will return true if item or items are deleted. false if there is an error
   */
  async deleteMany(keys) {
    try {
      const { store } = this.opts;
      const keyPrefixed = this._getKeyPrefixArray(keys);
      this.hooks.trigger("preDelete" /* PRE_DELETE */, { key: keyPrefixed });
      if (store.deleteMany !== void 0) {
        return await store.deleteMany(keyPrefixed);
      }
      const promises = keyPrefixed.map(async (key) => store.delete(key));
      const results = await Promise.all(promises);
      const returnResult = results.every(Boolean);
      this.hooks.trigger("postDelete" /* POST_DELETE */, {
        key: keyPrefixed,
        value: returnResult
      });
      return returnResult;
    } catch (error) {
      this.emit("error", error);
      if (this._throwOnErrors) {
        throw error;
      }
      return false;
    }
  }
  /**
   * Clear the store
   * @returns {void}
   */
  async clear() {
    this.emit("clear");
    const { store } = this.opts;
    try {
      await store.clear();
    } catch (error) {
      this.emit("error", error);
      if (this._throwOnErrors) {
        throw error;
      }
    }
  }
  async has(key) {
    if (Array.isArray(key)) {
      return this.hasMany(key);
    }
    const keyPrefixed = this._getKeyPrefix(key);
    const { store } = this.opts;
    if (store.has !== void 0 && !(store instanceof Map)) {
      return store.has(keyPrefixed);
    }
    let rawData;
    try {
      rawData = await store.get(keyPrefixed);
    } catch (error) {
      this.emit("error", error);
      if (this._throwOnErrors) {
        throw error;
      }
      return false;
    }
    if (rawData) {
      const data = await this.deserializeData(rawData);
      if (data) {
        if (data.expires === void 0 || data.expires === null) {
          return true;
        }
        return data.expires > Date.now();
      }
    }
    return false;
  }
  /**
   * Check if many keys exist
   * @param {string[]} keys the keys to check
   * @returns {boolean[]} will return an array of booleans if the keys exist
   */
  async hasMany(keys) {
    const keyPrefixed = this._getKeyPrefixArray(keys);
    const { store } = this.opts;
    if (store.hasMany !== void 0) {
      return store.hasMany(keyPrefixed);
    }
    const results = [];
    for (const key of keys) {
      results.push(await this.has(key));
    }
    return results;
  }
  /**
   * Will disconnect the store. This is only available if the store has a disconnect method
   * @returns {Promise<void>}
   */
  async disconnect() {
    const { store } = this.opts;
    this.emit("disconnect");
    if (typeof store.disconnect === "function") {
      return store.disconnect();
    }
  }
  // biome-ignore lint/suspicious/noExplicitAny: type format
  emit(event, ...arguments_) {
    if (event === "error" && !this.opts.emitErrors) {
      return;
    }
    super.emit(event, ...arguments_);
  }
  async serializeData(data) {
    if (!this._serialize) {
      return data;
    }
    if (this._compression?.compress) {
      return this._serialize({
        value: await this._compression.compress(data.value),
        expires: data.expires
      });
    }
    return this._serialize(data);
  }
  async deserializeData(data) {
    if (!this._deserialize) {
      return data;
    }
    if (this._compression?.decompress && typeof data === "string") {
      const result = await this._deserialize(data);
      return {
        value: await this._compression.decompress(result?.value),
        expires: result?.expires
      };
    }
    if (typeof data === "string") {
      return this._deserialize(data);
    }
    return void 0;
  }
};
/* v8 ignore next -- @preserve */

// We define these manually to ensure they're always copied
// even if they would move up the prototype chain
// https://nodejs.org/api/http.html#http_class_http_incomingmessage
const knownProperties = [
	'aborted',
	'complete',
	'headers',
	'httpVersion',
	'httpVersionMinor',
	'httpVersionMajor',
	'method',
	'rawHeaders',
	'rawTrailers',
	'setTimeout',
	'socket',
	'statusCode',
	'statusMessage',
	'trailers',
	'url',
];

function mimicResponse(fromStream, toStream) {
	if (toStream._readableState.autoDestroy) {
		throw new Error('The second stream must have the `autoDestroy` option set to `false`');
	}

	const fromProperties = new Set([...Object.keys(fromStream), ...knownProperties]);

	const properties = {};

	for (const property of fromProperties) {
		// Don't overwrite existing properties.
		if (property in toStream) {
			continue;
		}

		properties[property] = {
			get() {
				const value = fromStream[property];
				const isFunction = typeof value === 'function';

				return isFunction ? value.bind(fromStream) : value;
			},
			set(value) {
				fromStream[property] = value;
			},
			enumerable: true,
			configurable: false,
		};
	}

	Object.defineProperties(toStream, properties);

	fromStream.once('aborted', () => {
		toStream.destroy();

		toStream.emit('aborted');
	});

	fromStream.once('close', () => {
		if (fromStream.complete) {
			if (toStream.readable) {
				toStream.once('end', () => {
					toStream.emit('close');
				});
			} else {
				toStream.emit('close');
			}
		} else {
			toStream.emit('close');
		}
	});

	return toStream;
}

// https://developer.mozilla.org/en-US/docs/Web/HTTP/Basics_of_HTTP/Data_URIs
const DATA_URL_DEFAULT_MIME_TYPE = 'text/plain';
const DATA_URL_DEFAULT_CHARSET = 'us-ascii';

const testParameter = (name, filters) => filters.some(filter => filter instanceof RegExp ? filter.test(name) : filter === name);

const supportedProtocols = new Set([
	'https:',
	'http:',
	'file:',
]);

const hasCustomProtocol = urlString => {
	try {
		const {protocol} = new URL(urlString);

		return protocol.endsWith(':')
			&& !protocol.includes('.')
			&& !supportedProtocols.has(protocol);
	} catch {
		return false;
	}
};

const normalizeDataURL = (urlString, {stripHash}) => {
	const match = /^data:(?<type>[^,]*?),(?<data>[^#]*?)(?:#(?<hash>.*))?$/.exec(urlString);

	if (!match) {
		throw new Error(`Invalid URL: ${urlString}`);
	}

	const {type, data, hash} = match.groups;
	const mediaType = type.split(';');

	const isBase64 = mediaType.at(-1) === 'base64';
	if (isBase64) {
		mediaType.pop();
	}

	// Lowercase MIME type
	const mimeType = mediaType.shift()?.toLowerCase() ?? '';
	const attributes = mediaType
		.map(attribute => {
			let [key, value = ''] = attribute.split('=').map(string => string.trim());

			// Lowercase `charset`
			if (key === 'charset') {
				value = value.toLowerCase();

				if (value === DATA_URL_DEFAULT_CHARSET) {
					return '';
				}
			}

			return `${key}${value ? `=${value}` : ''}`;
		})
		.filter(Boolean);

	const normalizedMediaType = [...attributes];

	if (isBase64) {
		normalizedMediaType.push('base64');
	}

	if (normalizedMediaType.length > 0 || (mimeType && mimeType !== DATA_URL_DEFAULT_MIME_TYPE)) {
		normalizedMediaType.unshift(mimeType);
	}

	const hashPart = stripHash || !hash ? '' : `#${hash}`;
	return `data:${normalizedMediaType.join(';')},${isBase64 ? data.trim() : data}${hashPart}`;
};

function normalizeUrl(urlString, options) {
	options = {
		defaultProtocol: 'http',
		normalizeProtocol: true,
		forceHttp: false,
		forceHttps: false,
		stripAuthentication: true,
		stripHash: false,
		stripTextFragment: true,
		stripWWW: true,
		removeQueryParameters: [/^utm_\w+/i],
		removeTrailingSlash: true,
		removeSingleSlash: true,
		removeDirectoryIndex: false,
		removeExplicitPort: false,
		sortQueryParameters: true,
		removePath: false,
		transformPath: false,
		...options,
	};

	// Legacy: Append `:` to the protocol if missing.
	if (typeof options.defaultProtocol === 'string' && !options.defaultProtocol.endsWith(':')) {
		options.defaultProtocol = `${options.defaultProtocol}:`;
	}

	urlString = urlString.trim();

	// Data URL
	if (/^data:/i.test(urlString)) {
		return normalizeDataURL(urlString, options);
	}

	if (hasCustomProtocol(urlString)) {
		return urlString;
	}

	const hasRelativeProtocol = urlString.startsWith('//');
	const isRelativeUrl = !hasRelativeProtocol && /^\.*\//.test(urlString);

	// Prepend protocol
	if (!isRelativeUrl) {
		urlString = urlString.replace(/^(?!(?:\w+:)?\/\/)|^\/\//, options.defaultProtocol);
	}

	const urlObject = new URL(urlString);

	if (options.forceHttp && options.forceHttps) {
		throw new Error('The `forceHttp` and `forceHttps` options cannot be used together');
	}

	if (options.forceHttp && urlObject.protocol === 'https:') {
		urlObject.protocol = 'http:';
	}

	if (options.forceHttps && urlObject.protocol === 'http:') {
		urlObject.protocol = 'https:';
	}

	// Remove auth
	if (options.stripAuthentication) {
		urlObject.username = '';
		urlObject.password = '';
	}

	// Remove hash
	if (options.stripHash) {
		urlObject.hash = '';
	} else if (options.stripTextFragment) {
		urlObject.hash = urlObject.hash.replace(/#?:~:text.*?$/i, '');
	}

	// Remove duplicate slashes if not preceded by a protocol
	// NOTE: This could be implemented using a single negative lookbehind
	// regex, but we avoid that to maintain compatibility with older js engines
	// which do not have support for that feature.
	if (urlObject.pathname) {
		// TODO: Replace everything below with `urlObject.pathname = urlObject.pathname.replace(/(?<!\b[a-z][a-z\d+\-.]{1,50}:)\/{2,}/g, '/');` when Safari supports negative lookbehind.

		// Split the string by occurrences of this protocol regex, and perform
		// duplicate-slash replacement on the strings between those occurrences
		// (if any).
		const protocolRegex = /\b[a-z][a-z\d+\-.]{1,50}:\/\//g;

		let lastIndex = 0;
		let result = '';
		for (;;) {
			const match = protocolRegex.exec(urlObject.pathname);
			if (!match) {
				break;
			}

			const protocol = match[0];
			const protocolAtIndex = match.index;
			const intermediate = urlObject.pathname.slice(lastIndex, protocolAtIndex);

			result += intermediate.replace(/\/{2,}/g, '/');
			result += protocol;
			lastIndex = protocolAtIndex + protocol.length;
		}

		const remnant = urlObject.pathname.slice(lastIndex, urlObject.pathname.length);
		result += remnant.replace(/\/{2,}/g, '/');

		urlObject.pathname = result;
	}

	// Decode URI octets
	if (urlObject.pathname) {
		try {
			urlObject.pathname = decodeURI(urlObject.pathname).replace(/\\/g, '%5C');
		} catch {}
	}

	// Remove directory index
	if (options.removeDirectoryIndex === true) {
		options.removeDirectoryIndex = [/^index\.[a-z]+$/];
	}

	if (Array.isArray(options.removeDirectoryIndex) && options.removeDirectoryIndex.length > 0) {
		const pathComponents = urlObject.pathname.split('/').filter(Boolean);
		const lastComponent = pathComponents.at(-1);

		if (lastComponent && testParameter(lastComponent, options.removeDirectoryIndex)) {
			pathComponents.pop();
			urlObject.pathname = pathComponents.length > 0 ? `/${pathComponents.join('/')}/` : '/';
		}
	}

	// Remove path
	if (options.removePath) {
		urlObject.pathname = '/';
	}

	// Transform path components
	if (options.transformPath && typeof options.transformPath === 'function') {
		const pathComponents = urlObject.pathname.split('/').filter(Boolean);
		const newComponents = options.transformPath(pathComponents);
		urlObject.pathname = newComponents?.length > 0 ? `/${newComponents.join('/')}` : '/';
	}

	if (urlObject.hostname) {
		// Remove trailing dot
		urlObject.hostname = urlObject.hostname.replace(/\.$/, '');

		// Remove `www.`
		if (options.stripWWW && /^www\.(?!www\.)[a-z\-\d]{1,63}\.[a-z.\-\d]{2,63}$/.test(urlObject.hostname)) {
			// Each label should be max 63 at length (min: 1).
			// Source: https://en.wikipedia.org/wiki/Hostname#Restrictions_on_valid_host_names
			// Each TLD should be up to 63 characters long (min: 2).
			// It is technically possible to have a single character TLD, but none currently exist.
			urlObject.hostname = urlObject.hostname.replace(/^www\./, '');
		}
	}

	// Remove query unwanted parameters
	if (Array.isArray(options.removeQueryParameters)) {
		// eslint-disable-next-line unicorn/no-useless-spread -- We are intentionally spreading to get a copy.
		for (const key of [...urlObject.searchParams.keys()]) {
			if (testParameter(key, options.removeQueryParameters)) {
				urlObject.searchParams.delete(key);
			}
		}
	}

	if (!Array.isArray(options.keepQueryParameters) && options.removeQueryParameters === true) {
		urlObject.search = '';
	}

	// Keep wanted query parameters
	if (Array.isArray(options.keepQueryParameters) && options.keepQueryParameters.length > 0) {
		// eslint-disable-next-line unicorn/no-useless-spread -- We are intentionally spreading to get a copy.
		for (const key of [...urlObject.searchParams.keys()]) {
			if (!testParameter(key, options.keepQueryParameters)) {
				urlObject.searchParams.delete(key);
			}
		}
	}

	// Sort query parameters
	if (options.sortQueryParameters) {
		const originalSearch = urlObject.search;
		urlObject.searchParams.sort();

		// Calling `.sort()` encodes the search parameters, so we need to decode them again.
		try {
			urlObject.search = decodeURIComponent(urlObject.search);
		} catch {}

		// Fix parameters that originally had no equals sign but got one added by URLSearchParams
		const partsWithoutEquals = originalSearch.slice(1).split('&').filter(p => p && !p.includes('='));
		for (const part of partsWithoutEquals) {
			const decoded = decodeURIComponent(part);
			// Only replace at word boundaries to avoid partial matches
			urlObject.search = urlObject.search.replace(`?${decoded}=`, `?${decoded}`).replace(`&${decoded}=`, `&${decoded}`);
		}
	}

	if (options.removeTrailingSlash) {
		urlObject.pathname = urlObject.pathname.replace(/\/$/, '');
	}

	// Remove an explicit port number, excluding a default port number, if applicable
	if (options.removeExplicitPort && urlObject.port) {
		urlObject.port = '';
	}

	const oldUrlString = urlString;

	// Take advantage of many of the Node `url` normalizations
	urlString = urlObject.toString();

	if (!options.removeSingleSlash && urlObject.pathname === '/' && !oldUrlString.endsWith('/') && urlObject.hash === '') {
		urlString = urlString.replace(/\/$/, '');
	}

	// Remove ending `/` unless removeSingleSlash is false
	if ((options.removeTrailingSlash || urlObject.pathname === '/') && urlObject.hash === '' && options.removeSingleSlash) {
		urlString = urlString.replace(/\/$/, '');
	}

	// Restore relative protocol, if applicable
	if (hasRelativeProtocol && !options.normalizeProtocol) {
		urlString = urlString.replace(/^http:\/\//, '//');
	}

	// Remove http/https
	if (options.stripProtocol) {
		urlString = urlString.replace(/^(?:https?:)?\/\//, '');
	}

	return urlString;
}

function lowercaseKeys(object) {
	return Object.fromEntries(Object.entries(object).map(([key, value]) => [key.toLowerCase(), value]));
}

class Response extends Readable {
	statusCode;
	headers;
	body;
	url;
	complete;

	constructor({statusCode, headers, body, url}) {
		if (typeof statusCode !== 'number') {
			throw new TypeError('Argument `statusCode` should be a number');
		}

		if (typeof headers !== 'object') {
			throw new TypeError('Argument `headers` should be an object');
		}

		if (!(body instanceof Uint8Array)) {
			throw new TypeError('Argument `body` should be a buffer');
		}

		if (typeof url !== 'string') {
			throw new TypeError('Argument `url` should be a string');
		}

		let bodyPushed = false;
		super({
			read() {
				// Push body on first read, end stream on second read.
				// This allows listeners to attach before data flows through pipes.
				if (!bodyPushed) {
					bodyPushed = true;
					this.push(body);
					return;
				}

				this.push(null);
			},
		});

		this.statusCode = statusCode;
		this.headers = lowercaseKeys(headers);
		this.body = body;
		this.url = url;
		this.complete = true;
	}
}

// Type definitions for cacheable-request 6.0
// Project: https://github.com/lukechilds/cacheable-request#readme
// Definitions by: BendingBender <https://github.com/BendingBender>
//                 Paul Melnikow <https://github.com/paulmelnikow>
// Definitions: https://github.com/DefinitelyTyped/DefinitelyTyped
// TypeScript Version: 2.3
class RequestError extends Error {
    constructor(error) {
        super(error.message);
        Object.defineProperties(this, Object.getOwnPropertyDescriptors(error));
    }
}
class CacheError extends Error {
    constructor(error) {
        super(error.message);
        Object.defineProperties(this, Object.getOwnPropertyDescriptors(error));
    }
}

// biome-ignore-all lint/suspicious/noImplicitAnyLet: legacy format
// biome-ignore-all lint/suspicious/noExplicitAny: legacy format
class CacheableRequest {
    constructor(cacheRequest, cacheAdapter) {
        this.cache = new Keyv({ namespace: "cacheable-request" });
        this.hooks = new Map();
        this.request = () => (options, callback) => {
            let url;
            if (typeof options === "string") {
                url = normalizeUrlObject(parseWithWhatwg(options));
                options = {};
            }
            else if (options instanceof urlLib.URL) {
                url = normalizeUrlObject(parseWithWhatwg(options.toString()));
                options = {};
            }
            else {
                const [pathname, ...searchParts] = (options.path ?? "").split("?");
                const search = searchParts.length > 0 ? `?${searchParts.join("?")}` : "";
                url = normalizeUrlObject({ ...options, pathname, search });
            }
            options = {
                headers: {},
                method: "GET",
                cache: true,
                strictTtl: false,
                automaticFailover: false,
                ...options,
                ...urlObjectToRequestOptions(url),
            };
            options.headers = Object.fromEntries(entries(options.headers).map(([key, value]) => [
                key.toLowerCase(),
                value,
            ]));
            const ee = new require$$8();
            const normalizedUrlString = normalizeUrl(urlLib.format(url), {
                stripWWW: false,
                removeTrailingSlash: false,
                stripAuthentication: false,
            });
            let key = `${options.method}:${normalizedUrlString}`;
            // POST, PATCH, and PUT requests may be cached, depending on the response
            // cache-control headers. As a result, the body of the request should be
            // added to the cache key in order to avoid collisions.
            if (options.body &&
                options.method !== undefined &&
                ["POST", "PATCH", "PUT"].includes(options.method)) {
                if (options.body instanceof require$$0.Readable) {
                    // Streamed bodies should completely skip the cache because they may
                    // or may not be hashable and in either case the stream would need to
                    // close before the cache key could be generated.
                    options.cache = false;
                }
                else {
                    key += `:${nc__default.createHash("md5").update(options.body).digest("hex")}`;
                }
            }
            let revalidate = false;
            let madeRequest = false;
            const makeRequest = (options_) => {
                madeRequest = true;
                let requestErrored = false;
                /* c8 ignore next 4 */
                let requestErrorCallback = () => {
                    /* do nothing */
                };
                const requestErrorPromise = new Promise((resolve) => {
                    requestErrorCallback = () => {
                        if (!requestErrored) {
                            requestErrored = true;
                            resolve();
                        }
                    };
                });
                const handler = async (response) => {
                    if (revalidate) {
                        response.status = response.statusCode;
                        const originalPolicy = CachePolicy.fromObject(revalidate.cachePolicy);
                        const revalidatedPolicy = originalPolicy.revalidatedPolicy(options_, response);
                        if (!revalidatedPolicy.modified) {
                            response.resume();
                            await new Promise((resolve) => {
                                // Skipping 'error' handler cause 'error' event should't be emitted for 304 response
                                response.once("end", resolve);
                            });
                            // Get headers from revalidated policy
                            const headers = convertHeaders(revalidatedPolicy.policy.responseHeaders());
                            // Preserve headers from the original cached response that may have been
                            // lost during revalidation (e.g., content-encoding, content-type, etc.)
                            // This works around a limitation in http-cache-semantics where some headers
                            // are not preserved when a 304 response has minimal headers
                            const originalHeaders = convertHeaders(originalPolicy.responseHeaders());
                            // Headers that should be preserved from the cached response
                            // according to RFC 7232 section 4.1
                            const preserveHeaders = [
                                "content-encoding",
                                "content-type",
                                "content-length",
                                "content-language",
                                "content-location",
                                "etag",
                            ];
                            for (const headerName of preserveHeaders) {
                                if (originalHeaders[headerName] !== undefined &&
                                    headers[headerName] === undefined) {
                                    headers[headerName] = originalHeaders[headerName];
                                }
                            }
                            response = new Response({
                                statusCode: revalidate.statusCode,
                                headers,
                                body: revalidate.body,
                                url: revalidate.url,
                            });
                            response.cachePolicy = revalidatedPolicy.policy;
                            response.fromCache = true;
                        }
                    }
                    if (!response.fromCache) {
                        response.cachePolicy = new CachePolicy(options_, response, options_);
                        response.fromCache = false;
                    }
                    let clonedResponse;
                    if (options_.cache && response.cachePolicy.storable()) {
                        clonedResponse = cloneResponse(response);
                        (async () => {
                            try {
                                const bodyPromise = getStreamAsBuffer(response);
                                await Promise.race([
                                    requestErrorPromise,
                                    new Promise((resolve) => response.once("end", resolve)),
                                    new Promise((resolve) => response.once("close", resolve)),
                                ]);
                                const body = await bodyPromise;
                                let value = {
                                    url: response.url,
                                    statusCode: response.fromCache
                                        ? revalidate.statusCode
                                        : response.statusCode,
                                    body,
                                    cachePolicy: response.cachePolicy.toObject(),
                                };
                                let ttl = options_.strictTtl
                                    ? response.cachePolicy.timeToLive()
                                    : undefined;
                                if (options_.maxTtl) {
                                    ttl = ttl ? Math.min(ttl, options_.maxTtl) : options_.maxTtl;
                                }
                                if (this.hooks.size > 0) {
                                    for (const key_ of this.hooks.keys()) {
                                        value = await this.runHook(key_, value, response);
                                    }
                                }
                                await this.cache.set(key, value, ttl);
                                /* c8 ignore next -- @preserve */
                            }
                            catch (error) {
                                /* c8 ignore next -- @preserve */
                                ee.emit("error", new CacheError(error));
                                /* c8 ignore next -- @preserve */
                            }
                        })();
                    }
                    else if (options_.cache && revalidate) {
                        (async () => {
                            try {
                                await this.cache.delete(key);
                                /* c8 ignore next -- @preserve */
                            }
                            catch (error) {
                                /* c8 ignore next -- @preserve */
                                ee.emit("error", new CacheError(error));
                                /* c8 ignore next -- @preserve */
                            }
                        })();
                    }
                    ee.emit("response", clonedResponse ?? response);
                    if (typeof callback === "function") {
                        callback(clonedResponse ?? response);
                    }
                };
                try {
                    const request_ = this.cacheRequest(options_, handler);
                    request_.once("error", requestErrorCallback);
                    request_.once("abort", requestErrorCallback);
                    request_.once("destroy", requestErrorCallback);
                    ee.emit("request", request_);
                }
                catch (error) {
                    ee.emit("error", new RequestError(error));
                }
            };
            (async () => {
                const get = async (options_) => {
                    await Promise.resolve();
                    const cacheEntry = options_.cache
                        ? await this.cache.get(key)
                        : undefined;
                    if (cacheEntry === undefined && !options_.forceRefresh) {
                        makeRequest(options_);
                        return;
                    }
                    const policy = CachePolicy.fromObject(cacheEntry.cachePolicy);
                    if (policy.satisfiesWithoutRevalidation(options_) &&
                        !options_.forceRefresh) {
                        const headers = convertHeaders(policy.responseHeaders());
                        const bodyBuffer = cacheEntry.body;
                        const body = Buffer.from(bodyBuffer);
                        const response = new Response({
                            statusCode: cacheEntry.statusCode,
                            headers,
                            body,
                            url: cacheEntry.url,
                        });
                        response.cachePolicy = policy;
                        response.fromCache = true;
                        ee.emit("response", response);
                        if (typeof callback === "function") {
                            callback(response);
                        }
                    }
                    else if (policy.satisfiesWithoutRevalidation(options_) &&
                        Date.now() >= policy.timeToLive() &&
                        options_.forceRefresh) {
                        await this.cache.delete(key);
                        options_.headers = policy.revalidationHeaders(options_);
                        makeRequest(options_);
                    }
                    else {
                        revalidate = cacheEntry;
                        options_.headers = policy.revalidationHeaders(options_);
                        makeRequest(options_);
                    }
                };
                const errorHandler = (error) => ee.emit("error", new CacheError(error));
                if (this.cache instanceof Keyv) {
                    const cachek = this.cache;
                    cachek.once("error", errorHandler);
                    ee.on("error", () => {
                        cachek.removeListener("error", errorHandler);
                    });
                    ee.on("response", () => {
                        cachek.removeListener("error", errorHandler);
                    });
                }
                try {
                    await get(options);
                }
                catch (error) {
                    /* v8 ignore next -- @preserve */
                    if (options.automaticFailover && !madeRequest) {
                        makeRequest(options);
                    }
                    ee.emit("error", new CacheError(error));
                }
            })();
            return ee;
        };
        this.addHook = (name, function_) => {
            if (!this.hooks.has(name)) {
                this.hooks.set(name, function_);
            }
        };
        this.removeHook = (name) => this.hooks.delete(name);
        this.getHook = (name) => this.hooks.get(name);
        this.runHook = async (name, ...arguments_) => this.hooks.get(name)?.(...arguments_);
        if (cacheAdapter) {
            if (cacheAdapter instanceof Keyv) {
                this.cache = cacheAdapter;
            }
            else {
                this.cache = new Keyv({
                    store: cacheAdapter,
                    namespace: "cacheable-request",
                });
            }
        }
        this.request = this.request.bind(this);
        this.cacheRequest = cacheRequest;
    }
}
const entries = Object.entries;
const cloneResponse = (response) => {
    const clone = new PassThrough({ autoDestroy: false });
    mimicResponse(response, clone);
    return response.pipe(clone);
};
const urlObjectToRequestOptions = (url) => {
    const options = { ...url };
    options.path = `${url.pathname || "/"}${url.search || ""}`;
    delete options.pathname;
    delete options.search;
    return options;
};
const normalizeUrlObject = (url) => 
// If url was parsed by url.parse or new URL:
// - hostname will be set
// - host will be hostname[:port]
// - port will be set if it was explicit in the parsed string
// Otherwise, url was from request options:
// - hostname or host may be set
// - host shall not have port encoded
({
    protocol: url.protocol,
    auth: url.auth,
    hostname: url.hostname || url.host || "localhost",
    port: url.port,
    pathname: url.pathname,
    search: url.search,
});
const convertHeaders = (headers) => {
    const result = [];
    for (const name of Object.keys(headers)) {
        result[name.toLowerCase()] = headers[name];
    }
    return result;
};
const parseWithWhatwg = (raw) => {
    const u = new URL$1(raw);
    // If normalizeUrlObject expects the same fields as url.parse()
    return {
        protocol: u.protocol, // E.g. 'https:'
        slashes: true, // Always true for WHATWG URLs
        /* c8 ignore next 3 */
        auth: u.username || u.password ? `${u.username}:${u.password}` : undefined,
        host: u.host, // E.g. 'example.com:8080'
        port: u.port, // E.g. '8080'
        hostname: u.hostname, // E.g. 'example.com'
        hash: u.hash, // E.g. '#quux'
        search: u.search, // E.g. '?bar=baz'
        query: Object.fromEntries(u.searchParams), // { bar: 'baz' }
        pathname: u.pathname, // E.g. '/foo'
        path: u.pathname + u.search, // '/foo?bar=baz'
        href: u.href, // Full serialized URL
    };
};

// Detect zstd support (available in Node.js >= 22.15.0)
const supportsZstd$1 = typeof zlib__default.createZstdDecompress === 'function';

function decompressResponse(response) {
	const contentEncoding = (response.headers['content-encoding'] || '').toLowerCase();
	const supportedEncodings = ['gzip', 'deflate', 'br'];
	if (supportsZstd$1) {
		supportedEncodings.push('zstd');
	}

	if (!supportedEncodings.includes(contentEncoding)) {
		return response;
	}

	let isEmpty = true;

	// Clone headers to avoid modifying the original response headers
	const headers = {...response.headers};

	const finalStream = new PassThrough({
		autoDestroy: false,
	});

	// Only destroy response on error, not on normal completion
	finalStream.once('error', () => {
		response.destroy();
	});

	function handleContentEncoding(data) {
		let decompressStream;

		if (contentEncoding === 'zstd') {
			decompressStream = zlib__default.createZstdDecompress();
		} else if (contentEncoding === 'br') {
			decompressStream = zlib__default.createBrotliDecompress();
		} else if (contentEncoding === 'deflate' && data.length > 0 && (data[0] & 0x08) === 0) { // eslint-disable-line no-bitwise
			decompressStream = zlib__default.createInflateRaw();
		} else {
			decompressStream = zlib__default.createUnzip();
		}

		decompressStream.once('error', error => {
			if (isEmpty && !response.readable) {
				finalStream.end();
				return;
			}

			finalStream.destroy(error);
		});

		checker.pipe(decompressStream).pipe(finalStream);
	}

	const checker = new Transform({
		transform(data, _encoding, callback) {
			if (isEmpty === false) {
				callback(null, data);
				return;
			}

			isEmpty = false;

			handleContentEncoding(data);

			callback(null, data);
		},

		flush(callback) {
			if (isEmpty) {
				finalStream.end();
			}

			callback();
		},
	});

	delete headers['content-encoding'];
	delete headers['content-length'];
	finalStream.headers = headers;

	mimicResponse(response, finalStream);

	response.pipe(checker);

	return finalStream;
}

var __typeError = (msg) => {
  throw TypeError(msg);
};
var __accessCheck = (obj, member, msg) => member.has(obj) || __typeError("Cannot " + msg);
var __privateGet = (obj, member, getter) => (__accessCheck(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd = (obj, member, value) => member.has(obj) ? __typeError("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet = (obj, member, value, setter) => (__accessCheck(obj, member, "write to private field"), member.set(obj, value), value);
var __privateMethod = (obj, member, method) => (__accessCheck(obj, member, "access private method"), method);

// src/util/chunk.ts
var MAX_CHUNK_SIZE = 65536;
function* chunk(value) {
  if (value.byteLength <= MAX_CHUNK_SIZE) {
    yield value;
    return;
  }
  let offset = 0;
  while (offset < value.byteLength) {
    const size = Math.min(value.byteLength - offset, MAX_CHUNK_SIZE);
    const buffer = value.buffer.slice(offset, offset + size);
    offset += buffer.byteLength;
    yield new Uint8Array(buffer);
  }
}

// src/util/createBoundary.ts
var alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
function createBoundary() {
  let size = 16;
  let res = "";
  while (size--) {
    res += alphabet[Math.random() * alphabet.length << 0];
  }
  return res;
}

// src/util/escapeName.ts
var escapeName = (name) => String(name).replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");

// src/util/isFunction.ts
var isFunction = (value) => typeof value === "function";

// src/util/isReadableStreamFallback.ts
var isReadableStreamFallback = (value) => !!value && typeof value === "object" && !Array.isArray(value) && isFunction(value.getReader);

// src/util/isAsyncIterable.ts
var isAsyncIterable = (value) => isFunction(value[Symbol.asyncIterator]);

// src/util/getStreamIterator.ts
async function* readStream(readable) {
  const reader = readable.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    yield value;
  }
}
async function* chunkStream(stream) {
  for await (const value of stream) {
    yield* chunk(value);
  }
}
var getStreamIterator = (source) => {
  if (isAsyncIterable(source)) {
    return chunkStream(source);
  }
  if (isReadableStreamFallback(source)) {
    return chunkStream(readStream(source));
  }
  throw new TypeError(
    "Unsupported data source: Expected either ReadableStream or async iterable."
  );
};

// src/util/isFile.ts
var isFile = (value) => Boolean(
  value && typeof value === "object" && isFunction(value.constructor) && value[Symbol.toStringTag] === "File" && isFunction(value.stream) && value.name != null
);

// src/util/isFormData.ts
var isFormData$1 = (value) => Boolean(
  value && isFunction(value.constructor) && value[Symbol.toStringTag] === "FormData" && isFunction(value.append) && isFunction(value.getAll) && isFunction(value.entries) && isFunction(value[Symbol.iterator])
);

// src/util/isPlainObject.ts
var getType = (value) => Object.prototype.toString.call(value).slice(8, -1).toLowerCase();
function isPlainObject(value) {
  if (getType(value) !== "object") {
    return false;
  }
  const pp = Object.getPrototypeOf(value);
  if (pp === null || pp === void 0) {
    return true;
  }
  return pp.constructor?.toString?.() === Object.toString();
}

// src/util/normalizeValue.ts
var normalizeValue = (value) => String(value).replace(/\r|\n/g, (match, i, str) => {
  if (match === "\r" && str[i + 1] !== "\n" || match === "\n" && str[i - 1] !== "\r") {
    return "\r\n";
  }
  return match;
});

// src/util/proxyHeaders.ts
function getProperty(target, prop) {
  if (typeof prop === "string") {
    for (const [name, value] of Object.entries(target)) {
      if (prop.toLowerCase() === name.toLowerCase()) {
        return value;
      }
    }
  }
  return void 0;
}
var proxyHeaders = (object) => new Proxy(
  object,
  {
    get: (target, prop) => getProperty(target, prop),
    has: (target, prop) => getProperty(target, prop) !== void 0
  }
);

// src/FormDataEncoder.ts
var defaultOptions = {
  enableAdditionalHeaders: false
};
var readonlyProp = { writable: false, configurable: false };
var _CRLF, _CRLF_BYTES, _CRLF_BYTES_LENGTH, _DASHES, _encoder, _footer, _form, _options, _FormDataEncoder_instances, getFieldHeader_fn, getContentLength_fn;
var FormDataEncoder = class {
  constructor(form, boundaryOrOptions, options) {
    __privateAdd(this, _FormDataEncoder_instances);
    __privateAdd(this, _CRLF, "\r\n");
    __privateAdd(this, _CRLF_BYTES);
    __privateAdd(this, _CRLF_BYTES_LENGTH);
    __privateAdd(this, _DASHES, "-".repeat(2));
    /**
     * TextEncoder instance
     */
    __privateAdd(this, _encoder, new TextEncoder());
    /**
     * Returns form-data footer bytes
     */
    __privateAdd(this, _footer);
    /**
     * FormData instance
     */
    __privateAdd(this, _form);
    /**
     * Instance options
     */
    __privateAdd(this, _options);
    if (!isFormData$1(form)) {
      throw new TypeError("Expected first argument to be a FormData instance.");
    }
    let boundary;
    if (isPlainObject(boundaryOrOptions)) {
      options = boundaryOrOptions;
    } else {
      boundary = boundaryOrOptions;
    }
    if (!boundary) {
      boundary = `form-data-encoder-${createBoundary()}`;
    }
    if (typeof boundary !== "string") {
      throw new TypeError("Expected boundary argument to be a string.");
    }
    if (options && !isPlainObject(options)) {
      throw new TypeError("Expected options argument to be an object.");
    }
    __privateSet(this, _form, Array.from(form.entries()));
    __privateSet(this, _options, { ...defaultOptions, ...options });
    __privateSet(this, _CRLF_BYTES, __privateGet(this, _encoder).encode(__privateGet(this, _CRLF)));
    __privateSet(this, _CRLF_BYTES_LENGTH, __privateGet(this, _CRLF_BYTES).byteLength);
    this.boundary = boundary;
    this.contentType = `multipart/form-data; boundary=${this.boundary}`;
    __privateSet(this, _footer, __privateGet(this, _encoder).encode(
      `${__privateGet(this, _DASHES)}${this.boundary}${__privateGet(this, _DASHES)}${__privateGet(this, _CRLF).repeat(2)}`
    ));
    const headers = {
      "Content-Type": this.contentType
    };
    const contentLength = __privateMethod(this, _FormDataEncoder_instances, getContentLength_fn).call(this);
    if (contentLength) {
      this.contentLength = contentLength;
      headers["Content-Length"] = contentLength;
    }
    this.headers = proxyHeaders(Object.freeze(headers));
    Object.defineProperties(this, {
      boundary: readonlyProp,
      contentType: readonlyProp,
      contentLength: readonlyProp,
      headers: readonlyProp
    });
  }
  /**
   * Creates an iterator allowing to go through form-data parts (with metadata).
   * This method **will not** read the files and **will not** split values big into smaller chunks.
   *
   * Using this method, you can convert form-data content into Blob:
   *
   * @example
   *
   * ```ts
   * import {Readable} from "stream"
   *
   * import {FormDataEncoder} from "form-data-encoder"
   *
   * import {FormData} from "formdata-polyfill/esm-min.js"
   * import {fileFrom} from "fetch-blob/form.js"
   * import {File} from "fetch-blob/file.js"
   * import {Blob} from "fetch-blob"
   *
   * import fetch from "node-fetch"
   *
   * const form = new FormData()
   *
   * form.set("field", "Just a random string")
   * form.set("file", new File(["Using files is class amazing"]))
   * form.set("fileFromPath", await fileFrom("path/to/a/file.txt"))
   *
   * const encoder = new FormDataEncoder(form)
   *
   * const options = {
   *   method: "post",
   *   body: new Blob(encoder, {type: encoder.contentType})
   * }
   *
   * const response = await fetch("https://httpbin.org/post", options)
   *
   * console.log(await response.json())
   * ```
   */
  *values() {
    for (const [name, raw] of __privateGet(this, _form)) {
      const value = isFile(raw) ? raw : __privateGet(this, _encoder).encode(normalizeValue(raw));
      yield __privateMethod(this, _FormDataEncoder_instances, getFieldHeader_fn).call(this, name, value);
      yield value;
      yield __privateGet(this, _CRLF_BYTES);
    }
    yield __privateGet(this, _footer);
  }
  /**
   * Creates an async iterator allowing to perform the encoding by portions.
   * This method reads through files and splits big values into smaller pieces (65536 bytes per each).
   *
   * @example
   *
   * ```ts
   * import {Readable} from "stream"
   *
   * import {FormData, File, fileFromPath} from "formdata-node"
   * import {FormDataEncoder} from "form-data-encoder"
   *
   * import fetch from "node-fetch"
   *
   * const form = new FormData()
   *
   * form.set("field", "Just a random string")
   * form.set("file", new File(["Using files is class amazing"], "file.txt"))
   * form.set("fileFromPath", await fileFromPath("path/to/a/file.txt"))
   *
   * const encoder = new FormDataEncoder(form)
   *
   * const options = {
   *   method: "post",
   *   headers: encoder.headers,
   *   body: Readable.from(encoder.encode()) // or Readable.from(encoder)
   * }
   *
   * const response = await fetch("https://httpbin.org/post", options)
   *
   * console.log(await response.json())
   * ```
   */
  async *encode() {
    for (const part of this.values()) {
      if (isFile(part)) {
        yield* getStreamIterator(part.stream());
      } else {
        yield* chunk(part);
      }
    }
  }
  /**
   * Creates an iterator allowing to read through the encoder data using for...of loops
   */
  [Symbol.iterator]() {
    return this.values();
  }
  /**
   * Creates an **async** iterator allowing to read through the encoder data using for-await...of loops
   */
  [Symbol.asyncIterator]() {
    return this.encode();
  }
};
_CRLF = new WeakMap();
_CRLF_BYTES = new WeakMap();
_CRLF_BYTES_LENGTH = new WeakMap();
_DASHES = new WeakMap();
_encoder = new WeakMap();
_footer = new WeakMap();
_form = new WeakMap();
_options = new WeakMap();
_FormDataEncoder_instances = new WeakSet();
getFieldHeader_fn = function(name, value) {
  let header = "";
  header += `${__privateGet(this, _DASHES)}${this.boundary}${__privateGet(this, _CRLF)}`;
  header += `Content-Disposition: form-data; name="${escapeName(name)}"`;
  if (isFile(value)) {
    header += `; filename="${escapeName(value.name)}"${__privateGet(this, _CRLF)}`;
    header += `Content-Type: ${value.type || "application/octet-stream"}`;
  }
  if (__privateGet(this, _options).enableAdditionalHeaders === true) {
    const size = isFile(value) ? value.size : value.byteLength;
    if (size != null && !isNaN(size)) {
      header += `${__privateGet(this, _CRLF)}Content-Length: ${size}`;
    }
  }
  return __privateGet(this, _encoder).encode(`${header}${__privateGet(this, _CRLF).repeat(2)}`);
};
/**
 * Returns form-data content length
 */
getContentLength_fn = function() {
  let length = 0;
  for (const [name, raw] of __privateGet(this, _form)) {
    const value = isFile(raw) ? raw : __privateGet(this, _encoder).encode(normalizeValue(raw));
    const size = isFile(value) ? value.size : value.byteLength;
    if (size == null || isNaN(size)) {
      return void 0;
    }
    length += __privateMethod(this, _FormDataEncoder_instances, getFieldHeader_fn).call(this, name, value).byteLength;
    length += size;
    length += __privateGet(this, _CRLF_BYTES_LENGTH);
  }
  return String(length + __privateGet(this, _footer).byteLength);
};

function isTlsSocket(socket) {
    return 'encrypted' in socket;
}
const deferToConnect = (socket, fn) => {
    let listeners;
    if (typeof fn === 'function') {
        const connect = fn;
        listeners = { connect };
    }
    else {
        listeners = fn;
    }
    const hasConnectListener = typeof listeners.connect === 'function';
    const hasSecureConnectListener = typeof listeners.secureConnect === 'function';
    const hasCloseListener = typeof listeners.close === 'function';
    const onConnect = () => {
        if (hasConnectListener) {
            listeners.connect();
        }
        if (isTlsSocket(socket) && hasSecureConnectListener) {
            if (socket.authorized) {
                listeners.secureConnect();
            }
            else {
                // Wait for secureConnect event (even if authorization fails, we need the timing)
                socket.once('secureConnect', listeners.secureConnect);
            }
        }
        if (hasCloseListener) {
            socket.once('close', listeners.close);
        }
    };
    if (socket.writable && !socket.connecting) {
        onConnect();
    }
    else if (socket.connecting) {
        socket.once('connect', onConnect);
    }
    else if (socket.destroyed && hasCloseListener) {
        const hadError = '_hadError' in socket ? Boolean(socket._hadError) : false;
        listeners.close(hadError);
    }
};

const timer = (request) => {
    if (request.timings) {
        return request.timings;
    }
    const timings = {
        start: Date.now(),
        socket: undefined,
        lookup: undefined,
        connect: undefined,
        secureConnect: undefined,
        upload: undefined,
        response: undefined,
        end: undefined,
        error: undefined,
        abort: undefined,
        phases: {
            wait: undefined,
            dns: undefined,
            tcp: undefined,
            tls: undefined,
            request: undefined,
            firstByte: undefined,
            download: undefined,
            total: undefined,
        },
    };
    request.timings = timings;
    const handleError = (origin) => {
        origin.once(errorMonitor, () => {
            timings.error = Date.now();
            timings.phases.total = timings.error - timings.start;
        });
    };
    handleError(request);
    const onAbort = () => {
        timings.abort = Date.now();
        timings.phases.total = timings.abort - timings.start;
    };
    request.prependOnceListener('abort', onAbort);
    const onSocket = (socket) => {
        timings.socket = Date.now();
        timings.phases.wait = timings.socket - timings.start;
        if (types.isProxy(socket)) {
            // HTTP/2: The socket is a proxy, so connection events won't fire.
            // We can't measure connection timings, so leave them undefined.
            // This prevents NaN in phases.request calculation.
            return;
        }
        // Check if socket is already connected (reused from connection pool)
        const socketAlreadyConnected = socket.writable && !socket.connecting;
        if (socketAlreadyConnected) {
            // Socket reuse detected: the socket was already connected from a previous request.
            // For reused sockets, set all connection timestamps to socket time since no new
            // connection was made for THIS request. But preserve phase durations from the
            // original connection so they're not lost.
            timings.lookup = timings.socket;
            timings.connect = timings.socket;
            if (socket.__initial_connection_timings__) {
                // Restore the phase timings from the initial connection
                timings.phases.dns = socket.__initial_connection_timings__.dnsPhase;
                timings.phases.tcp = socket.__initial_connection_timings__.tcpPhase;
                timings.phases.tls = socket.__initial_connection_timings__.tlsPhase;
                // Set secureConnect timestamp if there was TLS
                if (timings.phases.tls !== undefined) {
                    timings.secureConnect = timings.socket;
                }
            }
            else {
                // Socket reused but no initial timings stored (e.g., from external code)
                // Set phases to 0
                timings.phases.dns = 0;
                timings.phases.tcp = 0;
            }
            return;
        }
        const lookupListener = () => {
            timings.lookup = Date.now();
            timings.phases.dns = timings.lookup - timings.socket;
        };
        socket.prependOnceListener('lookup', lookupListener);
        deferToConnect(socket, {
            connect() {
                timings.connect = Date.now();
                if (timings.lookup === undefined) {
                    // No DNS lookup occurred (e.g., connecting to an IP address directly)
                    // Set lookup to socket time (no time elapsed for DNS)
                    socket.removeListener('lookup', lookupListener);
                    timings.lookup = timings.socket;
                    timings.phases.dns = 0;
                }
                timings.phases.tcp = timings.connect - timings.lookup;
                // If lookup and connect happen at the EXACT same time (tcp = 0),
                // DNS was served from cache and the dns value is just event loop overhead.
                // Set dns to 0 to indicate no actual DNS resolution occurred.
                // Fixes https://github.com/szmarczak/http-timer/issues/35
                if (timings.phases.tcp === 0 && timings.phases.dns && timings.phases.dns > 0) {
                    timings.phases.dns = 0;
                }
                // Store connection phase timings on socket for potential reuse
                if (!socket.__initial_connection_timings__) {
                    socket.__initial_connection_timings__ = {
                        dnsPhase: timings.phases.dns,
                        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- TypeScript can't prove this is defined due to callback structure
                        tcpPhase: timings.phases.tcp,
                    };
                }
            },
            secureConnect() {
                timings.secureConnect = Date.now();
                timings.phases.tls = timings.secureConnect - timings.connect;
                // Update stored timings with TLS phase timing
                if (socket.__initial_connection_timings__) {
                    socket.__initial_connection_timings__.tlsPhase = timings.phases.tls;
                }
            },
        });
    };
    if (request.socket) {
        onSocket(request.socket);
    }
    else {
        request.prependOnceListener('socket', onSocket);
    }
    const onUpload = () => {
        timings.upload = Date.now();
        // Calculate request phase if we have connection timings
        const secureOrConnect = timings.secureConnect ?? timings.connect;
        if (secureOrConnect !== undefined) {
            timings.phases.request = timings.upload - secureOrConnect;
        }
        // If both are undefined (HTTP/2), phases.request stays undefined (not NaN)
    };
    if (request.writableFinished) {
        onUpload();
    }
    else {
        request.prependOnceListener('finish', onUpload);
    }
    request.prependOnceListener('response', (response) => {
        timings.response = Date.now();
        timings.phases.firstByte = timings.response - timings.upload;
        response.timings = timings;
        handleError(response);
        response.prependOnceListener('end', () => {
            request.off('abort', onAbort);
            response.off('aborted', onAbort);
            if (timings.phases.total !== undefined) {
                // Aborted or errored
                return;
            }
            timings.end = Date.now();
            timings.phases.download = timings.end - timings.response;
            timings.phases.total = timings.end - timings.start;
        });
        response.prependOnceListener('aborted', onAbort);
    });
    return timings;
};

function isFormData(body) {
    return is.nodeStream(body) && is.function(body.getBoundary);
}

async function getBodySize(body, headers) {
    if (headers && 'content-length' in headers) {
        return Number(headers['content-length']);
    }
    if (!body) {
        return 0;
    }
    if (is.string(body)) {
        return new TextEncoder().encode(body).byteLength;
    }
    if (is.buffer(body)) {
        return body.length;
    }
    if (is.typedArray(body)) {
        return body.byteLength;
    }
    if (isFormData(body)) {
        try {
            return await promisify(body.getLength.bind(body))();
        }
        catch (error) {
            const typedError = error;
            throw new Error('Cannot determine content-length for form-data with stream(s) of unknown length. '
                + 'This is a limitation of the `form-data` package. '
                + 'To fix this, either:\n'
                + '1. Use the `knownLength` option when appending streams:\n'
                + '   form.append(\'file\', stream, {knownLength: 12345});\n'
                + '2. Switch to spec-compliant FormData (formdata-node package)\n'
                + 'See: https://github.com/form-data/form-data#alternative-submission-methods\n'
                + `Original error: ${typedError.message}`);
        }
    }
    return undefined;
}

function proxyEvents$1(from, to, events) {
    const eventFunctions = {};
    for (const event of events) {
        const eventFunction = (...arguments_) => {
            to.emit(event, ...arguments_);
        };
        eventFunctions[event] = eventFunction;
        from.on(event, eventFunction);
    }
    return () => {
        for (const [event, eventFunction] of Object.entries(eventFunctions)) {
            from.off(event, eventFunction);
        }
    };
}

// When attaching listeners, it's very easy to forget about them.
// Especially if you do error handling and set timeouts.
// So instead of checking if it's proper to throw an error on every timeout ever,
// use this simple tool which will remove all listeners you have attached.
function unhandle() {
    const handlers = [];
    return {
        once(origin, event, function_) {
            origin.once(event, function_);
            handlers.push({ origin, event, fn: function_ });
        },
        unhandleAll() {
            for (const handler of handlers) {
                const { origin, event, fn } = handler;
                origin.removeListener(event, fn);
            }
            handlers.length = 0;
        },
    };
}

const reentry = Symbol('reentry');
const noop$1 = () => { };
class TimeoutError extends Error {
    event;
    name = 'TimeoutError';
    code = 'ETIMEDOUT';
    constructor(threshold, event) {
        super(`Timeout awaiting '${event}' for ${threshold}ms`);
        this.event = event;
    }
}
function timedOut(request, delays, options) {
    if (reentry in request) {
        return noop$1;
    }
    request[reentry] = true;
    const cancelers = [];
    const { once, unhandleAll } = unhandle();
    const handled = new Map();
    const addTimeout = (delay, callback, event) => {
        const timeout = setTimeout(callback, delay, delay, event);
        timeout.unref?.();
        const cancel = () => {
            handled.set(event, true);
            clearTimeout(timeout);
        };
        cancelers.push(cancel);
        return cancel;
    };
    const { host, hostname } = options;
    const timeoutHandler = (delay, event) => {
        // Use setTimeout to allow for any cancelled events to be handled first,
        // to prevent firing any TimeoutError unneeded when the event loop is busy or blocked
        setTimeout(() => {
            if (!handled.has(event)) {
                request.destroy(new TimeoutError(delay, event));
            }
        }, 0);
    };
    const cancelTimeouts = () => {
        for (const cancel of cancelers) {
            cancel();
        }
        unhandleAll();
    };
    request.once('error', error => {
        cancelTimeouts();
        // Save original behavior
        /* istanbul ignore next */
        if (request.listenerCount('error') === 0) {
            throw error;
        }
    });
    if (delays.request !== undefined) {
        const cancelTimeout = addTimeout(delays.request, timeoutHandler, 'request');
        once(request, 'response', (response) => {
            once(response, 'end', cancelTimeout);
        });
    }
    if (delays.socket !== undefined) {
        const { socket } = delays;
        const socketTimeoutHandler = () => {
            timeoutHandler(socket, 'socket');
        };
        request.setTimeout(socket, socketTimeoutHandler);
        // `request.setTimeout(0)` causes a memory leak.
        // We can just remove the listener and forget about the timer - it's unreffed.
        // See https://github.com/sindresorhus/got/issues/690
        cancelers.push(() => {
            request.removeListener('timeout', socketTimeoutHandler);
        });
    }
    const hasLookup = delays.lookup !== undefined;
    const hasConnect = delays.connect !== undefined;
    const hasSecureConnect = delays.secureConnect !== undefined;
    const hasSend = delays.send !== undefined;
    if (hasLookup || hasConnect || hasSecureConnect || hasSend) {
        once(request, 'socket', (socket) => {
            const { socketPath } = request;
            /* istanbul ignore next: hard to test */
            if (socket.connecting) {
                const hasPath = Boolean(socketPath ?? require$$0$1.isIP(hostname ?? host ?? '') !== 0);
                if (hasLookup && !hasPath && socket.address().address === undefined) {
                    const cancelTimeout = addTimeout(delays.lookup, timeoutHandler, 'lookup');
                    once(socket, 'lookup', cancelTimeout);
                }
                if (hasConnect) {
                    const timeConnect = () => addTimeout(delays.connect, timeoutHandler, 'connect');
                    if (hasPath) {
                        once(socket, 'connect', timeConnect());
                    }
                    else {
                        once(socket, 'lookup', (error) => {
                            if (error === null) {
                                once(socket, 'connect', timeConnect());
                            }
                        });
                    }
                }
                if (hasSecureConnect && options.protocol === 'https:') {
                    once(socket, 'connect', () => {
                        const cancelTimeout = addTimeout(delays.secureConnect, timeoutHandler, 'secureConnect');
                        once(socket, 'secureConnect', cancelTimeout);
                    });
                }
            }
            if (hasSend) {
                const timeRequest = () => addTimeout(delays.send, timeoutHandler, 'send');
                /* istanbul ignore next: hard to test */
                if (socket.connecting) {
                    once(socket, 'connect', () => {
                        once(request, 'upload-complete', timeRequest());
                    });
                }
                else {
                    once(request, 'upload-complete', timeRequest());
                }
            }
        });
    }
    if (delays.response !== undefined) {
        once(request, 'upload-complete', () => {
            const cancelTimeout = addTimeout(delays.response, timeoutHandler, 'response');
            once(request, 'response', cancelTimeout);
        });
    }
    if (delays.read !== undefined) {
        once(request, 'response', (response) => {
            const cancelTimeout = addTimeout(delays.read, timeoutHandler, 'read');
            once(response, 'end', cancelTimeout);
        });
    }
    return cancelTimeouts;
}

function urlToOptions(url) {
    // Cast to URL
    url = url;
    const options = {
        protocol: url.protocol,
        hostname: is.string(url.hostname) && url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        host: url.host,
        hash: url.hash,
        search: url.search,
        pathname: url.pathname,
        href: url.href,
        path: `${url.pathname || ''}${url.search || ''}`,
    };
    if (is.string(url.port) && url.port.length > 0) {
        options.port = Number(url.port);
    }
    if (url.username || url.password) {
        options.auth = `${url.username || ''}:${url.password || ''}`;
    }
    return options;
}

class WeakableMap {
    weakMap = new WeakMap();
    map = new Map();
    set(key, value) {
        if (typeof key === 'object') {
            this.weakMap.set(key, value);
        }
        else {
            this.map.set(key, value);
        }
    }
    get(key) {
        if (typeof key === 'object') {
            return this.weakMap.get(key);
        }
        return this.map.get(key);
    }
    has(key) {
        if (typeof key === 'object') {
            return this.weakMap.has(key);
        }
        return this.map.has(key);
    }
}

const calculateRetryDelay = ({ attemptCount, retryOptions, error, retryAfter, computedValue, }) => {
    if (error.name === 'RetryError') {
        return 1;
    }
    if (attemptCount > retryOptions.limit) {
        return 0;
    }
    const hasMethod = retryOptions.methods.includes(error.options.method);
    const hasErrorCode = retryOptions.errorCodes.includes(error.code);
    const hasStatusCode = error.response && retryOptions.statusCodes.includes(error.response.statusCode);
    if (!hasMethod || (!hasErrorCode && !hasStatusCode)) {
        return 0;
    }
    if (error.response) {
        if (retryAfter) {
            // In this case `computedValue` is `options.request.timeout`
            if (retryAfter > computedValue) {
                return 0;
            }
            return retryAfter;
        }
        if (error.response.statusCode === 413) {
            return 0;
        }
    }
    const noise = Math.random() * retryOptions.noise;
    return Math.min(((2 ** (attemptCount - 1)) * 1000), retryOptions.backoffLimit) + noise;
};

const {Resolver: AsyncResolver} = promises;

const kCacheableLookupCreateConnection = Symbol('cacheableLookupCreateConnection');
const kCacheableLookupInstance = Symbol('cacheableLookupInstance');
const kExpires = Symbol('expires');

const supportsALL = typeof ALL === 'number';

const verifyAgent = agent => {
	if (!(agent && typeof agent.createConnection === 'function')) {
		throw new Error('Expected an Agent instance as the first argument');
	}
};

const map4to6 = entries => {
	for (const entry of entries) {
		if (entry.family === 6) {
			continue;
		}

		entry.address = `::ffff:${entry.address}`;
		entry.family = 6;
	}
};

const getIfaceInfo = () => {
	let has4 = false;
	let has6 = false;

	for (const device of Object.values(os__default.networkInterfaces())) {
		for (const iface of device) {
			if (iface.internal) {
				continue;
			}

			if (iface.family === 'IPv6') {
				has6 = true;
			} else {
				has4 = true;
			}

			if (has4 && has6) {
				return {has4, has6};
			}
		}
	}

	return {has4, has6};
};

const isIterable = map => {
	return Symbol.iterator in map;
};

const ignoreNoResultErrors = dnsPromise => {
	return dnsPromise.catch(error => {
		if (
			error.code === 'ENODATA' ||
			error.code === 'ENOTFOUND' ||
			error.code === 'ENOENT' // Windows: name exists, but not this record type
		) {
			return [];
		}

		throw error;
	});
};

const ttl = {ttl: true};
const all = {all: true};
const all4 = {all: true, family: 4};
const all6 = {all: true, family: 6};

class CacheableLookup {
	constructor({
		cache = new Map(),
		maxTtl = Infinity,
		fallbackDuration = 3600,
		errorTtl = 0.15,
		resolver = new AsyncResolver(),
		lookup: lookup$1 = lookup
	} = {}) {
		this.maxTtl = maxTtl;
		this.errorTtl = errorTtl;

		this._cache = cache;
		this._resolver = resolver;
		this._dnsLookup = lookup$1 && promisify(lookup$1);
		this.stats = {
			cache: 0,
			query: 0
		};

		if (this._resolver instanceof AsyncResolver) {
			this._resolve4 = this._resolver.resolve4.bind(this._resolver);
			this._resolve6 = this._resolver.resolve6.bind(this._resolver);
		} else {
			this._resolve4 = promisify(this._resolver.resolve4.bind(this._resolver));
			this._resolve6 = promisify(this._resolver.resolve6.bind(this._resolver));
		}

		this._iface = getIfaceInfo();

		this._pending = {};
		this._nextRemovalTime = false;
		this._hostnamesToFallback = new Set();

		this.fallbackDuration = fallbackDuration;

		if (fallbackDuration > 0) {
			const interval = setInterval(() => {
				this._hostnamesToFallback.clear();
			}, fallbackDuration * 1000);

			/* istanbul ignore next: There is no `interval.unref()` when running inside an Electron renderer */
			if (interval.unref) {
				interval.unref();
			}

			this._fallbackInterval = interval;
		}

		this.lookup = this.lookup.bind(this);
		this.lookupAsync = this.lookupAsync.bind(this);
	}

	set servers(servers) {
		this.clear();

		this._resolver.setServers(servers);
	}

	get servers() {
		return this._resolver.getServers();
	}

	lookup(hostname, options, callback) {
		if (typeof options === 'function') {
			callback = options;
			options = {};
		} else if (typeof options === 'number') {
			options = {
				family: options
			};
		}

		if (!callback) {
			throw new Error('Callback must be a function.');
		}

		// eslint-disable-next-line promise/prefer-await-to-then
		this.lookupAsync(hostname, options).then(result => {
			if (options.all) {
				callback(null, result);
			} else {
				callback(null, result.address, result.family, result.expires, result.ttl, result.source);
			}
		}, callback);
	}

	async lookupAsync(hostname, options = {}) {
		if (typeof options === 'number') {
			options = {
				family: options
			};
		}

		let cached = await this.query(hostname);

		if (options.family === 6) {
			const filtered = cached.filter(entry => entry.family === 6);

			if (options.hints & V4MAPPED) {
				if ((supportsALL && options.hints & ALL) || filtered.length === 0) {
					map4to6(cached);
				} else {
					cached = filtered;
				}
			} else {
				cached = filtered;
			}
		} else if (options.family === 4) {
			cached = cached.filter(entry => entry.family === 4);
		}

		if (options.hints & ADDRCONFIG) {
			const {_iface} = this;
			cached = cached.filter(entry => entry.family === 6 ? _iface.has6 : _iface.has4);
		}

		if (cached.length === 0) {
			const error = new Error(`cacheableLookup ENOTFOUND ${hostname}`);
			error.code = 'ENOTFOUND';
			error.hostname = hostname;

			throw error;
		}

		if (options.all) {
			return cached;
		}

		return cached[0];
	}

	async query(hostname) {
		let source = 'cache';
		let cached = await this._cache.get(hostname);

		if (cached) {
			this.stats.cache++;
		}

		if (!cached) {
			const pending = this._pending[hostname];
			if (pending) {
				this.stats.cache++;
				cached = await pending;
			} else {
				source = 'query';
				const newPromise = this.queryAndCache(hostname);
				this._pending[hostname] = newPromise;
				this.stats.query++;
				try {
					cached = await newPromise;
				} finally {
					delete this._pending[hostname];
				}
			}
		}

		cached = cached.map(entry => {
			return {...entry, source};
		});

		return cached;
	}

	async _resolve(hostname) {
		// ANY is unsafe as it doesn't trigger new queries in the underlying server.
		const [A, AAAA] = await Promise.all([
			ignoreNoResultErrors(this._resolve4(hostname, ttl)),
			ignoreNoResultErrors(this._resolve6(hostname, ttl))
		]);

		let aTtl = 0;
		let aaaaTtl = 0;
		let cacheTtl = 0;

		const now = Date.now();

		for (const entry of A) {
			entry.family = 4;
			entry.expires = now + (entry.ttl * 1000);

			aTtl = Math.max(aTtl, entry.ttl);
		}

		for (const entry of AAAA) {
			entry.family = 6;
			entry.expires = now + (entry.ttl * 1000);

			aaaaTtl = Math.max(aaaaTtl, entry.ttl);
		}

		if (A.length > 0) {
			if (AAAA.length > 0) {
				cacheTtl = Math.min(aTtl, aaaaTtl);
			} else {
				cacheTtl = aTtl;
			}
		} else {
			cacheTtl = aaaaTtl;
		}

		return {
			entries: [
				...A,
				...AAAA
			],
			cacheTtl
		};
	}

	async _lookup(hostname) {
		try {
			const [A, AAAA] = await Promise.all([
				// Passing {all: true} doesn't return all IPv4 and IPv6 entries.
				// See https://github.com/szmarczak/cacheable-lookup/issues/42
				ignoreNoResultErrors(this._dnsLookup(hostname, all4)),
				ignoreNoResultErrors(this._dnsLookup(hostname, all6))
			]);

			return {
				entries: [
					...A,
					...AAAA
				],
				cacheTtl: 0
			};
		} catch {
			return {
				entries: [],
				cacheTtl: 0
			};
		}
	}

	async _set(hostname, data, cacheTtl) {
		if (this.maxTtl > 0 && cacheTtl > 0) {
			cacheTtl = Math.min(cacheTtl, this.maxTtl) * 1000;
			data[kExpires] = Date.now() + cacheTtl;

			try {
				await this._cache.set(hostname, data, cacheTtl);
			} catch (error) {
				this.lookupAsync = async () => {
					const cacheError = new Error('Cache Error. Please recreate the CacheableLookup instance.');
					cacheError.cause = error;

					throw cacheError;
				};
			}

			if (isIterable(this._cache)) {
				this._tick(cacheTtl);
			}
		}
	}

	async queryAndCache(hostname) {
		if (this._hostnamesToFallback.has(hostname)) {
			return this._dnsLookup(hostname, all);
		}

		let query = await this._resolve(hostname);

		if (query.entries.length === 0 && this._dnsLookup) {
			query = await this._lookup(hostname);

			if (query.entries.length !== 0 && this.fallbackDuration > 0) {
				// Use `dns.lookup(...)` for that particular hostname
				this._hostnamesToFallback.add(hostname);
			}
		}

		const cacheTtl = query.entries.length === 0 ? this.errorTtl : query.cacheTtl;
		await this._set(hostname, query.entries, cacheTtl);

		return query.entries;
	}

	_tick(ms) {
		const nextRemovalTime = this._nextRemovalTime;

		if (!nextRemovalTime || ms < nextRemovalTime) {
			clearTimeout(this._removalTimeout);

			this._nextRemovalTime = ms;

			this._removalTimeout = setTimeout(() => {
				this._nextRemovalTime = false;

				let nextExpiry = Infinity;

				const now = Date.now();

				for (const [hostname, entries] of this._cache) {
					const expires = entries[kExpires];

					if (now >= expires) {
						this._cache.delete(hostname);
					} else if (expires < nextExpiry) {
						nextExpiry = expires;
					}
				}

				if (nextExpiry !== Infinity) {
					this._tick(nextExpiry - now);
				}
			}, ms);

			/* istanbul ignore next: There is no `timeout.unref()` when running inside an Electron renderer */
			if (this._removalTimeout.unref) {
				this._removalTimeout.unref();
			}
		}
	}

	install(agent) {
		verifyAgent(agent);

		if (kCacheableLookupCreateConnection in agent) {
			throw new Error('CacheableLookup has been already installed');
		}

		agent[kCacheableLookupCreateConnection] = agent.createConnection;
		agent[kCacheableLookupInstance] = this;

		agent.createConnection = (options, callback) => {
			if (!('lookup' in options)) {
				options.lookup = this.lookup;
			}

			return agent[kCacheableLookupCreateConnection](options, callback);
		};
	}

	uninstall(agent) {
		verifyAgent(agent);

		if (agent[kCacheableLookupCreateConnection]) {
			if (agent[kCacheableLookupInstance] !== this) {
				throw new Error('The agent is not owned by this CacheableLookup instance');
			}

			agent.createConnection = agent[kCacheableLookupCreateConnection];

			delete agent[kCacheableLookupCreateConnection];
			delete agent[kCacheableLookupInstance];
		}
	}

	updateInterfaceInfo() {
		const {_iface} = this;

		this._iface = getIfaceInfo();

		if ((_iface.has4 && !this._iface.has4) || (_iface.has6 && !this._iface.has6)) {
			this._cache.clear();
		}
	}

	clear(hostname) {
		if (hostname) {
			this._cache.delete(hostname);
			return;
		}

		this._cache.clear();
	}
}

var quickLru;
var hasRequiredQuickLru;

function requireQuickLru () {
	if (hasRequiredQuickLru) return quickLru;
	hasRequiredQuickLru = 1;

	class QuickLRU {
		constructor(options = {}) {
			if (!(options.maxSize && options.maxSize > 0)) {
				throw new TypeError('`maxSize` must be a number greater than 0');
			}

			this.maxSize = options.maxSize;
			this.onEviction = options.onEviction;
			this.cache = new Map();
			this.oldCache = new Map();
			this._size = 0;
		}

		_set(key, value) {
			this.cache.set(key, value);
			this._size++;

			if (this._size >= this.maxSize) {
				this._size = 0;

				if (typeof this.onEviction === 'function') {
					for (const [key, value] of this.oldCache.entries()) {
						this.onEviction(key, value);
					}
				}

				this.oldCache = this.cache;
				this.cache = new Map();
			}
		}

		get(key) {
			if (this.cache.has(key)) {
				return this.cache.get(key);
			}

			if (this.oldCache.has(key)) {
				const value = this.oldCache.get(key);
				this.oldCache.delete(key);
				this._set(key, value);
				return value;
			}
		}

		set(key, value) {
			if (this.cache.has(key)) {
				this.cache.set(key, value);
			} else {
				this._set(key, value);
			}

			return this;
		}

		has(key) {
			return this.cache.has(key) || this.oldCache.has(key);
		}

		peek(key) {
			if (this.cache.has(key)) {
				return this.cache.get(key);
			}

			if (this.oldCache.has(key)) {
				return this.oldCache.get(key);
			}
		}

		delete(key) {
			const deleted = this.cache.delete(key);
			if (deleted) {
				this._size--;
			}

			return this.oldCache.delete(key) || deleted;
		}

		clear() {
			this.cache.clear();
			this.oldCache.clear();
			this._size = 0;
		}

		* keys() {
			for (const [key] of this) {
				yield key;
			}
		}

		* values() {
			for (const [, value] of this) {
				yield value;
			}
		}

		* [Symbol.iterator]() {
			for (const item of this.cache) {
				yield item;
			}

			for (const item of this.oldCache) {
				const [key] = item;
				if (!this.cache.has(key)) {
					yield item;
				}
			}
		}

		get size() {
			let oldCacheSize = 0;
			for (const key of this.oldCache.keys()) {
				if (!this.cache.has(key)) {
					oldCacheSize++;
				}
			}

			return Math.min(this._size + oldCacheSize, this.maxSize);
		}
	}

	quickLru = QuickLRU;
	return quickLru;
}

var delayAsyncDestroy;
var hasRequiredDelayAsyncDestroy;

function requireDelayAsyncDestroy () {
	if (hasRequiredDelayAsyncDestroy) return delayAsyncDestroy;
	hasRequiredDelayAsyncDestroy = 1;

	delayAsyncDestroy = stream => {
		if (stream.listenerCount('error') !== 0) {
			return stream;
		}

		stream.__destroy = stream._destroy;
		stream._destroy = (...args) => {
			const callback = args.pop();

			stream.__destroy(...args, async error => {
				await Promise.resolve();
				callback(error);
			});
		};

		const onError = error => {
			// eslint-disable-next-line promise/prefer-await-to-then
			Promise.resolve().then(() => {
				stream.emit('error', error);
			});
		};

		stream.once('error', onError);

		// eslint-disable-next-line promise/prefer-await-to-then
		Promise.resolve().then(() => {
			stream.off('error', onError);
		});

		return stream;
	};
	return delayAsyncDestroy;
}

var agent;
var hasRequiredAgent;

function requireAgent () {
	if (hasRequiredAgent) return agent;
	hasRequiredAgent = 1;
	// See https://github.com/facebook/jest/issues/2549
	// eslint-disable-next-line node/prefer-global/url
	const {isIP} = require$$0$2;
	const {URL} = require$$0$3;
	const EventEmitter = events__default;
	const tls = require$$1;
	const http2 = require$$4;
	const QuickLRU = requireQuickLru();
	const delayAsyncDestroy = requireDelayAsyncDestroy();

	const kCurrentStreamCount = Symbol('currentStreamCount');
	const kRequest = Symbol('request');
	const kOriginSet = Symbol('cachedOriginSet');
	const kGracefullyClosing = Symbol('gracefullyClosing');
	const kLength = Symbol('length');

	const nameKeys = [
		// Not an Agent option actually
		'createConnection',

		// `http2.connect()` options
		'maxDeflateDynamicTableSize',
		'maxSettings',
		'maxSessionMemory',
		'maxHeaderListPairs',
		'maxOutstandingPings',
		'maxReservedRemoteStreams',
		'maxSendHeaderBlockLength',
		'paddingStrategy',
		'peerMaxConcurrentStreams',
		'settings',

		// `tls.connect()` source options
		'family',
		'localAddress',
		'rejectUnauthorized',

		// `tls.connect()` secure context options
		'pskCallback',
		'minDHSize',

		// `tls.connect()` destination options
		// - `servername` is automatically validated, skip it
		// - `host` and `port` just describe the destination server,
		'path',
		'socket',

		// `tls.createSecureContext()` options
		'ca',
		'cert',
		'sigalgs',
		'ciphers',
		'clientCertEngine',
		'crl',
		'dhparam',
		'ecdhCurve',
		'honorCipherOrder',
		'key',
		'privateKeyEngine',
		'privateKeyIdentifier',
		'maxVersion',
		'minVersion',
		'pfx',
		'secureOptions',
		'secureProtocol',
		'sessionIdContext',
		'ticketKeys'
	];

	const getSortedIndex = (array, value, compare) => {
		let low = 0;
		let high = array.length;

		while (low < high) {
			const mid = (low + high) >>> 1;

			if (compare(array[mid], value)) {
				low = mid + 1;
			} else {
				high = mid;
			}
		}

		return low;
	};

	const compareSessions = (a, b) => a.remoteSettings.maxConcurrentStreams > b.remoteSettings.maxConcurrentStreams;

	// See https://tools.ietf.org/html/rfc8336
	const closeCoveredSessions = (where, session) => {
		// Clients SHOULD NOT emit new requests on any connection whose Origin
		// Set is a proper subset of another connection's Origin Set, and they
		// SHOULD close it once all outstanding requests are satisfied.
		for (let index = 0; index < where.length; index++) {
			const coveredSession = where[index];

			if (
				// Unfortunately `.every()` returns true for an empty array
				coveredSession[kOriginSet].length > 0

				// The set is a proper subset when its length is less than the other set.
				&& coveredSession[kOriginSet].length < session[kOriginSet].length

				// And the other set includes all elements of the subset.
				&& coveredSession[kOriginSet].every(origin => session[kOriginSet].includes(origin))

				// Makes sure that the session can handle all requests from the covered session.
				&& (coveredSession[kCurrentStreamCount] + session[kCurrentStreamCount]) <= session.remoteSettings.maxConcurrentStreams
			) {
				// This allows pending requests to finish and prevents making new requests.
				gracefullyClose(coveredSession);
			}
		}
	};

	// This is basically inverted `closeCoveredSessions(...)`.
	const closeSessionIfCovered = (where, coveredSession) => {
		for (let index = 0; index < where.length; index++) {
			const session = where[index];

			if (
				coveredSession[kOriginSet].length > 0
				&& coveredSession[kOriginSet].length < session[kOriginSet].length
				&& coveredSession[kOriginSet].every(origin => session[kOriginSet].includes(origin))
				&& (coveredSession[kCurrentStreamCount] + session[kCurrentStreamCount]) <= session.remoteSettings.maxConcurrentStreams
			) {
				gracefullyClose(coveredSession);

				return true;
			}
		}

		return false;
	};

	const gracefullyClose = session => {
		session[kGracefullyClosing] = true;

		if (session[kCurrentStreamCount] === 0) {
			session.close();
		}
	};

	class Agent extends EventEmitter {
		constructor({timeout = 0, maxSessions = Number.POSITIVE_INFINITY, maxEmptySessions = 10, maxCachedTlsSessions = 100} = {}) {
			super();

			// SESSIONS[NORMALIZED_OPTIONS] = [];
			this.sessions = {};

			// The queue for creating new sessions. It looks like this:
			// QUEUE[NORMALIZED_OPTIONS][NORMALIZED_ORIGIN] = ENTRY_FUNCTION
			//
			// It's faster when there are many origins. If there's only one, then QUEUE[`${options}:${origin}`] is faster.
			// I guess object creation / deletion is causing the slowdown.
			//
			// The entry function has `listeners`, `completed` and `destroyed` properties.
			// `listeners` is an array of objects containing `resolve` and `reject` functions.
			// `completed` is a boolean. It's set to true after ENTRY_FUNCTION is executed.
			// `destroyed` is a boolean. If it's set to true, the session will be destroyed if hasn't connected yet.
			this.queue = {};

			// Each session will use this timeout value.
			this.timeout = timeout;

			// Max sessions in total
			this.maxSessions = maxSessions;

			// Max empty sessions in total
			this.maxEmptySessions = maxEmptySessions;

			this._emptySessionCount = 0;
			this._sessionCount = 0;

			// We don't support push streams by default.
			this.settings = {
				enablePush: false,
				initialWindowSize: 1024 * 1024 * 32 // 32MB, see https://github.com/nodejs/node/issues/38426
			};

			// Reusing TLS sessions increases performance.
			this.tlsSessionCache = new QuickLRU({maxSize: maxCachedTlsSessions});
		}

		get protocol() {
			return 'https:';
		}

		normalizeOptions(options) {
			let normalized = '';

			for (let index = 0; index < nameKeys.length; index++) {
				const key = nameKeys[index];

				normalized += ':';

				if (options && options[key] !== undefined) {
					normalized += options[key];
				}
			}

			return normalized;
		}

		_processQueue() {
			if (this._sessionCount >= this.maxSessions) {
				this.closeEmptySessions(this.maxSessions - this._sessionCount + 1);
				return;
			}

			// eslint-disable-next-line guard-for-in
			for (const normalizedOptions in this.queue) {
				// eslint-disable-next-line guard-for-in
				for (const normalizedOrigin in this.queue[normalizedOptions]) {
					const item = this.queue[normalizedOptions][normalizedOrigin];

					// The entry function can be run only once.
					if (!item.completed) {
						item.completed = true;

						item();
					}
				}
			}
		}

		_isBetterSession(thisStreamCount, thatStreamCount) {
			return thisStreamCount > thatStreamCount;
		}

		_accept(session, listeners, normalizedOrigin, options) {
			let index = 0;

			while (index < listeners.length && session[kCurrentStreamCount] < session.remoteSettings.maxConcurrentStreams) {
				// We assume `resolve(...)` calls `request(...)` *directly*,
				// otherwise the session will get overloaded.
				listeners[index].resolve(session);

				index++;
			}

			listeners.splice(0, index);

			if (listeners.length > 0) {
				this.getSession(normalizedOrigin, options, listeners);
				listeners.length = 0;
			}
		}

		getSession(origin, options, listeners) {
			return new Promise((resolve, reject) => {
				if (Array.isArray(listeners) && listeners.length > 0) {
					listeners = [...listeners];

					// Resolve the current promise ASAP, we're just moving the listeners.
					// They will be executed at a different time.
					resolve();
				} else {
					listeners = [{resolve, reject}];
				}

				try {
					// Parse origin
					if (typeof origin === 'string') {
						origin = new URL(origin);
					} else if (!(origin instanceof URL)) {
						throw new TypeError('The `origin` argument needs to be a string or an URL object');
					}

					if (options) {
						// Validate servername
						const {servername} = options;
						const {hostname} = origin;
						if (servername && hostname !== servername) {
							throw new Error(`Origin ${hostname} differs from servername ${servername}`);
						}
					}
				} catch (error) {
					for (let index = 0; index < listeners.length; index++) {
						listeners[index].reject(error);
					}

					return;
				}

				const normalizedOptions = this.normalizeOptions(options);
				const normalizedOrigin = origin.origin;

				if (normalizedOptions in this.sessions) {
					const sessions = this.sessions[normalizedOptions];

					let maxConcurrentStreams = -1;
					let currentStreamsCount = -1;
					let optimalSession;

					// We could just do this.sessions[normalizedOptions].find(...) but that isn't optimal.
					// Additionally, we are looking for session which has biggest current pending streams count.
					//
					// |------------| |------------| |------------| |------------|
					// | Session: A | | Session: B | | Session: C | | Session: D |
					// | Pending: 5 |-| Pending: 8 |-| Pending: 9 |-| Pending: 4 |
					// | Max:    10 | | Max:    10 | | Max:     9 | | Max:     5 |
					// |------------| |------------| |------------| |------------|
					//                     ^
					//                     |
					//     pick this one  --
					//
					for (let index = 0; index < sessions.length; index++) {
						const session = sessions[index];

						const sessionMaxConcurrentStreams = session.remoteSettings.maxConcurrentStreams;

						if (sessionMaxConcurrentStreams < maxConcurrentStreams) {
							break;
						}

						if (!session[kOriginSet].includes(normalizedOrigin)) {
							continue;
						}

						const sessionCurrentStreamsCount = session[kCurrentStreamCount];

						if (
							sessionCurrentStreamsCount >= sessionMaxConcurrentStreams
							|| session[kGracefullyClosing]
							// Unfortunately the `close` event isn't called immediately,
							// so `session.destroyed` is `true`, but `session.closed` is `false`.
							|| session.destroyed
						) {
							continue;
						}

						// We only need set this once.
						if (!optimalSession) {
							maxConcurrentStreams = sessionMaxConcurrentStreams;
						}

						// Either get the session which has biggest current stream count or the lowest.
						if (this._isBetterSession(sessionCurrentStreamsCount, currentStreamsCount)) {
							optimalSession = session;
							currentStreamsCount = sessionCurrentStreamsCount;
						}
					}

					if (optimalSession) {
						this._accept(optimalSession, listeners, normalizedOrigin, options);
						return;
					}
				}

				if (normalizedOptions in this.queue) {
					if (normalizedOrigin in this.queue[normalizedOptions]) {
						// There's already an item in the queue, just attach ourselves to it.
						this.queue[normalizedOptions][normalizedOrigin].listeners.push(...listeners);
						return;
					}
				} else {
					this.queue[normalizedOptions] = {
						[kLength]: 0
					};
				}

				// The entry must be removed from the queue IMMEDIATELY when:
				// 1. the session connects successfully,
				// 2. an error occurs.
				const removeFromQueue = () => {
					// Our entry can be replaced. We cannot remove the new one.
					if (normalizedOptions in this.queue && this.queue[normalizedOptions][normalizedOrigin] === entry) {
						delete this.queue[normalizedOptions][normalizedOrigin];

						if (--this.queue[normalizedOptions][kLength] === 0) {
							delete this.queue[normalizedOptions];
						}
					}
				};

				// The main logic is here
				const entry = async () => {
					this._sessionCount++;

					const name = `${normalizedOrigin}:${normalizedOptions}`;
					let receivedSettings = false;
					let socket;

					try {
						const computedOptions = {...options};

						if (computedOptions.settings === undefined) {
							computedOptions.settings = this.settings;
						}

						if (computedOptions.session === undefined) {
							computedOptions.session = this.tlsSessionCache.get(name);
						}

						const createConnection = computedOptions.createConnection || this.createConnection;

						let error;

						// A hacky workaround to enable async `createConnection`
						socket = await createConnection.call(this, origin, computedOptions);

						// Node's design a mistake.
						// A better solution would be to store the error, not crash.
						socket.once('error', e => {
							error = e;
						});

						computedOptions.createConnection = () => {
							if (error !== undefined) {
								throw error;
							}

							return socket;
						};

						const session = http2.connect(origin, computedOptions);
						session[kCurrentStreamCount] = 0;
						session[kGracefullyClosing] = false;

						// Node.js return https://false:443 instead of https://1.1.1.1:443
						const getOriginSet = () => {
							const {socket} = session;

							let originSet;
							if (socket.servername === false) {
								socket.servername = socket.remoteAddress;
								originSet = session.originSet;
								socket.servername = false;
							} else {
								originSet = session.originSet;
							}

							const cert = socket.getPeerX509Certificate?.();
							if (!cert) {
								let hostname = socket.servername;
								if (hostname === null || hostname === false) {
									if (socket.remoteFamily === 'IPv6') {
										hostname = `[${socket.remoteAddress}]`;
									} else {
										hostname = socket.remoteAddress;
									}
								}

								let origin = `https://${hostname}`;

								if (socket.remotePort !== null && socket.remotePort !== undefined) {
									origin += `:${socket.remotePort}`;
								}

								const parsed = URL.parse(origin);

								if (parsed !== null) {
									return [parsed.origin];
								}

								return [];
							}

							return originSet.filter(origin => {
								if (origin.startsWith('https://')) {
									origin = origin.slice('https://'.length);
								}

								const colon = origin.indexOf(':');

								if (colon !== -1) {
									origin = origin.slice(0, colon);
								}

								if (origin[0] === '[') {
									origin = origin.slice(1, -1);
								}

								if (isIP(origin)) {
									return cert.checkIP(origin) !== undefined;
								} else {
									return cert.checkHost(origin) !== undefined;
								}
							});
						};

						const isFree = () => session[kCurrentStreamCount] < session.remoteSettings.maxConcurrentStreams;

						session.socket.once('session', tlsSession => {
							this.tlsSessionCache.set(name, tlsSession);
						});

						session.once('error', error => {
							// Listeners are empty when the session successfully connected.
							for (let index = 0; index < listeners.length; index++) {
								listeners[index].reject(error);
							}

							// The connection got broken, purge the cache.
							this.tlsSessionCache.delete(name);
						});

						session.setTimeout(this.timeout, () => {
							// Terminates all streams owned by this session.
							session.destroy();
						});

						session.once('close', () => {
							this._sessionCount--;

							if (receivedSettings) {
								// Assumes session `close` is emitted after request `close`
								this._emptySessionCount--;

								// This cannot be moved to the stream logic,
								// because there may be a session that hadn't made a single request.
								const where = this.sessions[normalizedOptions];

								if (where.length === 1) {
									delete this.sessions[normalizedOptions];
								} else {
									where.splice(where.indexOf(session), 1);
								}
							} else {
								// Broken connection
								removeFromQueue();

								const error = new Error('Session closed without receiving a SETTINGS frame');
								error.code = 'HTTP2WRAPPER_NOSETTINGS';

								for (let index = 0; index < listeners.length; index++) {
									listeners[index].reject(error);
								}
							}

							// There may be another session awaiting.
							this._processQueue();
						});

						// Iterates over the queue and processes listeners.
						const processListeners = () => {
							const queue = this.queue[normalizedOptions];
							if (!queue) {
								return;
							}

							const originSet = session[kOriginSet];

							for (let index = 0; index < originSet.length; index++) {
								const origin = originSet[index];

								if (origin in queue) {
									const {listeners, completed} = queue[origin];

									let index = 0;

									// Prevents session overloading.
									while (index < listeners.length && isFree()) {
										// We assume `resolve(...)` calls `request(...)` *directly*,
										// otherwise the session will get overloaded.
										listeners[index].resolve(session);

										index++;
									}

									queue[origin].listeners.splice(0, index);

									if (queue[origin].listeners.length === 0 && !completed) {
										delete queue[origin];

										if (--queue[kLength] === 0) {
											delete this.queue[normalizedOptions];
											break;
										}
									}

									// We're no longer free, no point in continuing.
									if (!isFree()) {
										break;
									}
								}
							}
						};

						// The Origin Set cannot shrink. No need to check if it suddenly became covered by another one.
						session.on('origin', () => {
							session[kOriginSet] = getOriginSet() || [];
							session[kGracefullyClosing] = false;
							closeSessionIfCovered(this.sessions[normalizedOptions], session);

							if (session[kGracefullyClosing] || !isFree()) {
								return;
							}

							processListeners();

							if (!isFree()) {
								return;
							}

							// Close covered sessions (if possible).
							closeCoveredSessions(this.sessions[normalizedOptions], session);
						});

						session.once('remoteSettings', () => {
							// The Agent could have been destroyed already.
							if (entry.destroyed) {
								const error = new Error('Agent has been destroyed');

								for (let index = 0; index < listeners.length; index++) {
									listeners[index].reject(error);
								}

								session.destroy();
								return;
							}

							// See https://github.com/nodejs/node/issues/38426
							if (session.setLocalWindowSize) {
								session.setLocalWindowSize(1024 * 1024 * 4); // 4 MB
							}

							session[kOriginSet] = getOriginSet() || [];

							if (session.socket.encrypted) {
								const mainOrigin = session[kOriginSet][0];
								if (mainOrigin !== normalizedOrigin) {
									const error = new Error(`Requested origin ${normalizedOrigin} does not match server ${mainOrigin}`);

									for (let index = 0; index < listeners.length; index++) {
										listeners[index].reject(error);
									}

									session.destroy();
									return;
								}
							}

							removeFromQueue();

							{
								const where = this.sessions;

								if (normalizedOptions in where) {
									const sessions = where[normalizedOptions];
									sessions.splice(getSortedIndex(sessions, session, compareSessions), 0, session);
								} else {
									where[normalizedOptions] = [session];
								}
							}

							receivedSettings = true;
							this._emptySessionCount++;

							this.emit('session', session);
							this._accept(session, listeners, normalizedOrigin, options);

							if (session[kCurrentStreamCount] === 0 && this._emptySessionCount > this.maxEmptySessions) {
								this.closeEmptySessions(this._emptySessionCount - this.maxEmptySessions);
							}

							// `session.remoteSettings.maxConcurrentStreams` might get increased
							session.on('remoteSettings', () => {
								if (!isFree()) {
									return;
								}

								processListeners();

								if (!isFree()) {
									return;
								}

								// In case the Origin Set changes
								closeCoveredSessions(this.sessions[normalizedOptions], session);
							});
						});

						// Shim `session.request()` in order to catch all streams
						session[kRequest] = session.request;
						session.request = (headers, streamOptions) => {
							if (session[kGracefullyClosing]) {
								throw new Error('The session is gracefully closing. No new streams are allowed.');
							}

							const stream = session[kRequest](headers, streamOptions);

							// The process won't exit until the session is closed or all requests are gone.
							session.ref();

							if (session[kCurrentStreamCount]++ === 0) {
								this._emptySessionCount--;
							}

							stream.once('close', () => {
								if (--session[kCurrentStreamCount] === 0) {
									this._emptySessionCount++;
									session.unref();

									if (this._emptySessionCount > this.maxEmptySessions || session[kGracefullyClosing]) {
										session.close();
										return;
									}
								}

								if (session.destroyed || session.closed) {
									return;
								}

								if (isFree() && !closeSessionIfCovered(this.sessions[normalizedOptions], session)) {
									closeCoveredSessions(this.sessions[normalizedOptions], session);
									processListeners();

									if (session[kCurrentStreamCount] === 0) {
										this._processQueue();
									}
								}
							});

							return stream;
						};
					} catch (error) {
						removeFromQueue();
						this._sessionCount--;

						for (let index = 0; index < listeners.length; index++) {
							listeners[index].reject(error);
						}
					}
				};

				entry.listeners = listeners;
				entry.completed = false;
				entry.destroyed = false;

				this.queue[normalizedOptions][normalizedOrigin] = entry;
				this.queue[normalizedOptions][kLength]++;
				this._processQueue();
			});
		}

		request(origin, options, headers, streamOptions) {
			return new Promise((resolve, reject) => {
				this.getSession(origin, options, [{
					reject,
					resolve: session => {
						try {
							const stream = session.request(headers, streamOptions);

							// Do not throw before `request(...)` has been awaited
							delayAsyncDestroy(stream);

							resolve(stream);
						} catch (error) {
							reject(error);
						}
					}
				}]);
			});
		}

		async createConnection(origin, options) {
			return Agent.connect(origin, options);
		}

		static connect(origin, options) {
			options.ALPNProtocols = ['h2'];

			const port = origin.port || 443;
			let host = origin.hostname;

			if (host[0] === '[') {
				host = host.slice(1, -1);
			}

			if (typeof options.servername === 'undefined') {
				options.servername = host;
			}

			const socket = tls.connect(port, host, options);

			if (options.socket) {
				socket._peername = {
					family: undefined,
					address: undefined,
					port
				};
			}

			return delayAsyncDestroy(socket);
		}

		closeEmptySessions(maxCount = Number.POSITIVE_INFINITY) {
			let closedCount = 0;

			const {sessions} = this;

			// eslint-disable-next-line guard-for-in
			for (const key in sessions) {
				const thisSessions = sessions[key];

				for (let index = 0; index < thisSessions.length; index++) {
					const session = thisSessions[index];

					if (session[kCurrentStreamCount] === 0) {
						closedCount++;
						session.close();

						if (closedCount >= maxCount) {
							return closedCount;
						}
					}
				}
			}

			return closedCount;
		}

		destroy(reason) {
			const {sessions, queue} = this;

			// eslint-disable-next-line guard-for-in
			for (const key in sessions) {
				const thisSessions = sessions[key];

				for (let index = 0; index < thisSessions.length; index++) {
					thisSessions[index].destroy(reason);
				}
			}

			// eslint-disable-next-line guard-for-in
			for (const normalizedOptions in queue) {
				const entries = queue[normalizedOptions];

				// eslint-disable-next-line guard-for-in
				for (const normalizedOrigin in entries) {
					entries[normalizedOrigin].destroyed = true;
				}
			}

			// New requests should NOT attach to destroyed sessions
			this.queue = {};
			this.tlsSessionCache.clear();
		}

		get emptySessionCount() {
			return this._emptySessionCount;
		}

		get pendingSessionCount() {
			return this._sessionCount - this._emptySessionCount;
		}

		get sessionCount() {
			return this._sessionCount;
		}
	}

	Agent.kCurrentStreamCount = kCurrentStreamCount;
	Agent.kGracefullyClosing = kGracefullyClosing;

	agent = {
		Agent,
		globalAgent: new Agent()
	};
	return agent;
}

var incomingMessage;
var hasRequiredIncomingMessage;

function requireIncomingMessage () {
	if (hasRequiredIncomingMessage) return incomingMessage;
	hasRequiredIncomingMessage = 1;
	const {Readable} = require$$0$4;

	class IncomingMessage extends Readable {
		constructor(socket, highWaterMark) {
			super({
				emitClose: false,
				autoDestroy: true,
				highWaterMark
			});

			this.statusCode = null;
			this.statusMessage = '';
			this.httpVersion = '2.0';
			this.httpVersionMajor = 2;
			this.httpVersionMinor = 0;
			this.headers = {};
			this.trailers = {};
			this.req = null;

			this.aborted = false;
			this.complete = false;
			this.upgrade = null;

			this.rawHeaders = [];
			this.rawTrailers = [];

			this.socket = socket;

			this._dumped = false;
		}

		get connection() {
			return this.socket;
		}

		set connection(value) {
			this.socket = value;
		}

		_destroy(error, callback) {
			if (!this.readableEnded) {
				this.aborted = true;
			}

			// See https://github.com/nodejs/node/issues/35303
			callback();

			this.req._request.destroy(error);
		}

		setTimeout(ms, callback) {
			this.req.setTimeout(ms, callback);
			return this;
		}

		_dump() {
			if (!this._dumped) {
				this._dumped = true;

				this.removeAllListeners('data');
				this.resume();
			}
		}

		_read() {
			if (this.req) {
				this.req._request.resume();
			}
		}
	}

	incomingMessage = IncomingMessage;
	return incomingMessage;
}

var proxyEvents;
var hasRequiredProxyEvents;

function requireProxyEvents () {
	if (hasRequiredProxyEvents) return proxyEvents;
	hasRequiredProxyEvents = 1;

	proxyEvents = (from, to, events) => {
		for (const event of events) {
			from.on(event, (...args) => to.emit(event, ...args));
		}
	};
	return proxyEvents;
}

var errors = {exports: {}};

var hasRequiredErrors;

function requireErrors () {
	if (hasRequiredErrors) return errors.exports;
	hasRequiredErrors = 1;
	(function (module) {
		/* istanbul ignore file: https://github.com/nodejs/node/blob/master/lib/internal/errors.js */

		const makeError = (Base, key, getMessage) => {
			module.exports[key] = class NodeError extends Base {
				constructor(...args) {
					super(typeof getMessage === 'string' ? getMessage : getMessage(args));
					this.name = `${super.name} [${key}]`;
					this.code = key;
				}
			};
		};

		makeError(TypeError, 'ERR_INVALID_ARG_TYPE', args => {
			const type = args[0].includes('.') ? 'property' : 'argument';

			let valid = args[1];
			const isManyTypes = Array.isArray(valid);

			if (isManyTypes) {
				valid = `${valid.slice(0, -1).join(', ')} or ${valid.slice(-1)}`;
			}

			return `The "${args[0]}" ${type} must be ${isManyTypes ? 'one of' : 'of'} type ${valid}. Received ${typeof args[2]}`;
		});

		makeError(TypeError, 'ERR_INVALID_PROTOCOL', args =>
			`Protocol "${args[0]}" not supported. Expected "${args[1]}"`
		);

		makeError(Error, 'ERR_HTTP_HEADERS_SENT', args =>
			`Cannot ${args[0]} headers after they are sent to the client`
		);

		makeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', args =>
			`${args[0]} must be a valid HTTP token [${args[1]}]`
		);

		makeError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', args =>
			`Invalid value "${args[0]} for header "${args[1]}"`
		);

		makeError(TypeError, 'ERR_INVALID_CHAR', args =>
			`Invalid character in ${args[0]} [${args[1]}]`
		);

		makeError(
			Error,
			'ERR_HTTP2_NO_SOCKET_MANIPULATION',
			'HTTP/2 sockets should not be directly manipulated (e.g. read and written)'
		); 
	} (errors));
	return errors.exports;
}

var isRequestPseudoHeader;
var hasRequiredIsRequestPseudoHeader;

function requireIsRequestPseudoHeader () {
	if (hasRequiredIsRequestPseudoHeader) return isRequestPseudoHeader;
	hasRequiredIsRequestPseudoHeader = 1;

	isRequestPseudoHeader = header => {
		switch (header) {
			case ':method':
			case ':scheme':
			case ':authority':
			case ':path':
				return true;
			default:
				return false;
		}
	};
	return isRequestPseudoHeader;
}

var validateHeaderName;
var hasRequiredValidateHeaderName;

function requireValidateHeaderName () {
	if (hasRequiredValidateHeaderName) return validateHeaderName;
	hasRequiredValidateHeaderName = 1;
	const {ERR_INVALID_HTTP_TOKEN} = requireErrors();
	const isRequestPseudoHeader = requireIsRequestPseudoHeader();

	const isValidHttpToken = /^[\^`\-\w!#$%&*+.|~]+$/;

	validateHeaderName = name => {
		if (typeof name !== 'string' || (!isValidHttpToken.test(name) && !isRequestPseudoHeader(name))) {
			throw new ERR_INVALID_HTTP_TOKEN('Header name', name);
		}
	};
	return validateHeaderName;
}

var validateHeaderValue;
var hasRequiredValidateHeaderValue;

function requireValidateHeaderValue () {
	if (hasRequiredValidateHeaderValue) return validateHeaderValue;
	hasRequiredValidateHeaderValue = 1;
	const {
		ERR_HTTP_INVALID_HEADER_VALUE,
		ERR_INVALID_CHAR
	} = requireErrors();

	const isInvalidHeaderValue = /[^\t\u0020-\u007E\u0080-\u00FF]/;

	validateHeaderValue = (name, value) => {
		if (typeof value === 'undefined') {
			throw new ERR_HTTP_INVALID_HEADER_VALUE(value, name);
		}

		if (isInvalidHeaderValue.test(value)) {
			throw new ERR_INVALID_CHAR('header content', name);
		}
	};
	return validateHeaderValue;
}

var proxySocketHandler_1;
var hasRequiredProxySocketHandler;

function requireProxySocketHandler () {
	if (hasRequiredProxySocketHandler) return proxySocketHandler_1;
	hasRequiredProxySocketHandler = 1;
	const {ERR_HTTP2_NO_SOCKET_MANIPULATION} = requireErrors();

	/* istanbul ignore file */
	/* https://github.com/nodejs/node/blob/6eec858f34a40ffa489c1ec54bb24da72a28c781/lib/internal/http2/compat.js#L195-L272 */

	const proxySocketHandler = {
		has(stream, property) {
			// Replaced [kSocket] with .socket
			const reference = stream.session === undefined ? stream : stream.session.socket;
			return (property in stream) || (property in reference);
		},

		get(stream, property) {
			switch (property) {
				case 'on':
				case 'once':
				case 'end':
				case 'emit':
				case 'destroy':
					return stream[property].bind(stream);
				case 'writable':
				case 'destroyed':
					return stream[property];
				case 'readable':
					if (stream.destroyed) {
						return false;
					}

					return stream.readable;
				case 'setTimeout': {
					const {session} = stream;
					if (session !== undefined) {
						return session.setTimeout.bind(session);
					}

					return stream.setTimeout.bind(stream);
				}

				case 'write':
				case 'read':
				case 'pause':
				case 'resume':
					throw new ERR_HTTP2_NO_SOCKET_MANIPULATION();
				default: {
					// Replaced [kSocket] with .socket
					const reference = stream.session === undefined ? stream : stream.session.socket;
					const value = reference[property];

					return typeof value === 'function' ? value.bind(reference) : value;
				}
			}
		},

		getPrototypeOf(stream) {
			if (stream.session !== undefined) {
				// Replaced [kSocket] with .socket
				return Reflect.getPrototypeOf(stream.session.socket);
			}

			return Reflect.getPrototypeOf(stream);
		},

		set(stream, property, value) {
			switch (property) {
				case 'writable':
				case 'readable':
				case 'destroyed':
				case 'on':
				case 'once':
				case 'end':
				case 'emit':
				case 'destroy':
					stream[property] = value;
					return true;
				case 'setTimeout': {
					const {session} = stream;
					if (session === undefined) {
						stream.setTimeout = value;
					} else {
						session.setTimeout = value;
					}

					return true;
				}

				case 'write':
				case 'read':
				case 'pause':
				case 'resume':
					throw new ERR_HTTP2_NO_SOCKET_MANIPULATION();
				default: {
					// Replaced [kSocket] with .socket
					const reference = stream.session === undefined ? stream : stream.session.socket;
					reference[property] = value;
					return true;
				}
			}
		}
	};

	proxySocketHandler_1 = proxySocketHandler;
	return proxySocketHandler_1;
}

var clientRequest;
var hasRequiredClientRequest;

function requireClientRequest () {
	if (hasRequiredClientRequest) return clientRequest;
	hasRequiredClientRequest = 1;
	// See https://github.com/facebook/jest/issues/2549
	// eslint-disable-next-line node/prefer-global/url
	const {URL, urlToHttpOptions} = require$$0$3;
	const http2 = require$$4;
	const {Writable} = require$$0$4;
	const {Agent, globalAgent} = requireAgent();
	const IncomingMessage = requireIncomingMessage();
	const proxyEvents = requireProxyEvents();
	const {
		ERR_INVALID_ARG_TYPE,
		ERR_INVALID_PROTOCOL,
		ERR_HTTP_HEADERS_SENT
	} = requireErrors();
	const validateHeaderName = requireValidateHeaderName();
	const validateHeaderValue = requireValidateHeaderValue();
	const proxySocketHandler = requireProxySocketHandler();

	const {
		HTTP2_HEADER_STATUS,
		HTTP2_HEADER_METHOD,
		HTTP2_HEADER_PATH,
		HTTP2_HEADER_AUTHORITY,
		HTTP2_METHOD_CONNECT
	} = http2.constants;

	const kHeaders = Symbol('headers');
	const kOrigin = Symbol('origin');
	const kSession = Symbol('session');
	const kOptions = Symbol('options');
	const kFlushedHeaders = Symbol('flushedHeaders');
	const kJobs = Symbol('jobs');
	const kPendingAgentPromise = Symbol('pendingAgentPromise');

	class ClientRequest extends Writable {
		constructor(input, options, callback) {
			super({
				autoDestroy: false,
				emitClose: false
			});

			if (typeof input === 'string') {
				input = urlToHttpOptions(new URL(input));
			} else if (input instanceof URL) {
				input = urlToHttpOptions(input);
			} else {
				input = {...input};
			}

			if (typeof options === 'function' || options === undefined) {
				// (options, callback)
				callback = options;
				options = input;
			} else {
				// (input, options, callback)
				options = Object.assign(input, options);
			}

			if (options.h2session) {
				this[kSession] = options.h2session;

				if (this[kSession].destroyed) {
					throw new Error('The session has been closed already');
				}

				this.protocol = this[kSession].socket.encrypted ? 'https:' : 'http:';
			} else if (options.agent === false) {
				this.agent = new Agent({maxEmptySessions: 0});
			} else if (typeof options.agent === 'undefined' || options.agent === null) {
				this.agent = globalAgent;
			} else if (typeof options.agent.request === 'function') {
				this.agent = options.agent;
			} else {
				throw new ERR_INVALID_ARG_TYPE('options.agent', ['http2wrapper.Agent-like Object', 'undefined', 'false'], options.agent);
			}

			if (this.agent) {
				this.protocol = this.agent.protocol;
			}

			if (options.protocol && options.protocol !== this.protocol) {
				throw new ERR_INVALID_PROTOCOL(options.protocol, this.protocol);
			}

			if (!options.port) {
				options.port = options.defaultPort || (this.agent && this.agent.defaultPort) || 443;
			}

			options.host = options.hostname || options.host || 'localhost';

			// Unused
			delete options.hostname;

			const {timeout} = options;
			options.timeout = undefined;

			this[kHeaders] = Object.create(null);
			this[kJobs] = [];

			this[kPendingAgentPromise] = undefined;

			this.socket = null;
			this.connection = null;

			this.method = options.method || 'GET';

			if (!(this.method === 'CONNECT' && (options.path === '/' || options.path === undefined))) {
				this.path = options.path;
			}

			this.res = null;
			this.aborted = false;
			this.reusedSocket = false;

			const {headers} = options;
			if (headers) {
				// eslint-disable-next-line guard-for-in
				for (const header in headers) {
					this.setHeader(header, headers[header]);
				}
			}

			if (options.auth && !('authorization' in this[kHeaders])) {
				this[kHeaders].authorization = 'Basic ' + Buffer.from(options.auth).toString('base64');
			}

			options.session = options.tlsSession;
			options.path = options.socketPath;

			this[kOptions] = options;

			// Clients that generate HTTP/2 requests directly SHOULD use the :authority pseudo-header field instead of the Host header field.
			this[kOrigin] = new URL(`${this.protocol}//${options.servername || options.host}:${options.port}`);

			// A socket is being reused
			const reuseSocket = options._reuseSocket;
			if (reuseSocket) {
				options.createConnection = (...args) => {
					if (reuseSocket.destroyed) {
						return this.agent.createConnection(...args);
					}

					return reuseSocket;
				};

				// eslint-disable-next-line promise/prefer-await-to-then
				this.agent.getSession(this[kOrigin], this[kOptions]).catch(() => {});
			}

			if (timeout) {
				this.setTimeout(timeout);
			}

			if (callback) {
				this.once('response', callback);
			}

			this[kFlushedHeaders] = false;
		}

		get method() {
			return this[kHeaders][HTTP2_HEADER_METHOD];
		}

		set method(value) {
			if (value) {
				this[kHeaders][HTTP2_HEADER_METHOD] = value.toUpperCase();
			}
		}

		get path() {
			const header = this.method === 'CONNECT' ? HTTP2_HEADER_AUTHORITY : HTTP2_HEADER_PATH;

			return this[kHeaders][header];
		}

		set path(value) {
			if (value) {
				const header = this.method === 'CONNECT' ? HTTP2_HEADER_AUTHORITY : HTTP2_HEADER_PATH;

				this[kHeaders][header] = value;
			}
		}

		get host() {
			return this[kOrigin].hostname;
		}

		set host(_value) {
			// Do nothing as this is read only.
		}

		get _mustNotHaveABody() {
			return this.method === 'GET' || this.method === 'HEAD' || this.method === 'DELETE';
		}

		_write(chunk, encoding, callback) {
			// https://github.com/nodejs/node/blob/654df09ae0c5e17d1b52a900a545f0664d8c7627/lib/internal/http2/util.js#L148-L156
			if (this._mustNotHaveABody) {
				callback(new Error('The GET, HEAD and DELETE methods must NOT have a body'));
				/* istanbul ignore next: Node.js 12 throws directly */
				return;
			}

			this.flushHeaders();

			const callWrite = () => this._request.write(chunk, encoding, callback);
			if (this._request) {
				callWrite();
			} else {
				this[kJobs].push(callWrite);
			}
		}

		_final(callback) {
			this.flushHeaders();

			const callEnd = () => {
				// For GET, HEAD and DELETE and CONNECT
				if (this._mustNotHaveABody || this.method === 'CONNECT') {
					callback();
					return;
				}

				this._request.end(callback);
			};

			if (this._request) {
				callEnd();
			} else {
				this[kJobs].push(callEnd);
			}
		}

		abort() {
			if (this.res && this.res.complete) {
				return;
			}

			if (!this.aborted) {
				process.nextTick(() => this.emit('abort'));
			}

			this.aborted = true;

			this.destroy();
		}

		async _destroy(error, callback) {
			if (this.res) {
				this.res._dump();
			}

			if (this._request) {
				this._request.destroy();
			} else {
				process.nextTick(() => {
					this.emit('close');
				});
			}

			try {
				await this[kPendingAgentPromise];
			} catch (internalError) {
				if (this.aborted) {
					error = internalError;
				}
			}

			callback(error);
		}

		async flushHeaders() {
			if (this[kFlushedHeaders] || this.destroyed) {
				return;
			}

			this[kFlushedHeaders] = true;

			const isConnectMethod = this.method === HTTP2_METHOD_CONNECT;

			// The real magic is here
			const onStream = stream => {
				this._request = stream;

				if (this.destroyed) {
					stream.destroy();
					return;
				}

				// Forwards `timeout`, `continue`, `close` and `error` events to this instance.
				if (!isConnectMethod) {
					// TODO: Should we proxy `close` here?
					proxyEvents(stream, this, ['timeout', 'continue']);
				}

				stream.once('error', error => {
					this.destroy(error);
				});

				stream.once('aborted', () => {
					const {res} = this;
					if (res) {
						res.aborted = true;
						res.emit('aborted');
						res.destroy();
					} else {
						this.destroy(new Error('The server aborted the HTTP/2 stream'));
					}
				});

				const onResponse = (headers, flags, rawHeaders) => {
					// If we were to emit raw request stream, it would be as fast as the native approach.
					// Note that wrapping the raw stream in a Proxy instance won't improve the performance (already tested it).
					const response = new IncomingMessage(this.socket, stream.readableHighWaterMark);
					this.res = response;

					// Undocumented, but it is used by `cacheable-request`
					response.url = `${this[kOrigin].origin}${this.path}`;

					response.req = this;
					response.statusCode = headers[HTTP2_HEADER_STATUS];
					response.headers = headers;
					response.rawHeaders = rawHeaders;

					response.once('end', () => {
						response.complete = true;

						// Has no effect, just be consistent with the Node.js behavior
						response.socket = null;
						response.connection = null;
					});

					if (isConnectMethod) {
						response.upgrade = true;

						// The HTTP1 API says the socket is detached here,
						// but we can't do that so we pass the original HTTP2 request.
						if (this.emit('connect', response, stream, Buffer.alloc(0))) {
							this.emit('close');
						} else {
							// No listeners attached, destroy the original request.
							stream.destroy();
						}
					} else {
						// Forwards data
						stream.on('data', chunk => {
							if (!response._dumped && !response.push(chunk)) {
								stream.pause();
							}
						});

						stream.once('end', () => {
							if (!this.aborted) {
								response.push(null);
							}
						});

						if (!this.emit('response', response)) {
							// No listeners attached, dump the response.
							response._dump();
						}
					}
				};

				// This event tells we are ready to listen for the data.
				stream.once('response', onResponse);

				// Emits `information` event
				stream.once('headers', headers => this.emit('information', {statusCode: headers[HTTP2_HEADER_STATUS]}));

				stream.once('trailers', (trailers, flags, rawTrailers) => {
					const {res} = this;

					// https://github.com/nodejs/node/issues/41251
					if (res === null) {
						onResponse(trailers, flags, rawTrailers);
						return;
					}

					// Assigns trailers to the response object.
					res.trailers = trailers;
					res.rawTrailers = rawTrailers;
				});

				stream.once('close', () => {
					const {aborted, res} = this;
					if (res) {
						if (aborted) {
							res.aborted = true;
							res.emit('aborted');
							res.destroy();
						}

						const finish = () => {
							res.emit('close');

							this.destroy();
							this.emit('close');
						};

						if (res.readable) {
							res.once('end', finish);
						} else {
							finish();
						}

						return;
					}

					if (!this.destroyed) {
						this.destroy(new Error('The HTTP/2 stream has been early terminated'));
						this.emit('close');
						return;
					}

					this.destroy();
					this.emit('close');
				});

				this.socket = new Proxy(stream, proxySocketHandler);

				for (const job of this[kJobs]) {
					job();
				}

				this[kJobs].length = 0;

				this.emit('socket', this.socket);
			};

			if (!(HTTP2_HEADER_AUTHORITY in this[kHeaders]) && !isConnectMethod) {
				this[kHeaders][HTTP2_HEADER_AUTHORITY] = this[kOrigin].host;
			}

			// Makes a HTTP2 request
			if (this[kSession]) {
				try {
					onStream(this[kSession].request(this[kHeaders]));
				} catch (error) {
					this.destroy(error);
				}
			} else {
				this.reusedSocket = true;

				try {
					const promise = this.agent.request(this[kOrigin], this[kOptions], this[kHeaders]);
					this[kPendingAgentPromise] = promise;

					onStream(await promise);

					this[kPendingAgentPromise] = false;
				} catch (error) {
					this[kPendingAgentPromise] = false;

					this.destroy(error);
				}
			}
		}

		get connection() {
			return this.socket;
		}

		set connection(value) {
			this.socket = value;
		}

		getHeaderNames() {
			return Object.keys(this[kHeaders]);
		}

		hasHeader(name) {
			if (typeof name !== 'string') {
				throw new ERR_INVALID_ARG_TYPE('name', 'string', name);
			}

			return Boolean(this[kHeaders][name.toLowerCase()]);
		}

		getHeader(name) {
			if (typeof name !== 'string') {
				throw new ERR_INVALID_ARG_TYPE('name', 'string', name);
			}

			return this[kHeaders][name.toLowerCase()];
		}

		get headersSent() {
			return this[kFlushedHeaders];
		}

		removeHeader(name) {
			if (typeof name !== 'string') {
				throw new ERR_INVALID_ARG_TYPE('name', 'string', name);
			}

			if (this.headersSent) {
				throw new ERR_HTTP_HEADERS_SENT('remove');
			}

			delete this[kHeaders][name.toLowerCase()];
		}

		setHeader(name, value) {
			if (this.headersSent) {
				throw new ERR_HTTP_HEADERS_SENT('set');
			}

			validateHeaderName(name);
			validateHeaderValue(name, value);

			const lowercased = name.toLowerCase();

			if (lowercased === 'connection') {
				if (value.toLowerCase() === 'keep-alive') {
					return;
				}

				throw new Error(`Invalid 'connection' header: ${value}`);
			}

			if (lowercased === 'host' && this.method === 'CONNECT') {
				this[kHeaders][HTTP2_HEADER_AUTHORITY] = value;
			} else {
				this[kHeaders][lowercased] = value;
			}
		}

		setNoDelay() {
			// HTTP2 sockets cannot be malformed, do nothing.
		}

		setSocketKeepAlive() {
			// HTTP2 sockets cannot be malformed, do nothing.
		}

		setTimeout(ms, callback) {
			const applyTimeout = () => this._request.setTimeout(ms, callback);

			if (this._request) {
				applyTimeout();
			} else {
				this[kJobs].push(applyTimeout);
			}

			return this;
		}

		get maxHeadersCount() {
			if (!this.destroyed && this._request) {
				return this._request.session.localSettings.maxHeaderListSize;
			}

			return undefined;
		}

		set maxHeadersCount(_value) {
			// Updating HTTP2 settings would affect all requests, do nothing.
		}
	}

	clientRequest = ClientRequest;
	return clientRequest;
}

var auto = {exports: {}};

var resolveAlpn;
var hasRequiredResolveAlpn;

function requireResolveAlpn () {
	if (hasRequiredResolveAlpn) return resolveAlpn;
	hasRequiredResolveAlpn = 1;
	const tls = require$$1;

	resolveAlpn = (options = {}, connect = tls.connect) => new Promise((resolve, reject) => {
		let timeout = false;

		let socket;

		const callback = async () => {
			await socketPromise;

			socket.off('timeout', onTimeout);
			socket.off('error', reject);

			if (options.resolveSocket) {
				resolve({alpnProtocol: socket.alpnProtocol, socket, timeout});

				if (timeout) {
					await Promise.resolve();
					socket.emit('timeout');
				}
			} else {
				socket.destroy();
				resolve({alpnProtocol: socket.alpnProtocol, timeout});
			}
		};

		const onTimeout = async () => {
			timeout = true;
			callback();
		};

		const socketPromise = (async () => {
			try {
				socket = await connect(options, callback);

				socket.on('error', reject);
				socket.once('timeout', onTimeout);
			} catch (error) {
				reject(error);
			}
		})();
	});
	return resolveAlpn;
}

var calculateServerName;
var hasRequiredCalculateServerName;

function requireCalculateServerName () {
	if (hasRequiredCalculateServerName) return calculateServerName;
	hasRequiredCalculateServerName = 1;
	const {isIP} = require$$0$2;
	const assert = require$$5;

	const getHost = host => {
		if (host[0] === '[') {
			const idx = host.indexOf(']');

			assert(idx !== -1);
			return host.slice(1, idx);
		}

		const idx = host.indexOf(':');
		if (idx === -1) {
			return host;
		}

		return host.slice(0, idx);
	};

	calculateServerName = host => {
		const servername = getHost(host);

		if (isIP(servername)) {
			return '';
		}

		return servername;
	};
	return calculateServerName;
}

var hasRequiredAuto;

function requireAuto () {
	if (hasRequiredAuto) return auto.exports;
	hasRequiredAuto = 1;
	// See https://github.com/facebook/jest/issues/2549
	// eslint-disable-next-line node/prefer-global/url
	const {URL, urlToHttpOptions} = require$$0$3;
	const http = http$1;
	const https$1 = https;
	const resolveALPN = requireResolveAlpn();
	const QuickLRU = requireQuickLru();
	const {Agent, globalAgent} = requireAgent();
	const Http2ClientRequest = requireClientRequest();
	const calculateServerName = requireCalculateServerName();
	const delayAsyncDestroy = requireDelayAsyncDestroy();

	const cache = new QuickLRU({maxSize: 100});
	const queue = new Map();

	const installSocket = (agent, socket, options) => {
		socket._httpMessage = {shouldKeepAlive: true};

		const onFree = () => {
			agent.emit('free', socket, options);
		};

		socket.on('free', onFree);

		const onClose = () => {
			agent.removeSocket(socket, options);
		};

		socket.on('close', onClose);

		const onTimeout = () => {
			const {freeSockets} = agent;

			for (const sockets of Object.values(freeSockets)) {
				if (sockets.includes(socket)) {
					socket.destroy();
					return;
				}
			}
		};

		socket.on('timeout', onTimeout);

		const onRemove = () => {
			agent.removeSocket(socket, options);
			socket.off('close', onClose);
			socket.off('free', onFree);
			socket.off('timeout', onTimeout);
			socket.off('agentRemove', onRemove);
		};

		socket.on('agentRemove', onRemove);

		agent.emit('free', socket, options);
	};

	const createResolveProtocol = (cache, queue = new Map(), connect = undefined) => {
		return async options => {
			const name = `${options.host}:${options.port}:${options.ALPNProtocols.sort()}`;

			if (!cache.has(name)) {
				if (queue.has(name)) {
					const result = await queue.get(name);
					return {alpnProtocol: result.alpnProtocol};
				}

				const {path} = options;
				options.path = options.socketPath;

				const resultPromise = resolveALPN(options, connect);
				queue.set(name, resultPromise);

				try {
					const result = await resultPromise;

					cache.set(name, result.alpnProtocol);
					queue.delete(name);

					options.path = path;

					return result;
				} catch (error) {
					queue.delete(name);

					options.path = path;

					throw error;
				}
			}

			return {alpnProtocol: cache.get(name)};
		};
	};

	const defaultResolveProtocol = createResolveProtocol(cache, queue);

	auto.exports = async (input, options, callback) => {
		if (typeof input === 'string') {
			input = urlToHttpOptions(new URL(input));
		} else if (input instanceof URL) {
			input = urlToHttpOptions(input);
		} else {
			input = {...input};
		}

		if (typeof options === 'function' || options === undefined) {
			// (options, callback)
			callback = options;
			options = input;
		} else {
			// (input, options, callback)
			options = Object.assign(input, options);
		}

		options.ALPNProtocols = options.ALPNProtocols || ['h2', 'http/1.1'];

		if (!Array.isArray(options.ALPNProtocols) || options.ALPNProtocols.length === 0) {
			throw new Error('The `ALPNProtocols` option must be an Array with at least one entry');
		}

		options.protocol = options.protocol || 'https:';
		const isHttps = options.protocol === 'https:';

		options.host = options.hostname || options.host || 'localhost';
		options.session = options.tlsSession;
		options.servername = options.servername || calculateServerName((options.headers && options.headers.host) || options.host);
		options.port = options.port || (isHttps ? 443 : 80);
		options._defaultAgent = isHttps ? https$1.globalAgent : http.globalAgent;

		const resolveProtocol = options.resolveProtocol || defaultResolveProtocol;

		// Note: We don't support `h2session` here

		let {agent} = options;
		if (agent !== undefined && agent !== false && agent.constructor.name !== 'Object') {
			throw new Error('The `options.agent` can be only an object `http`, `https` or `http2` properties');
		}

		if (isHttps) {
			options.resolveSocket = true;

			let {socket, alpnProtocol, timeout} = await resolveProtocol(options);

			if (timeout) {
				if (socket) {
					socket.destroy();
				}

				const error = new Error(`Timed out resolving ALPN: ${options.timeout} ms`);
				error.code = 'ETIMEDOUT';
				error.ms = options.timeout;

				throw error;
			}

			// We can't accept custom `createConnection` because the API is different for HTTP/2
			if (socket && options.createConnection) {
				socket.destroy();
				socket = undefined;
			}

			delete options.resolveSocket;

			const isHttp2 = alpnProtocol === 'h2';

			if (agent) {
				agent = isHttp2 ? agent.http2 : agent.https;
				options.agent = agent;
			}

			if (agent === undefined) {
				agent = isHttp2 ? globalAgent : https$1.globalAgent;
			}

			if (socket) {
				if (agent === false) {
					socket.destroy();
				} else {
					const defaultCreateConnection = (isHttp2 ? Agent : https$1.Agent).prototype.createConnection;

					if (agent.createConnection === defaultCreateConnection) {
						if (isHttp2) {
							options._reuseSocket = socket;
						} else {
							installSocket(agent, socket, options);
						}
					} else {
						socket.destroy();
					}
				}
			}

			if (isHttp2) {
				return delayAsyncDestroy(new Http2ClientRequest(options, callback));
			}
		} else if (agent) {
			options.agent = agent.http;
		}

		// If we're sending HTTP/1.1, handle any explicitly set H2 headers in the options:
		if (options.headers) {
			options.headers = {...options.headers};

			// :authority is equivalent to the HTTP/1.1 host header
			if (options.headers[':authority']) {
				if (!options.headers.host) {
					options.headers.host = options.headers[':authority'];
				}

				delete options.headers[':authority'];
			}

			// Remove other HTTP/2 headers as they have their counterparts in the options
			delete options.headers[':method'];
			delete options.headers[':scheme'];
			delete options.headers[':path'];
		}

		return delayAsyncDestroy(http.request(options, callback));
	};

	auto.exports.protocolCache = cache;
	auto.exports.resolveProtocol = defaultResolveProtocol;
	auto.exports.createResolveProtocol = createResolveProtocol;
	return auto.exports;
}

var jsStreamSocket;
var hasRequiredJsStreamSocket;

function requireJsStreamSocket () {
	if (hasRequiredJsStreamSocket) return jsStreamSocket;
	hasRequiredJsStreamSocket = 1;
	const stream = require$$0$4;
	const tls = require$$1;

	// Really awesome hack.
	const JSStreamSocket = (new tls.TLSSocket(new stream.PassThrough()))._handle._parentWrap.constructor;

	jsStreamSocket = JSStreamSocket;
	return jsStreamSocket;
}

var unexpectedStatusCodeError;
var hasRequiredUnexpectedStatusCodeError;

function requireUnexpectedStatusCodeError () {
	if (hasRequiredUnexpectedStatusCodeError) return unexpectedStatusCodeError;
	hasRequiredUnexpectedStatusCodeError = 1;

	class UnexpectedStatusCodeError extends Error {
		constructor(statusCode, statusMessage = '') {
			super(`The proxy server rejected the request with status code ${statusCode} (${statusMessage || 'empty status message'})`);
			this.statusCode = statusCode;
			this.statusMessage = statusMessage;
		}
	}

	unexpectedStatusCodeError = UnexpectedStatusCodeError;
	return unexpectedStatusCodeError;
}

var checkType_1;
var hasRequiredCheckType;

function requireCheckType () {
	if (hasRequiredCheckType) return checkType_1;
	hasRequiredCheckType = 1;

	const checkType = (name, value, types) => {
		const valid = types.some(type => {
			const typeofType = typeof type;
			if (typeofType === 'string') {
				return typeof value === type;
			}

			return value instanceof type;
		});

		if (!valid) {
			const names = types.map(type => typeof type === 'string' ? type : type.name);

			throw new TypeError(`Expected '${name}' to be a type of ${names.join(' or ')}, got ${typeof value}`);
		}
	};

	checkType_1 = checkType;
	return checkType_1;
}

var initialize;
var hasRequiredInitialize;

function requireInitialize () {
	if (hasRequiredInitialize) return initialize;
	hasRequiredInitialize = 1;
	// See https://github.com/facebook/jest/issues/2549
	// eslint-disable-next-line node/prefer-global/url
	const {URL} = require$$0$3;
	const checkType = requireCheckType();

	initialize = (self, proxyOptions) => {
		checkType('proxyOptions', proxyOptions, ['object']);
		checkType('proxyOptions.headers', proxyOptions.headers, ['object', 'undefined']);
		checkType('proxyOptions.raw', proxyOptions.raw, ['boolean', 'undefined']);
		checkType('proxyOptions.url', proxyOptions.url, [URL, 'string']);

		const url = new URL(proxyOptions.url);

		self.proxyOptions = {
			raw: true,
			...proxyOptions,
			headers: {...proxyOptions.headers},
			url
		};
	};
	return initialize;
}

var getAuthHeaders;
var hasRequiredGetAuthHeaders;

function requireGetAuthHeaders () {
	if (hasRequiredGetAuthHeaders) return getAuthHeaders;
	hasRequiredGetAuthHeaders = 1;

	getAuthHeaders = self => {
		const {username, password} = self.proxyOptions.url;

		if (username || password) {
			const data = `${username}:${password}`;
			const authorization = `Basic ${Buffer.from(data).toString('base64')}`;

			return {
				'proxy-authorization': authorization,
				authorization
			};
		}

		return {};
	};
	return getAuthHeaders;
}

var h1OverH2;
var hasRequiredH1OverH2;

function requireH1OverH2 () {
	if (hasRequiredH1OverH2) return h1OverH2;
	hasRequiredH1OverH2 = 1;
	const tls = require$$1;
	const http = http$1;
	const https$1 = https;
	const JSStreamSocket = requireJsStreamSocket();
	const {globalAgent} = requireAgent();
	const UnexpectedStatusCodeError = requireUnexpectedStatusCodeError();
	const initialize = requireInitialize();
	const getAuthorizationHeaders = requireGetAuthHeaders();

	const createConnection = (self, options, callback) => {
		(async () => {
			try {
				const {proxyOptions} = self;
				const {url, headers, raw} = proxyOptions;

				const stream = await globalAgent.request(url, proxyOptions, {
					...getAuthorizationHeaders(self),
					...headers,
					':method': 'CONNECT',
					':authority': `${options.host}:${options.port}`
				});

				stream.once('error', callback);
				stream.once('response', headers => {
					const statusCode = headers[':status'];

					if (statusCode !== 200) {
						callback(new UnexpectedStatusCodeError(statusCode, ''));
						return;
					}

					const encrypted = self instanceof https$1.Agent;

					if (raw && encrypted) {
						options.socket = stream;
						const secureStream = tls.connect(options);

						secureStream.once('close', () => {
							stream.destroy();
						});

						callback(null, secureStream);
						return;
					}

					const socket = new JSStreamSocket(stream);
					socket.encrypted = false;
					socket._handle.getpeername = out => {
						out.family = undefined;
						out.address = undefined;
						out.port = undefined;
					};

					callback(null, socket);
				});
			} catch (error) {
				callback(error);
			}
		})();
	};

	class HttpOverHttp2 extends http.Agent {
		constructor(options) {
			super(options);

			initialize(this, options.proxyOptions);
		}

		createConnection(options, callback) {
			createConnection(this, options, callback);
		}
	}

	class HttpsOverHttp2 extends https$1.Agent {
		constructor(options) {
			super(options);

			initialize(this, options.proxyOptions);
		}

		createConnection(options, callback) {
			createConnection(this, options, callback);
		}
	}

	h1OverH2 = {
		HttpOverHttp2,
		HttpsOverHttp2
	};
	return h1OverH2;
}

var h2OverHx;
var hasRequiredH2OverHx;

function requireH2OverHx () {
	if (hasRequiredH2OverHx) return h2OverHx;
	hasRequiredH2OverHx = 1;
	const {Agent} = requireAgent();
	const JSStreamSocket = requireJsStreamSocket();
	const UnexpectedStatusCodeError = requireUnexpectedStatusCodeError();
	const initialize = requireInitialize();

	class Http2OverHttpX extends Agent {
		constructor(options) {
			super(options);

			initialize(this, options.proxyOptions);
		}

		async createConnection(origin, options) {
			const authority = `${origin.hostname}:${origin.port || 443}`;

			const [stream, statusCode, statusMessage] = await this._getProxyStream(authority);
			if (statusCode !== 200) {
				throw new UnexpectedStatusCodeError(statusCode, statusMessage);
			}

			if (this.proxyOptions.raw) {
				options.socket = stream;
			} else {
				const socket = new JSStreamSocket(stream);
				socket.encrypted = false;
				socket._handle.getpeername = out => {
					out.family = undefined;
					out.address = undefined;
					out.port = undefined;
				};

				return socket;
			}

			return super.createConnection(origin, options);
		}
	}

	h2OverHx = Http2OverHttpX;
	return h2OverHx;
}

var h2OverH2;
var hasRequiredH2OverH2;

function requireH2OverH2 () {
	if (hasRequiredH2OverH2) return h2OverH2;
	hasRequiredH2OverH2 = 1;
	const {globalAgent} = requireAgent();
	const Http2OverHttpX = requireH2OverHx();
	const getAuthorizationHeaders = requireGetAuthHeaders();

	const getStatusCode = stream => new Promise((resolve, reject) => {
		stream.once('error', reject);
		stream.once('response', headers => {
			stream.off('error', reject);
			resolve(headers[':status']);
		});
	});

	class Http2OverHttp2 extends Http2OverHttpX {
		async _getProxyStream(authority) {
			const {proxyOptions} = this;

			const headers = {
				...getAuthorizationHeaders(this),
				...proxyOptions.headers,
				':method': 'CONNECT',
				':authority': authority
			};

			const stream = await globalAgent.request(proxyOptions.url, proxyOptions, headers);
			const statusCode = await getStatusCode(stream);

			return [stream, statusCode, ''];
		}
	}

	h2OverH2 = Http2OverHttp2;
	return h2OverH2;
}

var h2OverH1;
var hasRequiredH2OverH1;

function requireH2OverH1 () {
	if (hasRequiredH2OverH1) return h2OverH1;
	hasRequiredH2OverH1 = 1;
	const http = http$1;
	const https$1 = https;
	const Http2OverHttpX = requireH2OverHx();
	const getAuthorizationHeaders = requireGetAuthHeaders();

	const getStream = request => new Promise((resolve, reject) => {
		const onConnect = (response, socket, head) => {
			socket.unshift(head);

			request.off('error', reject);
			resolve([socket, response.statusCode, response.statusMessage]);
		};

		request.once('error', reject);
		request.once('connect', onConnect);
	});

	class Http2OverHttp extends Http2OverHttpX {
		async _getProxyStream(authority) {
			const {proxyOptions} = this;
			const {url, headers} = this.proxyOptions;

			const network = url.protocol === 'https:' ? https$1 : http;

			// `new URL('https://localhost/httpbin.org:443')` results in
			// a `/httpbin.org:443` path, which has an invalid leading slash.
			const request = network.request({
				...proxyOptions,
				hostname: url.hostname,
				port: url.port,
				path: authority,
				headers: {
					...getAuthorizationHeaders(this),
					...headers,
					host: authority
				},
				method: 'CONNECT'
			}).end();

			return getStream(request);
		}
	}

	h2OverH1 = {
		Http2OverHttp,
		Http2OverHttps: Http2OverHttp
	};
	return h2OverH1;
}

var source;
var hasRequiredSource;

function requireSource () {
	if (hasRequiredSource) return source;
	hasRequiredSource = 1;
	const http2 = require$$4;
	const {
		Agent,
		globalAgent
	} = requireAgent();
	const ClientRequest = requireClientRequest();
	const IncomingMessage = requireIncomingMessage();
	const auto = requireAuto();
	const {
		HttpOverHttp2,
		HttpsOverHttp2
	} = requireH1OverH2();
	const Http2OverHttp2 = requireH2OverH2();
	const {
		Http2OverHttp,
		Http2OverHttps
	} = requireH2OverH1();
	const validateHeaderName = requireValidateHeaderName();
	const validateHeaderValue = requireValidateHeaderValue();

	const request = (url, options, callback) => new ClientRequest(url, options, callback);

	const get = (url, options, callback) => {
		// eslint-disable-next-line unicorn/prevent-abbreviations
		const req = new ClientRequest(url, options, callback);
		req.end();

		return req;
	};

	source = {
		...http2,
		ClientRequest,
		IncomingMessage,
		Agent,
		globalAgent,
		request,
		get,
		auto,
		proxies: {
			HttpOverHttp2,
			HttpsOverHttp2,
			Http2OverHttp2,
			Http2OverHttp,
			Http2OverHttps
		},
		validateHeaderName,
		validateHeaderValue
	};
	return source;
}

var sourceExports = requireSource();
var http2wrapper = /*@__PURE__*/getDefaultExportFromCjs(sourceExports);

function parseLinkHeader(link) {
    const parsed = [];
    const items = link.split(',');
    for (const item of items) {
        // https://tools.ietf.org/html/rfc5988#section-5
        const [rawUriReference, ...rawLinkParameters] = item.split(';');
        const trimmedUriReference = rawUriReference.trim();
        // eslint-disable-next-line @typescript-eslint/prefer-string-starts-ends-with
        if (trimmedUriReference[0] !== '<' || trimmedUriReference.at(-1) !== '>') {
            throw new Error(`Invalid format of the Link header reference: ${trimmedUriReference}`);
        }
        const reference = trimmedUriReference.slice(1, -1);
        const parameters = {};
        if (rawLinkParameters.length === 0) {
            throw new Error(`Unexpected end of Link header parameters: ${rawLinkParameters.join(';')}`);
        }
        for (const rawParameter of rawLinkParameters) {
            const trimmedRawParameter = rawParameter.trim();
            const center = trimmedRawParameter.indexOf('=');
            if (center === -1) {
                throw new Error(`Failed to parse Link header: ${link}`);
            }
            const name = trimmedRawParameter.slice(0, center).trim();
            const value = trimmedRawParameter.slice(center + 1).trim();
            parameters[name] = value;
        }
        parsed.push({
            reference,
            parameters,
        });
    }
    return parsed;
}

const [major, minor] = process$1.versions.node.split('.').map(Number);
/**
Generic helper that wraps any assertion function to add context to error messages.
*/
function wrapAssertionWithContext(optionName, assertionFn) {
    try {
        assertionFn();
    }
    catch (error) {
        if (error instanceof Error) {
            error.message = `Option '${optionName}': ${error.message}`;
        }
        throw error;
    }
}
/**
Helper function that wraps assert.any() to provide better error messages.
When assertion fails, it includes the option name in the error message.
*/
function assertAny(optionName, validators, value) {
    wrapAssertionWithContext(optionName, () => {
        assert.any(validators, value);
    });
}
/**
Helper function that wraps assert.plainObject() to provide better error messages.
When assertion fails, it includes the option name in the error message.
*/
function assertPlainObject(optionName, value) {
    wrapAssertionWithContext(optionName, () => {
        assert.plainObject(value);
    });
}
function validateSearchParameters(searchParameters) {
    // eslint-disable-next-line guard-for-in
    for (const key in searchParameters) {
        const value = searchParameters[key];
        assertAny(`searchParams.${key}`, [is.string, is.number, is.boolean, is.null, is.undefined], value);
    }
}
const globalCache = new Map();
let globalDnsCache;
const getGlobalDnsCache = () => {
    if (globalDnsCache) {
        return globalDnsCache;
    }
    globalDnsCache = new CacheableLookup();
    return globalDnsCache;
};
// Detects and wraps QuickLRU v7+ instances to make them compatible with the StorageAdapter interface
const wrapQuickLruIfNeeded = (value) => {
    // Check if this is QuickLRU v7+ using Symbol.toStringTag and the evict method (added in v7)
    if (value?.[Symbol.toStringTag] === 'QuickLRU' && typeof value.evict === 'function') {
        // QuickLRU v7+ uses set(key, value, {maxAge: number}) but StorageAdapter expects set(key, value, ttl)
        // Wrap it to translate the interface
        return {
            get(key) {
                return value.get(key);
            },
            set(key, cacheValue, ttl) {
                if (ttl === undefined) {
                    value.set(key, cacheValue);
                }
                else {
                    value.set(key, cacheValue, { maxAge: ttl });
                }
                return true;
            },
            delete(key) {
                return value.delete(key);
            },
            clear() {
                return value.clear();
            },
            has(key) {
                return value.has(key);
            },
        };
    }
    // QuickLRU v5 and other caches work as-is
    return value;
};
const defaultInternals = {
    request: undefined,
    agent: {
        http: undefined,
        https: undefined,
        http2: undefined,
    },
    h2session: undefined,
    decompress: true,
    timeout: {
        connect: undefined,
        lookup: undefined,
        read: undefined,
        request: undefined,
        response: undefined,
        secureConnect: undefined,
        send: undefined,
        socket: undefined,
    },
    prefixUrl: '',
    body: undefined,
    form: undefined,
    json: undefined,
    cookieJar: undefined,
    ignoreInvalidCookies: false,
    searchParams: undefined,
    dnsLookup: undefined,
    dnsCache: undefined,
    context: {},
    hooks: {
        init: [],
        beforeRequest: [],
        beforeError: [],
        beforeRedirect: [],
        beforeRetry: [],
        beforeCache: [],
        afterResponse: [],
    },
    followRedirect: true,
    maxRedirects: 10,
    cache: undefined,
    throwHttpErrors: true,
    username: '',
    password: '',
    http2: false,
    allowGetBody: false,
    copyPipedHeaders: true,
    headers: {
        'user-agent': 'got (https://github.com/sindresorhus/got)',
    },
    methodRewriting: false,
    dnsLookupIpVersion: undefined,
    parseJson: JSON.parse,
    stringifyJson: JSON.stringify,
    retry: {
        limit: 2,
        methods: [
            'GET',
            'PUT',
            'HEAD',
            'DELETE',
            'OPTIONS',
            'TRACE',
        ],
        statusCodes: [
            408,
            413,
            429,
            500,
            502,
            503,
            504,
            521,
            522,
            524,
        ],
        errorCodes: [
            'ETIMEDOUT',
            'ECONNRESET',
            'EADDRINUSE',
            'ECONNREFUSED',
            'EPIPE',
            'ENOTFOUND',
            'ENETUNREACH',
            'EAI_AGAIN',
        ],
        maxRetryAfter: undefined,
        calculateDelay: ({ computedValue }) => computedValue,
        backoffLimit: Number.POSITIVE_INFINITY,
        noise: 100,
        // TODO: Change default to `true` in the next major version to fix https://github.com/sindresorhus/got/issues/2243
        enforceRetryRules: false,
    },
    localAddress: undefined,
    method: 'GET',
    createConnection: undefined,
    cacheOptions: {
        shared: undefined,
        cacheHeuristic: undefined,
        immutableMinTimeToLive: undefined,
        ignoreCargoCult: undefined,
    },
    https: {
        alpnProtocols: undefined,
        rejectUnauthorized: undefined,
        checkServerIdentity: undefined,
        serverName: undefined,
        certificateAuthority: undefined,
        key: undefined,
        certificate: undefined,
        passphrase: undefined,
        pfx: undefined,
        ciphers: undefined,
        honorCipherOrder: undefined,
        minVersion: undefined,
        maxVersion: undefined,
        signatureAlgorithms: undefined,
        tlsSessionLifetime: undefined,
        dhparam: undefined,
        ecdhCurve: undefined,
        certificateRevocationLists: undefined,
        secureOptions: undefined,
    },
    encoding: undefined,
    resolveBodyOnly: false,
    isStream: false,
    responseType: 'text',
    url: undefined,
    pagination: {
        transform(response) {
            if (response.request.options.responseType === 'json') {
                return response.body;
            }
            return JSON.parse(response.body);
        },
        paginate({ response }) {
            const rawLinkHeader = response.headers.link;
            if (typeof rawLinkHeader !== 'string' || rawLinkHeader.trim() === '') {
                return false;
            }
            const parsed = parseLinkHeader(rawLinkHeader);
            const next = parsed.find(entry => entry.parameters.rel === 'next' || entry.parameters.rel === '"next"');
            if (next) {
                return {
                    url: new URL(next.reference, response.url),
                };
            }
            return false;
        },
        filter: () => true,
        shouldContinue: () => true,
        countLimit: Number.POSITIVE_INFINITY,
        backoff: 0,
        requestLimit: 10_000,
        stackAllItems: false,
    },
    setHost: true,
    maxHeaderSize: undefined,
    signal: undefined,
    enableUnixSockets: false,
    strictContentLength: false,
};
const cloneInternals = (internals) => {
    const { hooks, retry } = internals;
    const result = {
        ...internals,
        context: { ...internals.context },
        cacheOptions: { ...internals.cacheOptions },
        https: { ...internals.https },
        agent: { ...internals.agent },
        headers: { ...internals.headers },
        retry: {
            ...retry,
            errorCodes: [...retry.errorCodes],
            methods: [...retry.methods],
            statusCodes: [...retry.statusCodes],
        },
        timeout: { ...internals.timeout },
        hooks: {
            init: [...hooks.init],
            beforeRequest: [...hooks.beforeRequest],
            beforeError: [...hooks.beforeError],
            beforeRedirect: [...hooks.beforeRedirect],
            beforeRetry: [...hooks.beforeRetry],
            beforeCache: [...hooks.beforeCache],
            afterResponse: [...hooks.afterResponse],
        },
        searchParams: internals.searchParams ? new URLSearchParams(internals.searchParams) : undefined,
        pagination: { ...internals.pagination },
    };
    return result;
};
const cloneRaw = (raw) => {
    const { hooks, retry } = raw;
    const result = { ...raw };
    if (is.object(raw.context)) {
        result.context = { ...raw.context };
    }
    if (is.object(raw.cacheOptions)) {
        result.cacheOptions = { ...raw.cacheOptions };
    }
    if (is.object(raw.https)) {
        result.https = { ...raw.https };
    }
    if (is.object(raw.cacheOptions)) {
        result.cacheOptions = { ...result.cacheOptions };
    }
    if (is.object(raw.agent)) {
        result.agent = { ...raw.agent };
    }
    if (is.object(raw.headers)) {
        result.headers = { ...raw.headers };
    }
    if (is.object(retry)) {
        result.retry = { ...retry };
        if (is.array(retry.errorCodes)) {
            result.retry.errorCodes = [...retry.errorCodes];
        }
        if (is.array(retry.methods)) {
            result.retry.methods = [...retry.methods];
        }
        if (is.array(retry.statusCodes)) {
            result.retry.statusCodes = [...retry.statusCodes];
        }
    }
    if (is.object(raw.timeout)) {
        result.timeout = { ...raw.timeout };
    }
    if (is.object(hooks)) {
        result.hooks = {
            ...hooks,
        };
        if (is.array(hooks.init)) {
            result.hooks.init = [...hooks.init];
        }
        if (is.array(hooks.beforeRequest)) {
            result.hooks.beforeRequest = [...hooks.beforeRequest];
        }
        if (is.array(hooks.beforeError)) {
            result.hooks.beforeError = [...hooks.beforeError];
        }
        if (is.array(hooks.beforeRedirect)) {
            result.hooks.beforeRedirect = [...hooks.beforeRedirect];
        }
        if (is.array(hooks.beforeRetry)) {
            result.hooks.beforeRetry = [...hooks.beforeRetry];
        }
        if (is.array(hooks.beforeCache)) {
            result.hooks.beforeCache = [...hooks.beforeCache];
        }
        if (is.array(hooks.afterResponse)) {
            result.hooks.afterResponse = [...hooks.afterResponse];
        }
    }
    if (raw.searchParams) {
        if (is.string(raw.searchParams)) {
            result.searchParams = raw.searchParams;
        }
        else if (raw.searchParams instanceof URLSearchParams) {
            result.searchParams = new URLSearchParams(raw.searchParams);
        }
        else if (is.object(raw.searchParams)) {
            result.searchParams = { ...raw.searchParams };
        }
    }
    if (is.object(raw.pagination)) {
        result.pagination = { ...raw.pagination };
    }
    return result;
};
const getHttp2TimeoutOption = (internals) => {
    const delays = [internals.timeout.socket, internals.timeout.connect, internals.timeout.lookup, internals.timeout.request, internals.timeout.secureConnect].filter(delay => typeof delay === 'number');
    if (delays.length > 0) {
        return Math.min(...delays);
    }
    return undefined;
};
const init = (options, withOptions, self) => {
    const initHooks = options.hooks?.init;
    if (initHooks) {
        for (const hook of initHooks) {
            hook(withOptions, self);
        }
    }
};
class Options {
    _unixOptions;
    _internals;
    _merging = false;
    _init;
    constructor(input, options, defaults) {
        assertAny('input', [is.string, is.urlInstance, is.object, is.undefined], input);
        assertAny('options', [is.object, is.undefined], options);
        assertAny('defaults', [is.object, is.undefined], defaults);
        if (input instanceof Options || options instanceof Options) {
            throw new TypeError('The defaults must be passed as the third argument');
        }
        this._internals = cloneInternals(defaults?._internals ?? defaults ?? defaultInternals);
        this._init = [...(defaults?._init ?? [])];
        // This rule allows `finally` to be considered more important.
        // Meaning no matter the error thrown in the `try` block,
        // if `finally` throws then the `finally` error will be thrown.
        //
        // Yes, we want this. If we set `url` first, then the `url.searchParams`
        // would get merged. Instead we set the `searchParams` first, then
        // `url.searchParams` is overwritten as expected.
        //
        /* eslint-disable no-unsafe-finally */
        try {
            if (is.plainObject(input)) {
                try {
                    this.merge(input);
                    this.merge(options);
                }
                finally {
                    this.url = input.url;
                }
            }
            else {
                try {
                    this.merge(options);
                }
                finally {
                    if (options?.url !== undefined) {
                        if (input === undefined) {
                            this.url = options.url;
                        }
                        else {
                            throw new TypeError('The `url` option is mutually exclusive with the `input` argument');
                        }
                    }
                    else if (input !== undefined) {
                        this.url = input;
                    }
                }
            }
        }
        catch (error) {
            error.options = this;
            throw error;
        }
        /* eslint-enable no-unsafe-finally */
    }
    merge(options) {
        if (!options) {
            return;
        }
        if (options instanceof Options) {
            // Create a copy of the _init array to avoid infinite loop
            // when merging an Options instance with itself
            const initArray = [...options._init];
            for (const init of initArray) {
                this.merge(init);
            }
            return;
        }
        options = cloneRaw(options);
        init(this, options, this);
        init(options, options, this);
        this._merging = true;
        // Always merge `isStream` first
        if ('isStream' in options) {
            this.isStream = options.isStream;
        }
        try {
            let push = false;
            for (const key in options) {
                // `got.extend()` options
                if (key === 'mutableDefaults' || key === 'handlers') {
                    continue;
                }
                // Never merge `url`
                if (key === 'url') {
                    continue;
                }
                // Never merge `preserveHooks` - it's a control flag, not a persistent option
                if (key === 'preserveHooks') {
                    continue;
                }
                if (!(key in this)) {
                    throw new Error(`Unexpected option: ${key}`);
                }
                // @ts-expect-error Type 'unknown' is not assignable to type 'never'.
                const value = options[key];
                if (value === undefined) {
                    continue;
                }
                // @ts-expect-error Type 'unknown' is not assignable to type 'never'.
                this[key] = value;
                push = true;
            }
            if (push) {
                this._init.push(options);
            }
        }
        finally {
            this._merging = false;
        }
    }
    /**
    Custom request function.
    The main purpose of this is to [support HTTP2 using a wrapper](https://github.com/szmarczak/http2-wrapper).

    @default http.request | https.request
    */
    get request() {
        return this._internals.request;
    }
    set request(value) {
        assertAny('request', [is.function, is.undefined], value);
        this._internals.request = value;
    }
    /**
    An object representing `http`, `https` and `http2` keys for [`http.Agent`](https://nodejs.org/api/http.html#http_class_http_agent), [`https.Agent`](https://nodejs.org/api/https.html#https_class_https_agent) and [`http2wrapper.Agent`](https://github.com/szmarczak/http2-wrapper#new-http2agentoptions) instance.
    This is necessary because a request to one protocol might redirect to another.
    In such a scenario, Got will switch over to the right protocol agent for you.

    If a key is not present, it will default to a global agent.

    @example
    ```
    import got from 'got';
    import HttpAgent from 'agentkeepalive';

    const {HttpsAgent} = HttpAgent;

    await got('https://sindresorhus.com', {
        agent: {
            http: new HttpAgent(),
            https: new HttpsAgent()
        }
    });
    ```
    */
    get agent() {
        return this._internals.agent;
    }
    set agent(value) {
        assertPlainObject('agent', value);
        // eslint-disable-next-line guard-for-in
        for (const key in value) {
            if (!(key in this._internals.agent)) {
                throw new TypeError(`Unexpected agent option: ${key}`);
            }
            // @ts-expect-error - No idea why `value[key]` doesn't work here.
            assertAny(`agent.${key}`, [is.object, is.undefined, (v) => v === false], value[key]);
        }
        if (this._merging) {
            Object.assign(this._internals.agent, value);
        }
        else {
            this._internals.agent = { ...value };
        }
    }
    get h2session() {
        return this._internals.h2session;
    }
    set h2session(value) {
        this._internals.h2session = value;
    }
    /**
    Decompress the response automatically.

    This will set the `accept-encoding` header to `gzip, deflate, br` unless you set it yourself.

    If this is disabled, a compressed response is returned as a `Buffer`.
    This may be useful if you want to handle decompression yourself or stream the raw compressed data.

    @default true
    */
    get decompress() {
        return this._internals.decompress;
    }
    set decompress(value) {
        assert.boolean(value);
        this._internals.decompress = value;
    }
    /**
    Milliseconds to wait for the server to end the response before aborting the request with `got.TimeoutError` error (a.k.a. `request` property).
    By default, there's no timeout.

    This also accepts an `object` with the following fields to constrain the duration of each phase of the request lifecycle:

    - `lookup` starts when a socket is assigned and ends when the hostname has been resolved.
        Does not apply when using a Unix domain socket.
    - `connect` starts when `lookup` completes (or when the socket is assigned if lookup does not apply to the request) and ends when the socket is connected.
    - `secureConnect` starts when `connect` completes and ends when the handshaking process completes (HTTPS only).
    - `socket` starts when the socket is connected. See [request.setTimeout](https://nodejs.org/api/http.html#http_request_settimeout_timeout_callback).
    - `response` starts when the request has been written to the socket and ends when the response headers are received.
    - `send` starts when the socket is connected and ends with the request has been written to the socket.
    - `request` starts when the request is initiated and ends when the response's end event fires.
    */
    get timeout() {
        // We always return `Delays` here.
        // It has to be `Delays | number`, otherwise TypeScript will error because the getter and the setter have incompatible types.
        return this._internals.timeout;
    }
    set timeout(value) {
        assertPlainObject('timeout', value);
        // eslint-disable-next-line guard-for-in
        for (const key in value) {
            if (!(key in this._internals.timeout)) {
                throw new Error(`Unexpected timeout option: ${key}`);
            }
            // @ts-expect-error - No idea why `value[key]` doesn't work here.
            assertAny(`timeout.${key}`, [is.number, is.undefined], value[key]);
        }
        if (this._merging) {
            Object.assign(this._internals.timeout, value);
        }
        else {
            this._internals.timeout = { ...value };
        }
    }
    /**
    When specified, `prefixUrl` will be prepended to `url`.
    The prefix can be any valid URL, either relative or absolute.
    A trailing slash `/` is optional - one will be added automatically.

    __Note__: `prefixUrl` will be ignored if the `url` argument is a URL instance.

    __Note__: Leading slashes in `input` are disallowed when using this option to enforce consistency and avoid confusion.
    For example, when the prefix URL is `https://example.com/foo` and the input is `/bar`, there's ambiguity whether the resulting URL would become `https://example.com/foo/bar` or `https://example.com/bar`.
    The latter is used by browsers.

    __Tip__: Useful when used with `got.extend()` to create niche-specific Got instances.

    __Tip__: You can change `prefixUrl` using hooks as long as the URL still includes the `prefixUrl`.
    If the URL doesn't include it anymore, it will throw.

    @example
    ```
    import got from 'got';

    await got('unicorn', {prefixUrl: 'https://cats.com'});
    //=> 'https://cats.com/unicorn'

    const instance = got.extend({
        prefixUrl: 'https://google.com'
    });

    await instance('unicorn', {
        hooks: {
            beforeRequest: [
                options => {
                    options.prefixUrl = 'https://cats.com';
                }
            ]
        }
    });
    //=> 'https://cats.com/unicorn'
    ```
    */
    get prefixUrl() {
        // We always return `string` here.
        // It has to be `string | URL`, otherwise TypeScript will error because the getter and the setter have incompatible types.
        return this._internals.prefixUrl;
    }
    set prefixUrl(value) {
        assertAny('prefixUrl', [is.string, is.urlInstance], value);
        if (value === '') {
            this._internals.prefixUrl = '';
            return;
        }
        value = value.toString();
        if (!value.endsWith('/')) {
            value += '/';
        }
        if (this._internals.prefixUrl && this._internals.url) {
            const { href } = this._internals.url;
            this._internals.url.href = value + href.slice(this._internals.prefixUrl.length);
        }
        this._internals.prefixUrl = value;
    }
    /**
    __Note #1__: The `body` option cannot be used with the `json` or `form` option.

    __Note #2__: If you provide this option, `got.stream()` will be read-only.

    __Note #3__: If you provide a payload with the `GET` or `HEAD` method, it will throw a `TypeError` unless the method is `GET` and the `allowGetBody` option is set to `true`.

    __Note #4__: This option is not enumerable and will not be merged with the instance defaults.

    The `content-length` header will be automatically set if `body` is a `string` / `Buffer` / typed array ([`Uint8Array`](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Uint8Array), etc.) / [`FormData`](https://developer.mozilla.org/en-US/docs/Web/API/FormData) / [`form-data` instance](https://github.com/form-data/form-data), and `content-length` and `transfer-encoding` are not manually set in `options.headers`.

    Since Got 12, the `content-length` is not automatically set when `body` is a `fs.createReadStream`.

    You can use `Iterable` and `AsyncIterable` objects as request body, including Web [`ReadableStream`](https://developer.mozilla.org/en-US/docs/Web/API/ReadableStream):

    @example
    ```
    import got from 'got';

    // Using an async generator
    async function* generateData() {
        yield 'Hello, ';
        yield 'world!';
    }

    await got.post('https://httpbin.org/anything', {
        body: generateData()
    });
    ```
    */
    get body() {
        return this._internals.body;
    }
    set body(value) {
        assertAny('body', [is.string, is.buffer, is.nodeStream, is.generator, is.asyncGenerator, is.iterable, is.asyncIterable, isFormData$1, is.typedArray, is.undefined], value);
        if (is.nodeStream(value)) {
            assert.truthy(value.readable);
        }
        if (value !== undefined) {
            assert.undefined(this._internals.form);
            assert.undefined(this._internals.json);
        }
        this._internals.body = value;
    }
    /**
    The form body is converted to a query string using [`(new URLSearchParams(object)).toString()`](https://nodejs.org/api/url.html#url_constructor_new_urlsearchparams_obj).

    If the `Content-Type` header is not present, it will be set to `application/x-www-form-urlencoded`.

    __Note #1__: If you provide this option, `got.stream()` will be read-only.

    __Note #2__: This option is not enumerable and will not be merged with the instance defaults.
    */
    get form() {
        return this._internals.form;
    }
    set form(value) {
        assertAny('form', [is.plainObject, is.undefined], value);
        if (value !== undefined) {
            assert.undefined(this._internals.body);
            assert.undefined(this._internals.json);
        }
        this._internals.form = value;
    }
    /**
    JSON request body. If the `content-type` header is not set, it will be set to `application/json`.

    __Important__: This option only affects the request body you send to the server. To parse the response as JSON, you must either call `.json()` on the promise or set `responseType: 'json'` in the options.

    __Note #1__: If you provide this option, `got.stream()` will be read-only.

    __Note #2__: This option is not enumerable and will not be merged with the instance defaults.
    */
    get json() {
        return this._internals.json;
    }
    set json(value) {
        if (value !== undefined) {
            assert.undefined(this._internals.body);
            assert.undefined(this._internals.form);
        }
        this._internals.json = value;
    }
    /**
    The URL to request, as a string, a [`https.request` options object](https://nodejs.org/api/https.html#https_https_request_options_callback), or a [WHATWG `URL`](https://nodejs.org/api/url.html#url_class_url).

    Properties from `options` will override properties in the parsed `url`.

    If no protocol is specified, it will throw a `TypeError`.

    __Note__: The query string is **not** parsed as search params.

    @example
    ```
    await got('https://example.com/?query=a b'); //=> https://example.com/?query=a%20b
    await got('https://example.com/', {searchParams: {query: 'a b'}}); //=> https://example.com/?query=a+b

    // The query string is overridden by `searchParams`
    await got('https://example.com/?query=a b', {searchParams: {query: 'a b'}}); //=> https://example.com/?query=a+b
    ```
    */
    get url() {
        return this._internals.url;
    }
    set url(value) {
        assertAny('url', [is.string, is.urlInstance, is.undefined], value);
        if (value === undefined) {
            this._internals.url = undefined;
            return;
        }
        if (is.string(value) && value.startsWith('/')) {
            throw new Error('`url` must not start with a slash');
        }
        // Detect if URL is already absolute (has a protocol/scheme)
        const valueString = value.toString();
        const isAbsolute = is.urlInstance(value) || /^[a-z][a-z\d+.-]*:\/\//i.test(valueString);
        // Only concatenate prefixUrl if the URL is relative
        const urlString = isAbsolute ? valueString : `${this.prefixUrl}${valueString}`;
        const url = new URL(urlString);
        this._internals.url = url;
        if (url.protocol === 'unix:') {
            url.href = `http://unix${url.pathname}${url.search}`;
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
            const error = new Error(`Unsupported protocol: ${url.protocol}`);
            error.code = 'ERR_UNSUPPORTED_PROTOCOL';
            throw error;
        }
        if (this._internals.username) {
            url.username = this._internals.username;
            this._internals.username = '';
        }
        if (this._internals.password) {
            url.password = this._internals.password;
            this._internals.password = '';
        }
        if (this._internals.searchParams) {
            url.search = this._internals.searchParams.toString();
            this._internals.searchParams = undefined;
        }
        if (url.hostname === 'unix') {
            if (!this._internals.enableUnixSockets) {
                throw new Error('Using UNIX domain sockets but option `enableUnixSockets` is not enabled');
            }
            const matches = /(?<socketPath>.+?):(?<path>.+)/.exec(`${url.pathname}${url.search}`);
            if (matches?.groups) {
                const { socketPath, path } = matches.groups;
                this._unixOptions = {
                    socketPath,
                    path,
                    host: '',
                };
            }
            else {
                this._unixOptions = undefined;
            }
            return;
        }
        this._unixOptions = undefined;
    }
    /**
    Cookie support. You don't have to care about parsing or how to store them.

    __Note__: If you provide this option, `options.headers.cookie` will be overridden.
    */
    get cookieJar() {
        return this._internals.cookieJar;
    }
    set cookieJar(value) {
        assertAny('cookieJar', [is.object, is.undefined], value);
        if (value === undefined) {
            this._internals.cookieJar = undefined;
            return;
        }
        let { setCookie, getCookieString } = value;
        assert.function(setCookie);
        assert.function(getCookieString);
        /* istanbul ignore next: Horrible `tough-cookie` v3 check */
        if (setCookie.length === 4 && getCookieString.length === 0) {
            setCookie = promisify(setCookie.bind(value));
            getCookieString = promisify(getCookieString.bind(value));
            this._internals.cookieJar = {
                setCookie,
                getCookieString: getCookieString,
            };
        }
        else {
            this._internals.cookieJar = value;
        }
    }
    /**
    You can abort the `request` using [`AbortController`](https://developer.mozilla.org/en-US/docs/Web/API/AbortController).

    @example
    ```
    import got from 'got';

    const abortController = new AbortController();

    const request = got('https://httpbin.org/anything', {
        signal: abortController.signal
    });

    setTimeout(() => {
        abortController.abort();
    }, 100);
    ```
    */
    get signal() {
        return this._internals.signal;
    }
    set signal(value) {
        assert.object(value);
        this._internals.signal = value;
    }
    /**
    Ignore invalid cookies instead of throwing an error.
    Only useful when the `cookieJar` option has been set. Not recommended.

    @default false
    */
    get ignoreInvalidCookies() {
        return this._internals.ignoreInvalidCookies;
    }
    set ignoreInvalidCookies(value) {
        assert.boolean(value);
        this._internals.ignoreInvalidCookies = value;
    }
    /**
    Query string that will be added to the request URL.
    This will override the query string in `url`.

    If you need to pass in an array, you can do it using a `URLSearchParams` instance.

    @example
    ```
    import got from 'got';

    const searchParams = new URLSearchParams([['key', 'a'], ['key', 'b']]);

    await got('https://example.com', {searchParams});

    console.log(searchParams.toString());
    //=> 'key=a&key=b'
    ```
    */
    get searchParams() {
        if (this._internals.url) {
            return this._internals.url.searchParams;
        }
        if (this._internals.searchParams === undefined) {
            this._internals.searchParams = new URLSearchParams();
        }
        return this._internals.searchParams;
    }
    set searchParams(value) {
        assertAny('searchParams', [is.string, is.object, is.undefined], value);
        const url = this._internals.url;
        if (value === undefined) {
            this._internals.searchParams = undefined;
            if (url) {
                url.search = '';
            }
            return;
        }
        const searchParameters = this.searchParams;
        let updated;
        if (is.string(value)) {
            updated = new URLSearchParams(value);
        }
        else if (value instanceof URLSearchParams) {
            updated = value;
        }
        else {
            validateSearchParameters(value);
            updated = new URLSearchParams();
            // eslint-disable-next-line guard-for-in
            for (const key in value) {
                const entry = value[key];
                if (entry === null) {
                    updated.append(key, '');
                }
                else if (entry === undefined) {
                    searchParameters.delete(key);
                }
                else {
                    updated.append(key, entry);
                }
            }
        }
        if (this._merging) {
            // These keys will be replaced
            for (const key of updated.keys()) {
                searchParameters.delete(key);
            }
            for (const [key, value] of updated) {
                searchParameters.append(key, value);
            }
        }
        else if (url) {
            url.search = searchParameters.toString();
        }
        else {
            this._internals.searchParams = searchParameters;
        }
    }
    get searchParameters() {
        throw new Error('The `searchParameters` option does not exist. Use `searchParams` instead.');
    }
    set searchParameters(_value) {
        throw new Error('The `searchParameters` option does not exist. Use `searchParams` instead.');
    }
    get dnsLookup() {
        return this._internals.dnsLookup;
    }
    set dnsLookup(value) {
        assertAny('dnsLookup', [is.function, is.undefined], value);
        this._internals.dnsLookup = value;
    }
    /**
    An instance of [`CacheableLookup`](https://github.com/szmarczak/cacheable-lookup) used for making DNS lookups.
    Useful when making lots of requests to different *public* hostnames.

    `CacheableLookup` uses `dns.resolver4(..)` and `dns.resolver6(...)` under the hood and fall backs to `dns.lookup(...)` when the first two fail, which may lead to additional delay.

    __Note__: This should stay disabled when making requests to internal hostnames such as `localhost`, `database.local` etc.

    @default false
    */
    get dnsCache() {
        return this._internals.dnsCache;
    }
    set dnsCache(value) {
        assertAny('dnsCache', [is.object, is.boolean, is.undefined], value);
        if (value === true) {
            this._internals.dnsCache = getGlobalDnsCache();
        }
        else if (value === false) {
            this._internals.dnsCache = undefined;
        }
        else {
            this._internals.dnsCache = value;
        }
    }
    /**
    User data. `context` is shallow merged and enumerable. If it contains non-enumerable properties they will NOT be merged.

    @example
    ```
    import got from 'got';

    const instance = got.extend({
        hooks: {
            beforeRequest: [
                options => {
                    if (!options.context || !options.context.token) {
                        throw new Error('Token required');
                    }

                    options.headers.token = options.context.token;
                }
            ]
        }
    });

    const context = {
        token: 'secret'
    };

    const response = await instance('https://httpbin.org/headers', {context});

    // Let's see the headers
    console.log(response.body);
    ```
    */
    get context() {
        return this._internals.context;
    }
    set context(value) {
        assert.object(value);
        if (this._merging) {
            Object.assign(this._internals.context, value);
        }
        else {
            this._internals.context = { ...value };
        }
    }
    /**
    Hooks allow modifications during the request lifecycle.
    Hook functions may be async and are run serially.
    */
    get hooks() {
        return this._internals.hooks;
    }
    set hooks(value) {
        assert.object(value);
        // eslint-disable-next-line guard-for-in
        for (const knownHookEvent in value) {
            if (!(knownHookEvent in this._internals.hooks)) {
                throw new Error(`Unexpected hook event: ${knownHookEvent}`);
            }
            const typedKnownHookEvent = knownHookEvent;
            const hooks = value[typedKnownHookEvent];
            assertAny(`hooks.${knownHookEvent}`, [is.array, is.undefined], hooks);
            if (hooks) {
                for (const hook of hooks) {
                    assert.function(hook);
                }
            }
            if (this._merging) {
                if (hooks) {
                    // @ts-expect-error FIXME
                    this._internals.hooks[typedKnownHookEvent].push(...hooks);
                }
            }
            else {
                if (!hooks) {
                    throw new Error(`Missing hook event: ${knownHookEvent}`);
                }
                // @ts-expect-error FIXME
                this._internals.hooks[knownHookEvent] = [...hooks];
            }
        }
    }
    /**
    Whether redirect responses should be followed automatically.

    Optionally, pass a function to dynamically decide based on the response object.

    Note that if a `303` is sent by the server in response to any request type (`POST`, `DELETE`, etc.), Got will automatically request the resource pointed to in the location header via `GET`.
    This is in accordance with [the spec](https://tools.ietf.org/html/rfc7231#section-6.4.4). You can optionally turn on this behavior also for other redirect codes - see `methodRewriting`.

    @default true
    */
    get followRedirect() {
        return this._internals.followRedirect;
    }
    set followRedirect(value) {
        assertAny('followRedirect', [is.boolean, is.function], value);
        this._internals.followRedirect = value;
    }
    get followRedirects() {
        throw new TypeError('The `followRedirects` option does not exist. Use `followRedirect` instead.');
    }
    set followRedirects(_value) {
        throw new TypeError('The `followRedirects` option does not exist. Use `followRedirect` instead.');
    }
    /**
    If exceeded, the request will be aborted and a `MaxRedirectsError` will be thrown.

    @default 10
    */
    get maxRedirects() {
        return this._internals.maxRedirects;
    }
    set maxRedirects(value) {
        assert.number(value);
        this._internals.maxRedirects = value;
    }
    /**
    A cache adapter instance for storing cached response data.

    @default false
    */
    get cache() {
        return this._internals.cache;
    }
    set cache(value) {
        assertAny('cache', [is.object, is.string, is.boolean, is.undefined], value);
        if (value === true) {
            this._internals.cache = globalCache;
        }
        else if (value === false) {
            this._internals.cache = undefined;
        }
        else {
            this._internals.cache = wrapQuickLruIfNeeded(value);
        }
    }
    /**
    Determines if a `got.HTTPError` is thrown for unsuccessful responses.

    If this is disabled, requests that encounter an error status code will be resolved with the `response` instead of throwing.
    This may be useful if you are checking for resource availability and are expecting error responses.

    @default true
    */
    get throwHttpErrors() {
        return this._internals.throwHttpErrors;
    }
    set throwHttpErrors(value) {
        assert.boolean(value);
        this._internals.throwHttpErrors = value;
    }
    get username() {
        const url = this._internals.url;
        const value = url ? url.username : this._internals.username;
        return decodeURIComponent(value);
    }
    set username(value) {
        assert.string(value);
        const url = this._internals.url;
        const fixedValue = encodeURIComponent(value);
        if (url) {
            url.username = fixedValue;
        }
        else {
            this._internals.username = fixedValue;
        }
    }
    get password() {
        const url = this._internals.url;
        const value = url ? url.password : this._internals.password;
        return decodeURIComponent(value);
    }
    set password(value) {
        assert.string(value);
        const url = this._internals.url;
        const fixedValue = encodeURIComponent(value);
        if (url) {
            url.password = fixedValue;
        }
        else {
            this._internals.password = fixedValue;
        }
    }
    /**
    If set to `true`, Got will additionally accept HTTP2 requests.

    It will choose either HTTP/1.1 or HTTP/2 depending on the ALPN protocol.

    __Note__: This option requires Node.js 15.10.0 or newer as HTTP/2 support on older Node.js versions is very buggy.

    __Note__: Overriding `options.request` will disable HTTP2 support.

    @default false

    @example
    ```
    import got from 'got';

    const {headers} = await got('https://nghttp2.org/httpbin/anything', {http2: true});

    console.log(headers.via);
    //=> '2 nghttpx'
    ```
    */
    get http2() {
        return this._internals.http2;
    }
    set http2(value) {
        assert.boolean(value);
        this._internals.http2 = value;
    }
    /**
    Set this to `true` to allow sending body for the `GET` method.
    However, the [HTTP/2 specification](https://tools.ietf.org/html/rfc7540#section-8.1.3) says that `An HTTP GET request includes request header fields and no payload body`, therefore when using the HTTP/2 protocol this option will have no effect.
    This option is only meant to interact with non-compliant servers when you have no other choice.

    __Note__: The [RFC 7231](https://tools.ietf.org/html/rfc7231#section-4.3.1) doesn't specify any particular behavior for the GET method having a payload, therefore __it's considered an [anti-pattern](https://en.wikipedia.org/wiki/Anti-pattern)__.

    @default false
    */
    get allowGetBody() {
        return this._internals.allowGetBody;
    }
    set allowGetBody(value) {
        assert.boolean(value);
        this._internals.allowGetBody = value;
    }
    /**
    Automatically copy headers from piped streams.

    When piping a request into a Got stream (e.g., `request.pipe(got.stream(url))`), this controls whether headers from the source stream are automatically merged into the Got request headers.

    Note: Piped headers overwrite any explicitly set headers with the same name. To override this, either set `copyPipedHeaders` to `false` and manually copy safe headers, or use a `beforeRequest` hook to force specific header values after piping.

    Useful for proxy scenarios, but you may want to disable this to filter out headers like `Host`, `Connection`, `Authorization`, etc.

    @default true

    @example
    ```
    import got from 'got';
    import {pipeline} from 'node:stream/promises';

    // Disable automatic header copying and manually copy only safe headers
    server.get('/proxy', async (request, response) => {
        const gotStream = got.stream('https://example.com', {
            copyPipedHeaders: false,
            headers: {
                'user-agent': request.headers['user-agent'],
                'accept': request.headers['accept'],
                // Explicitly NOT copying host, connection, authorization, etc.
            }
        });

        await pipeline(request, gotStream, response);
    });
    ```

    @example
    ```
    import got from 'got';

    // Override piped headers using beforeRequest hook
    const gotStream = got.stream('https://example.com', {
        hooks: {
            beforeRequest: [
                options => {
                    // Force specific header values after piping
                    options.headers.host = 'example.com';
                    delete options.headers.authorization;
                }
            ]
        }
    });
    ```
    */
    get copyPipedHeaders() {
        return this._internals.copyPipedHeaders;
    }
    set copyPipedHeaders(value) {
        assert.boolean(value);
        this._internals.copyPipedHeaders = value;
    }
    /**
    Request headers.

    Existing headers will be overwritten. Headers set to `undefined` will be omitted.

    @default {}
    */
    get headers() {
        return this._internals.headers;
    }
    set headers(value) {
        assertPlainObject('headers', value);
        if (this._merging) {
            Object.assign(this._internals.headers, lowercaseKeys(value));
        }
        else {
            this._internals.headers = lowercaseKeys(value);
        }
    }
    /**
    Specifies if the HTTP request method should be [rewritten as `GET`](https://tools.ietf.org/html/rfc7231#section-6.4) on redirects.

    As the [specification](https://tools.ietf.org/html/rfc7231#section-6.4) prefers to rewrite the HTTP method only on `303` responses, this is Got's default behavior.
    Setting `methodRewriting` to `true` will also rewrite `301` and `302` responses, as allowed by the spec. This is the behavior followed by `curl` and browsers.

    __Note__: Got never performs method rewriting on `307` and `308` responses, as this is [explicitly prohibited by the specification](https://www.rfc-editor.org/rfc/rfc7231#section-6.4.7).

    @default false
    */
    get methodRewriting() {
        return this._internals.methodRewriting;
    }
    set methodRewriting(value) {
        assert.boolean(value);
        this._internals.methodRewriting = value;
    }
    /**
    Indicates which DNS record family to use.

    Values:
    - `undefined`: IPv4 (if present) or IPv6
    - `4`: Only IPv4
    - `6`: Only IPv6

    @default undefined
    */
    get dnsLookupIpVersion() {
        return this._internals.dnsLookupIpVersion;
    }
    set dnsLookupIpVersion(value) {
        if (value !== undefined && value !== 4 && value !== 6) {
            throw new TypeError(`Invalid DNS lookup IP version: ${value}`);
        }
        this._internals.dnsLookupIpVersion = value;
    }
    /**
    A function used to parse JSON responses.

    @example
    ```
    import got from 'got';
    import Bourne from '@hapi/bourne';

    const parsed = await got('https://example.com', {
        parseJson: text => Bourne.parse(text)
    }).json();

    console.log(parsed);
    ```
    */
    get parseJson() {
        return this._internals.parseJson;
    }
    set parseJson(value) {
        assert.function(value);
        this._internals.parseJson = value;
    }
    /**
    A function used to stringify the body of JSON requests.

    @example
    ```
    import got from 'got';

    await got.post('https://example.com', {
        stringifyJson: object => JSON.stringify(object, (key, value) => {
            if (key.startsWith('_')) {
                return;
            }

            return value;
        }),
        json: {
            some: 'payload',
            _ignoreMe: 1234
        }
    });
    ```

    @example
    ```
    import got from 'got';

    await got.post('https://example.com', {
        stringifyJson: object => JSON.stringify(object, (key, value) => {
            if (typeof value === 'number') {
                return value.toString();
            }

            return value;
        }),
        json: {
            some: 'payload',
            number: 1
        }
    });
    ```
    */
    get stringifyJson() {
        return this._internals.stringifyJson;
    }
    set stringifyJson(value) {
        assert.function(value);
        this._internals.stringifyJson = value;
    }
    /**
    An object representing `limit`, `calculateDelay`, `methods`, `statusCodes`, `maxRetryAfter` and `errorCodes` fields for maximum retry count, retry handler, allowed methods, allowed status codes, maximum [`Retry-After`](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Retry-After) time and allowed error codes.

    Delays between retries counts with function `1000 * Math.pow(2, retry) + Math.random() * 100`, where `retry` is attempt number (starts from 1).

    The `calculateDelay` property is a `function` that receives an object with `attemptCount`, `retryOptions`, `error` and `computedValue` properties for current retry count, the retry options, error and default computed value.
    The function must return a delay in milliseconds (or a Promise resolving with it) (`0` return value cancels retry).

    The `enforceRetryRules` property is a `boolean` that, when set to `true`, enforces the `limit`, `methods`, `statusCodes`, and `errorCodes` options before calling `calculateDelay`. Your `calculateDelay` function is only invoked when a retry is allowed based on these criteria. When `false` (default), `calculateDelay` receives the computed value but can override all retry logic.

    __Note:__ When `enforceRetryRules` is `false`, you must check `computedValue` in your `calculateDelay` function to respect the default retry logic. When `true`, the retry rules are enforced automatically.

    By default, it retries *only* on the specified methods, status codes, and on these network errors:

    - `ETIMEDOUT`: One of the [timeout](#timeout) limits were reached.
    - `ECONNRESET`: Connection was forcibly closed by a peer.
    - `EADDRINUSE`: Could not bind to any free port.
    - `ECONNREFUSED`: Connection was refused by the server.
    - `EPIPE`: The remote side of the stream being written has been closed.
    - `ENOTFOUND`: Couldn't resolve the hostname to an IP address.
    - `ENETUNREACH`: No internet connection.
    - `EAI_AGAIN`: DNS lookup timed out.

    __Note__: If `maxRetryAfter` is set to `undefined`, it will use `options.timeout`.
    __Note__: If [`Retry-After`](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Retry-After) header is greater than `maxRetryAfter`, it will cancel the request.
    */
    get retry() {
        return this._internals.retry;
    }
    set retry(value) {
        assertPlainObject('retry', value);
        assertAny('retry.calculateDelay', [is.function, is.undefined], value.calculateDelay);
        assertAny('retry.maxRetryAfter', [is.number, is.undefined], value.maxRetryAfter);
        assertAny('retry.limit', [is.number, is.undefined], value.limit);
        assertAny('retry.methods', [is.array, is.undefined], value.methods);
        assertAny('retry.statusCodes', [is.array, is.undefined], value.statusCodes);
        assertAny('retry.errorCodes', [is.array, is.undefined], value.errorCodes);
        assertAny('retry.noise', [is.number, is.undefined], value.noise);
        assertAny('retry.enforceRetryRules', [is.boolean, is.undefined], value.enforceRetryRules);
        if (value.noise && Math.abs(value.noise) > 100) {
            throw new Error(`The maximum acceptable retry noise is +/- 100ms, got ${value.noise}`);
        }
        for (const key in value) {
            if (!(key in this._internals.retry)) {
                throw new Error(`Unexpected retry option: ${key}`);
            }
        }
        if (this._merging) {
            Object.assign(this._internals.retry, value);
        }
        else {
            this._internals.retry = { ...value };
        }
        const { retry } = this._internals;
        retry.methods = [...new Set(retry.methods.map(method => method.toUpperCase()))];
        retry.statusCodes = [...new Set(retry.statusCodes)];
        retry.errorCodes = [...new Set(retry.errorCodes)];
    }
    /**
    From `http.RequestOptions`.

    The IP address used to send the request from.
    */
    get localAddress() {
        return this._internals.localAddress;
    }
    set localAddress(value) {
        assertAny('localAddress', [is.string, is.undefined], value);
        this._internals.localAddress = value;
    }
    /**
    The HTTP method used to make the request.

    @default 'GET'
    */
    get method() {
        return this._internals.method;
    }
    set method(value) {
        assert.string(value);
        this._internals.method = value.toUpperCase();
    }
    get createConnection() {
        return this._internals.createConnection;
    }
    set createConnection(value) {
        assertAny('createConnection', [is.function, is.undefined], value);
        this._internals.createConnection = value;
    }
    /**
    From `http-cache-semantics`

    @default {}
    */
    get cacheOptions() {
        return this._internals.cacheOptions;
    }
    set cacheOptions(value) {
        assertPlainObject('cacheOptions', value);
        assertAny('cacheOptions.shared', [is.boolean, is.undefined], value.shared);
        assertAny('cacheOptions.cacheHeuristic', [is.number, is.undefined], value.cacheHeuristic);
        assertAny('cacheOptions.immutableMinTimeToLive', [is.number, is.undefined], value.immutableMinTimeToLive);
        assertAny('cacheOptions.ignoreCargoCult', [is.boolean, is.undefined], value.ignoreCargoCult);
        for (const key in value) {
            if (!(key in this._internals.cacheOptions)) {
                throw new Error(`Cache option \`${key}\` does not exist`);
            }
        }
        if (this._merging) {
            Object.assign(this._internals.cacheOptions, value);
        }
        else {
            this._internals.cacheOptions = { ...value };
        }
    }
    /**
    Options for the advanced HTTPS API.
    */
    get https() {
        return this._internals.https;
    }
    set https(value) {
        assertPlainObject('https', value);
        assertAny('https.rejectUnauthorized', [is.boolean, is.undefined], value.rejectUnauthorized);
        assertAny('https.checkServerIdentity', [is.function, is.undefined], value.checkServerIdentity);
        assertAny('https.serverName', [is.string, is.undefined], value.serverName);
        assertAny('https.certificateAuthority', [is.string, is.object, is.array, is.undefined], value.certificateAuthority);
        assertAny('https.key', [is.string, is.object, is.array, is.undefined], value.key);
        assertAny('https.certificate', [is.string, is.object, is.array, is.undefined], value.certificate);
        assertAny('https.passphrase', [is.string, is.undefined], value.passphrase);
        assertAny('https.pfx', [is.string, is.buffer, is.array, is.undefined], value.pfx);
        assertAny('https.alpnProtocols', [is.array, is.undefined], value.alpnProtocols);
        assertAny('https.ciphers', [is.string, is.undefined], value.ciphers);
        assertAny('https.dhparam', [is.string, is.buffer, is.undefined], value.dhparam);
        assertAny('https.signatureAlgorithms', [is.string, is.undefined], value.signatureAlgorithms);
        assertAny('https.minVersion', [is.string, is.undefined], value.minVersion);
        assertAny('https.maxVersion', [is.string, is.undefined], value.maxVersion);
        assertAny('https.honorCipherOrder', [is.boolean, is.undefined], value.honorCipherOrder);
        assertAny('https.tlsSessionLifetime', [is.number, is.undefined], value.tlsSessionLifetime);
        assertAny('https.ecdhCurve', [is.string, is.undefined], value.ecdhCurve);
        assertAny('https.certificateRevocationLists', [is.string, is.buffer, is.array, is.undefined], value.certificateRevocationLists);
        assertAny('https.secureOptions', [is.number, is.undefined], value.secureOptions);
        for (const key in value) {
            if (!(key in this._internals.https)) {
                throw new Error(`HTTPS option \`${key}\` does not exist`);
            }
        }
        if (this._merging) {
            Object.assign(this._internals.https, value);
        }
        else {
            this._internals.https = { ...value };
        }
    }
    /**
    [Encoding](https://nodejs.org/api/buffer.html#buffer_buffers_and_character_encodings) to be used on `setEncoding` of the response data.

    To get a [`Buffer`](https://nodejs.org/api/buffer.html), you need to set `responseType` to `buffer` instead.
    Don't set this option to `null`.

    __Note__: This doesn't affect streams! Instead, you need to do `got.stream(...).setEncoding(encoding)`.

    @default 'utf-8'
    */
    get encoding() {
        return this._internals.encoding;
    }
    set encoding(value) {
        if (value === null) {
            throw new TypeError('To get a Buffer, set `options.responseType` to `buffer` instead');
        }
        assertAny('encoding', [is.string, is.undefined], value);
        this._internals.encoding = value;
    }
    /**
    When set to `true` the promise will return the Response body instead of the Response object.

    @default false
    */
    get resolveBodyOnly() {
        return this._internals.resolveBodyOnly;
    }
    set resolveBodyOnly(value) {
        assert.boolean(value);
        this._internals.resolveBodyOnly = value;
    }
    /**
    Returns a `Stream` instead of a `Promise`.
    This is equivalent to calling `got.stream(url, options?)`.

    @default false
    */
    get isStream() {
        return this._internals.isStream;
    }
    set isStream(value) {
        assert.boolean(value);
        this._internals.isStream = value;
    }
    /**
    The parsing method.

    The promise also has `.text()`, `.json()` and `.buffer()` methods which return another Got promise for the parsed body.

    It's like setting the options to `{responseType: 'json', resolveBodyOnly: true}` but without affecting the main Got promise.

    __Note__: When using streams, this option is ignored.

    @example
    ```
    const responsePromise = got(url);
    const bufferPromise = responsePromise.buffer();
    const jsonPromise = responsePromise.json();

    const [response, buffer, json] = Promise.all([responsePromise, bufferPromise, jsonPromise]);
    // `response` is an instance of Got Response
    // `buffer` is an instance of Buffer
    // `json` is an object
    ```

    @example
    ```
    // This
    const body = await got(url).json();

    // is semantically the same as this
    const body = await got(url, {responseType: 'json', resolveBodyOnly: true});
    ```
    */
    get responseType() {
        return this._internals.responseType;
    }
    set responseType(value) {
        if (value === undefined) {
            this._internals.responseType = 'text';
            return;
        }
        if (value !== 'text' && value !== 'buffer' && value !== 'json') {
            throw new Error(`Invalid \`responseType\` option: ${value}`);
        }
        this._internals.responseType = value;
    }
    get pagination() {
        return this._internals.pagination;
    }
    set pagination(value) {
        assert.object(value);
        if (this._merging) {
            Object.assign(this._internals.pagination, value);
        }
        else {
            this._internals.pagination = value;
        }
    }
    get auth() {
        throw new Error('Parameter `auth` is deprecated. Use `username` / `password` instead.');
    }
    set auth(_value) {
        throw new Error('Parameter `auth` is deprecated. Use `username` / `password` instead.');
    }
    get setHost() {
        return this._internals.setHost;
    }
    set setHost(value) {
        assert.boolean(value);
        this._internals.setHost = value;
    }
    get maxHeaderSize() {
        return this._internals.maxHeaderSize;
    }
    set maxHeaderSize(value) {
        assertAny('maxHeaderSize', [is.number, is.undefined], value);
        this._internals.maxHeaderSize = value;
    }
    get enableUnixSockets() {
        return this._internals.enableUnixSockets;
    }
    set enableUnixSockets(value) {
        assert.boolean(value);
        this._internals.enableUnixSockets = value;
    }
    /**
    Throw an error if the server response's `content-length` header value doesn't match the number of bytes received.

    This is useful for detecting truncated responses and follows RFC 9112 requirements for message completeness.

    __Note__: Responses without a `content-length` header are not validated.
    __Note__: When enabled and validation fails, a `ReadError` with code `ERR_HTTP_CONTENT_LENGTH_MISMATCH` will be thrown.

    @default false
    */
    get strictContentLength() {
        return this._internals.strictContentLength;
    }
    set strictContentLength(value) {
        assert.boolean(value);
        this._internals.strictContentLength = value;
    }
    // eslint-disable-next-line @typescript-eslint/naming-convention
    toJSON() {
        return { ...this._internals };
    }
    [Symbol.for('nodejs.util.inspect.custom')](_depth, options) {
        return inspect(this._internals, options);
    }
    createNativeRequestOptions() {
        const internals = this._internals;
        const url = internals.url;
        let agent;
        if (url.protocol === 'https:') {
            if (internals.http2) {
                // Ensure HTTP/2 agent is configured for connection reuse
                // If no custom agent.http2 is provided, use the global agent for connection pooling
                agent = {
                    ...internals.agent,
                    http2: internals.agent.http2 ?? http2wrapper.globalAgent,
                };
            }
            else {
                agent = internals.agent.https;
            }
        }
        else {
            agent = internals.agent.http;
        }
        const { https } = internals;
        let { pfx } = https;
        if (is.array(pfx) && is.plainObject(pfx[0])) {
            pfx = pfx.map(object => ({
                buf: object.buffer,
                passphrase: object.passphrase,
            }));
        }
        return {
            ...internals.cacheOptions,
            ...this._unixOptions,
            // HTTPS options
            // eslint-disable-next-line @typescript-eslint/naming-convention
            ALPNProtocols: https.alpnProtocols,
            ca: https.certificateAuthority,
            cert: https.certificate,
            key: https.key,
            passphrase: https.passphrase,
            pfx: https.pfx,
            rejectUnauthorized: https.rejectUnauthorized,
            checkServerIdentity: https.checkServerIdentity ?? checkServerIdentity,
            servername: https.serverName,
            ciphers: https.ciphers,
            honorCipherOrder: https.honorCipherOrder,
            minVersion: https.minVersion,
            maxVersion: https.maxVersion,
            sigalgs: https.signatureAlgorithms,
            sessionTimeout: https.tlsSessionLifetime,
            dhparam: https.dhparam,
            ecdhCurve: https.ecdhCurve,
            crl: https.certificateRevocationLists,
            secureOptions: https.secureOptions,
            // HTTP options
            lookup: internals.dnsLookup ?? internals.dnsCache?.lookup,
            family: internals.dnsLookupIpVersion,
            agent,
            setHost: internals.setHost,
            method: internals.method,
            maxHeaderSize: internals.maxHeaderSize,
            localAddress: internals.localAddress,
            headers: internals.headers,
            createConnection: internals.createConnection,
            timeout: internals.http2 ? getHttp2TimeoutOption(internals) : undefined,
            // HTTP/2 options
            h2session: internals.h2session,
        };
    }
    getRequestFunction() {
        const url = this._internals.url;
        const { request } = this._internals;
        if (!request && url) {
            return this.getFallbackRequestFunction();
        }
        return request;
    }
    getFallbackRequestFunction() {
        const url = this._internals.url;
        if (!url) {
            return;
        }
        if (url.protocol === 'https:') {
            if (this._internals.http2) {
                if (major < 15 || (major === 15 && minor < 10)) {
                    const error = new Error('To use the `http2` option, install Node.js 15.10.0 or above');
                    error.code = 'EUNSUPPORTED';
                    throw error;
                }
                return http2wrapper.auto;
            }
            return node_https__default.request;
        }
        return http__default.request;
    }
    freeze() {
        const options = this._internals;
        Object.freeze(options);
        Object.freeze(options.hooks);
        Object.freeze(options.hooks.afterResponse);
        Object.freeze(options.hooks.beforeError);
        Object.freeze(options.hooks.beforeRedirect);
        Object.freeze(options.hooks.beforeRequest);
        Object.freeze(options.hooks.beforeRetry);
        Object.freeze(options.hooks.init);
        Object.freeze(options.https);
        Object.freeze(options.cacheOptions);
        Object.freeze(options.agent);
        Object.freeze(options.headers);
        Object.freeze(options.timeout);
        Object.freeze(options.retry);
        Object.freeze(options.retry.errorCodes);
        Object.freeze(options.retry.methods);
        Object.freeze(options.retry.statusCodes);
    }
}

const isResponseOk = (response) => {
    const { statusCode } = response;
    const { followRedirect } = response.request.options;
    const shouldFollow = typeof followRedirect === 'function' ? followRedirect(response) : followRedirect;
    const limitStatusCode = shouldFollow ? 299 : 399;
    return (statusCode >= 200 && statusCode <= limitStatusCode) || statusCode === 304;
};
/**
An error to be thrown when server response code is 2xx, and parsing body fails.
Includes a `response` property.
*/
class ParseError extends RequestError$1 {
    name = 'ParseError';
    code = 'ERR_BODY_PARSE_FAILURE';
    constructor(error, response) {
        const { options } = response.request;
        super(`${error.message} in "${options.url.toString()}"`, error, response.request);
    }
}
const parseBody = (response, responseType, parseJson, encoding) => {
    const { rawBody } = response;
    try {
        if (responseType === 'text') {
            return rawBody.toString(encoding);
        }
        if (responseType === 'json') {
            return rawBody.length === 0 ? '' : parseJson(rawBody.toString(encoding));
        }
        if (responseType === 'buffer') {
            return rawBody;
        }
    }
    catch (error) {
        throw new ParseError(error, response);
    }
    throw new ParseError({
        message: `Unknown body type '${responseType}'`,
        name: 'Error',
    }, response);
};

function isClientRequest(clientRequest) {
    return clientRequest.writable && !clientRequest.writableEnded;
}

// eslint-disable-next-line @typescript-eslint/naming-convention
function isUnixSocketURL(url) {
    return url.protocol === 'unix:' || url.hostname === 'unix';
}
/**
Extract the socket path from a UNIX socket URL.

@example
```
getUnixSocketPath(new URL('http://unix/foo:/path'));
//=> '/foo'

getUnixSocketPath(new URL('unix:/foo:/path'));
//=> '/foo'

getUnixSocketPath(new URL('http://example.com'));
//=> undefined
```
*/
function getUnixSocketPath(url) {
    if (!isUnixSocketURL(url)) {
        return undefined;
    }
    return /(?<socketPath>.+?):(?<path>.+)/.exec(`${url.pathname}${url.search}`)?.groups?.socketPath;
}

const channels = {
    requestCreate: diagnosticsChannel.channel('got:request:create'),
    requestStart: diagnosticsChannel.channel('got:request:start'),
    responseStart: diagnosticsChannel.channel('got:response:start'),
    responseEnd: diagnosticsChannel.channel('got:response:end'),
    retry: diagnosticsChannel.channel('got:request:retry'),
    error: diagnosticsChannel.channel('got:request:error'),
    redirect: diagnosticsChannel.channel('got:response:redirect'),
};
function generateRequestId() {
    return randomUUID();
}
function publishRequestCreate(message) {
    if (channels.requestCreate.hasSubscribers) {
        channels.requestCreate.publish(message);
    }
}
function publishRequestStart(message) {
    if (channels.requestStart.hasSubscribers) {
        channels.requestStart.publish(message);
    }
}
function publishResponseStart(message) {
    if (channels.responseStart.hasSubscribers) {
        channels.responseStart.publish(message);
    }
}
function publishResponseEnd(message) {
    if (channels.responseEnd.hasSubscribers) {
        channels.responseEnd.publish(message);
    }
}
function publishRetry(message) {
    if (channels.retry.hasSubscribers) {
        channels.retry.publish(message);
    }
}
function publishError(message) {
    if (channels.error.hasSubscribers) {
        channels.error.publish(message);
    }
}
function publishRedirect(message) {
    if (channels.redirect.hasSubscribers) {
        channels.redirect.publish(message);
    }
}

const supportsBrotli = is.string(process$1.versions.brotli);
const supportsZstd = is.string(process$1.versions.zstd);
const methodsWithoutBody = new Set(['GET', 'HEAD']);
const cacheableStore = new WeakableMap();
const redirectCodes = new Set([300, 301, 302, 303, 304, 307, 308]);
// Track errors that have been processed by beforeError hooks to preserve custom error types
const errorsProcessedByHooks = new WeakSet();
const proxiedRequestEvents$1 = [
    'socket',
    'connect',
    'continue',
    'information',
    'upgrade',
];
const noop = () => { };
class Request extends Duplex {
    // @ts-expect-error - Ignoring for now.
    ['constructor'];
    _noPipe;
    // @ts-expect-error https://github.com/microsoft/TypeScript/issues/9568
    options;
    response;
    requestUrl;
    redirectUrls = [];
    retryCount = 0;
    _stopReading = false;
    _stopRetry = noop;
    _downloadedSize = 0;
    _uploadedSize = 0;
    _pipedServerResponses = new Set();
    _request;
    _responseSize;
    _bodySize;
    _unproxyEvents = noop;
    _isFromCache;
    _triggerRead = false;
    _jobs = [];
    _cancelTimeouts = noop;
    _removeListeners = noop;
    _nativeResponse;
    _flushed = false;
    _aborted = false;
    _expectedContentLength;
    _compressedBytesCount;
    _requestId = generateRequestId();
    // We need this because `this._request` if `undefined` when using cache
    _requestInitialized = false;
    constructor(url, options, defaults) {
        super({
            // Don't destroy immediately, as the error may be emitted on unsuccessful retry
            autoDestroy: false,
            // It needs to be zero because we're just proxying the data to another stream
            highWaterMark: 0,
        });
        this.on('pipe', (source) => {
            if (this.options.copyPipedHeaders && source?.headers) {
                Object.assign(this.options.headers, source.headers);
            }
        });
        this.on('newListener', event => {
            if (event === 'retry' && this.listenerCount('retry') > 0) {
                throw new Error('A retry listener has been attached already.');
            }
        });
        try {
            this.options = new Options(url, options, defaults);
            if (!this.options.url) {
                if (this.options.prefixUrl === '') {
                    throw new TypeError('Missing `url` property');
                }
                this.options.url = '';
            }
            this.requestUrl = this.options.url;
            // Publish request creation event
            publishRequestCreate({
                requestId: this._requestId,
                url: this.options.url?.toString() ?? '',
                method: this.options.method,
            });
        }
        catch (error) {
            const { options } = error;
            if (options) {
                this.options = options;
            }
            this.flush = async () => {
                this.flush = async () => { };
                // Defer error emission to next tick to allow user to attach error handlers
                process$1.nextTick(() => {
                    // _beforeError requires options to access retry logic and hooks
                    if (this.options) {
                        this._beforeError(error);
                    }
                    else {
                        // Options is undefined, skip _beforeError and destroy directly
                        const requestError = error instanceof RequestError$1 ? error : new RequestError$1(error.message, error, this);
                        this.destroy(requestError);
                    }
                });
            };
            return;
        }
        // Important! If you replace `body` in a handler with another stream, make sure it's readable first.
        // The below is run only once.
        const { body } = this.options;
        if (is.nodeStream(body)) {
            body.once('error', error => {
                if (this._flushed) {
                    this._beforeError(new UploadError(error, this));
                }
                else {
                    this.flush = async () => {
                        this.flush = async () => { };
                        this._beforeError(new UploadError(error, this));
                    };
                }
            });
        }
        if (this.options.signal) {
            const abort = () => {
                // See https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static#return_value
                if (this.options.signal?.reason?.name === 'TimeoutError') {
                    this.destroy(new TimeoutError$1(this.options.signal.reason, this.timings, this));
                }
                else {
                    this.destroy(new AbortError(this));
                }
            };
            if (this.options.signal.aborted) {
                abort();
            }
            else {
                this.options.signal.addEventListener('abort', abort);
                this._removeListeners = () => {
                    this.options.signal?.removeEventListener('abort', abort);
                };
            }
        }
    }
    async flush() {
        if (this._flushed) {
            return;
        }
        this._flushed = true;
        try {
            await this._finalizeBody();
            if (this.destroyed) {
                return;
            }
            await this._makeRequest();
            if (this.destroyed) {
                this._request?.destroy();
                return;
            }
            // Queued writes etc.
            for (const job of this._jobs) {
                job();
            }
            // Prevent memory leak
            this._jobs.length = 0;
            this._requestInitialized = true;
        }
        catch (error) {
            this._beforeError(error);
        }
    }
    _beforeError(error) {
        if (this._stopReading) {
            return;
        }
        const { response, options } = this;
        const attemptCount = this.retryCount + (error.name === 'RetryError' ? 0 : 1);
        this._stopReading = true;
        if (!(error instanceof RequestError$1)) {
            error = new RequestError$1(error.message, error, this);
        }
        const typedError = error;
        void (async () => {
            // Node.js parser is really weird.
            // It emits post-request Parse Errors on the same instance as previous request. WTF.
            // Therefore, we need to check if it has been destroyed as well.
            //
            // Furthermore, Node.js 16 `response.destroy()` doesn't immediately destroy the socket,
            // but makes the response unreadable. So we additionally need to check `response.readable`.
            if (response?.readable && !response.rawBody && !this._request?.socket?.destroyed) {
                // @types/node has incorrect typings. `setEncoding` accepts `null` as well.
                response.setEncoding(this.readableEncoding);
                const success = await this._setRawBody(response);
                if (success) {
                    response.body = response.rawBody.toString();
                }
            }
            if (this.listenerCount('retry') !== 0) {
                let backoff;
                try {
                    let retryAfter;
                    if (response && 'retry-after' in response.headers) {
                        retryAfter = Number(response.headers['retry-after']);
                        if (Number.isNaN(retryAfter)) {
                            retryAfter = Date.parse(response.headers['retry-after']) - Date.now();
                            if (retryAfter <= 0) {
                                retryAfter = 1;
                            }
                        }
                        else {
                            retryAfter *= 1000;
                        }
                    }
                    const retryOptions = options.retry;
                    const computedValue = calculateRetryDelay({
                        attemptCount,
                        retryOptions,
                        error: typedError,
                        retryAfter,
                        computedValue: retryOptions.maxRetryAfter ?? options.timeout.request ?? Number.POSITIVE_INFINITY,
                    });
                    // When enforceRetryRules is true, respect the retry rules (limit, methods, statusCodes, errorCodes)
                    // before calling the user's calculateDelay function. If computedValue is 0 (meaning retry is not allowed
                    // based on these rules), skip calling calculateDelay entirely.
                    // When false (default), always call calculateDelay, allowing it to override retry decisions.
                    if (retryOptions.enforceRetryRules && computedValue === 0) {
                        backoff = 0;
                    }
                    else {
                        backoff = await retryOptions.calculateDelay({
                            attemptCount,
                            retryOptions,
                            error: typedError,
                            retryAfter,
                            computedValue,
                        });
                    }
                }
                catch (error_) {
                    void this._error(new RequestError$1(error_.message, error_, this));
                    return;
                }
                if (backoff) {
                    await new Promise(resolve => {
                        const timeout = setTimeout(resolve, backoff);
                        this._stopRetry = () => {
                            clearTimeout(timeout);
                            resolve();
                        };
                    });
                    // Something forced us to abort the retry
                    if (this.destroyed) {
                        return;
                    }
                    // Capture body BEFORE hooks run to detect reassignment
                    const bodyBeforeHooks = this.options.body;
                    try {
                        for (const hook of this.options.hooks.beforeRetry) {
                            // eslint-disable-next-line no-await-in-loop
                            await hook(typedError, this.retryCount + 1);
                        }
                    }
                    catch (error_) {
                        void this._error(new RequestError$1(error_.message, error_, this));
                        return;
                    }
                    // Something forced us to abort the retry
                    if (this.destroyed) {
                        return;
                    }
                    // Preserve stream body reassigned in beforeRetry hooks.
                    const bodyAfterHooks = this.options.body;
                    const bodyWasReassigned = bodyBeforeHooks !== bodyAfterHooks;
                    // Resource cleanup and preservation logic for retry with body reassignment.
                    // The Promise wrapper (as-promise/index.ts) compares body identity to detect consumed streams,
                    // so we must preserve the body reference across destroy(). However, destroy() calls _destroy()
                    // which destroys this.options.body, creating a complex dance of clear/restore operations.
                    //
                    // Key constraints:
                    // 1. If body was reassigned, we must NOT destroy the NEW stream (it will be used for retry)
                    // 2. If body was reassigned, we MUST destroy the OLD stream to prevent memory leaks
                    // 3. We must restore the body reference after destroy() for identity checks in promise wrapper
                    // 4. We cannot use the normal setter after destroy() because it validates stream readability
                    if (bodyWasReassigned) {
                        const oldBody = bodyBeforeHooks;
                        // Temporarily clear body to prevent destroy() from destroying the new stream
                        this.options.body = undefined;
                        this.destroy();
                        // Clean up the old stream resource if it's a stream and different from new body
                        // (edge case: if old and new are same stream object, don't destroy it)
                        if (is.nodeStream(oldBody) && oldBody !== bodyAfterHooks) {
                            oldBody.destroy();
                        }
                        // Restore new body for promise wrapper's identity check
                        // We bypass the setter because it validates stream.readable (which fails for destroyed request)
                        // Type assertion is necessary here to access private _internals without exposing internal API
                        if (is.nodeStream(bodyAfterHooks) && (bodyAfterHooks.readableEnded || bodyAfterHooks.destroyed)) {
                            throw new TypeError('The reassigned stream body must be readable. Ensure you provide a fresh, readable stream in the beforeRetry hook.');
                        }
                        this.options._internals.body = bodyAfterHooks;
                    }
                    else {
                        // Body wasn't reassigned - use normal destroy flow which handles body cleanup
                        this.destroy();
                        // Note: We do NOT restore the body reference here. The stream was destroyed by _destroy()
                        // and should not be accessed. The promise wrapper will see that body identity hasn't changed
                        // and will detect it's a consumed stream, which is the correct behavior.
                    }
                    // Publish retry event
                    publishRetry({
                        requestId: this._requestId,
                        retryCount: this.retryCount + 1,
                        error: typedError,
                        delay: backoff,
                    });
                    this.emit('retry', this.retryCount + 1, error, (updatedOptions) => {
                        const request = new Request(options.url, updatedOptions, options);
                        request.retryCount = this.retryCount + 1;
                        process$1.nextTick(() => {
                            void request.flush();
                        });
                        return request;
                    });
                    return;
                }
            }
            void this._error(typedError);
        })();
    }
    _read() {
        this._triggerRead = true;
        const { response } = this;
        if (response && !this._stopReading) {
            // We cannot put this in the `if` above
            // because `.read()` also triggers the `end` event
            if (response.readableLength) {
                this._triggerRead = false;
            }
            let data;
            while ((data = response.read()) !== null) {
                this._downloadedSize += data.length; // eslint-disable-line @typescript-eslint/restrict-plus-operands
                const progress = this.downloadProgress;
                if (progress.percent < 1) {
                    this.emit('downloadProgress', progress);
                }
                this.push(data);
            }
        }
    }
    _write(chunk, encoding, callback) {
        const write = () => {
            this._writeRequest(chunk, encoding, callback);
        };
        if (this._requestInitialized) {
            write();
        }
        else {
            this._jobs.push(write);
        }
    }
    _final(callback) {
        const endRequest = () => {
            // We need to check if `this._request` is present,
            // because it isn't when we use cache.
            if (!this._request || this._request.destroyed) {
                callback();
                return;
            }
            this._request.end((error) => {
                // The request has been destroyed before `_final` finished.
                // See https://github.com/nodejs/node/issues/39356
                if (this._request?._writableState?.errored) {
                    return;
                }
                if (!error) {
                    this._bodySize = this._uploadedSize;
                    this.emit('uploadProgress', this.uploadProgress);
                    this._request?.emit('upload-complete');
                }
                callback(error);
            });
        };
        if (this._requestInitialized) {
            endRequest();
        }
        else {
            this._jobs.push(endRequest);
        }
    }
    _destroy(error, callback) {
        this._stopReading = true;
        this.flush = async () => { };
        // Prevent further retries
        this._stopRetry();
        this._cancelTimeouts();
        this._removeListeners();
        if (this.options) {
            const { body } = this.options;
            if (is.nodeStream(body)) {
                body.destroy();
            }
        }
        if (this._request) {
            this._request.destroy();
        }
        // Workaround: http-timer only sets timings.end when the response emits 'end'.
        // When a stream is destroyed before completion, the 'end' event may not fire,
        // leaving timings.end undefined. This should ideally be fixed in http-timer
        // by listening to the 'close' event, but we handle it here for now.
        // Only set timings.end if there was no error or abort (to maintain semantic correctness).
        const timings = this._request?.timings;
        if (timings && is.undefined(timings.end) && !is.undefined(timings.response) && is.undefined(timings.error) && is.undefined(timings.abort)) {
            timings.end = Date.now();
            if (is.undefined(timings.phases.total)) {
                timings.phases.download = timings.end - timings.response;
                timings.phases.total = timings.end - timings.start;
            }
        }
        // Preserve custom errors returned by beforeError hooks.
        // For other errors, wrap non-RequestError instances for consistency.
        if (error !== null && !is.undefined(error)) {
            const processedByHooks = error instanceof Error && errorsProcessedByHooks.has(error);
            if (!processedByHooks && !(error instanceof RequestError$1)) {
                error = error instanceof Error
                    ? new RequestError$1(error.message, error, this)
                    : new RequestError$1(String(error), {}, this);
            }
        }
        callback(error);
    }
    pipe(destination, options) {
        if (destination instanceof ServerResponse) {
            this._pipedServerResponses.add(destination);
        }
        return super.pipe(destination, options);
    }
    unpipe(destination) {
        if (destination instanceof ServerResponse) {
            this._pipedServerResponses.delete(destination);
        }
        super.unpipe(destination);
        return this;
    }
    _checkContentLengthMismatch() {
        if (this.options.strictContentLength && this._expectedContentLength !== undefined) {
            // Use compressed bytes count when available (for compressed responses),
            // otherwise use _downloadedSize (for uncompressed responses)
            const actualSize = this._compressedBytesCount ?? this._downloadedSize;
            if (actualSize !== this._expectedContentLength) {
                this._beforeError(new ReadError({
                    message: `Content-Length mismatch: expected ${this._expectedContentLength} bytes, received ${actualSize} bytes`,
                    name: 'Error',
                    code: 'ERR_HTTP_CONTENT_LENGTH_MISMATCH',
                }, this));
                return true;
            }
        }
        return false;
    }
    async _finalizeBody() {
        const { options } = this;
        const { headers } = options;
        const isForm = !is.undefined(options.form);
        // eslint-disable-next-line @typescript-eslint/naming-convention
        const isJSON = !is.undefined(options.json);
        const isBody = !is.undefined(options.body);
        const cannotHaveBody = methodsWithoutBody.has(options.method) && !(options.method === 'GET' && options.allowGetBody);
        if (isForm || isJSON || isBody) {
            if (cannotHaveBody) {
                throw new TypeError(`The \`${options.method}\` method cannot be used with a body`);
            }
            // Serialize body
            const noContentType = !is.string(headers['content-type']);
            if (isBody) {
                // Body is spec-compliant FormData
                if (isFormData$1(options.body)) {
                    const encoder = new FormDataEncoder(options.body);
                    if (noContentType) {
                        headers['content-type'] = encoder.headers['Content-Type'];
                    }
                    if ('Content-Length' in encoder.headers) {
                        headers['content-length'] = encoder.headers['Content-Length'];
                    }
                    options.body = encoder.encode();
                }
                // Special case for https://github.com/form-data/form-data
                if (isFormData(options.body) && noContentType) {
                    headers['content-type'] = `multipart/form-data; boundary=${options.body.getBoundary()}`;
                }
            }
            else if (isForm) {
                if (noContentType) {
                    headers['content-type'] = 'application/x-www-form-urlencoded';
                }
                const { form } = options;
                options.form = undefined;
                options.body = (new URLSearchParams(form)).toString();
            }
            else {
                if (noContentType) {
                    headers['content-type'] = 'application/json';
                }
                const { json } = options;
                options.json = undefined;
                options.body = options.stringifyJson(json);
            }
            const uploadBodySize = await getBodySize(options.body, options.headers);
            // See https://tools.ietf.org/html/rfc7230#section-3.3.2
            // A user agent SHOULD send a Content-Length in a request message when
            // no Transfer-Encoding is sent and the request method defines a meaning
            // for an enclosed payload body.  For example, a Content-Length header
            // field is normally sent in a POST request even when the value is 0
            // (indicating an empty payload body).  A user agent SHOULD NOT send a
            // Content-Length header field when the request message does not contain
            // a payload body and the method semantics do not anticipate such a
            // body.
            if (is.undefined(headers['content-length']) && is.undefined(headers['transfer-encoding']) && !cannotHaveBody && !is.undefined(uploadBodySize)) {
                headers['content-length'] = String(uploadBodySize);
            }
        }
        if (options.responseType === 'json' && !('accept' in options.headers)) {
            options.headers.accept = 'application/json';
        }
        this._bodySize = Number(headers['content-length']) || undefined;
    }
    async _onResponseBase(response) {
        // This will be called e.g. when using cache so we need to check if this request has been aborted.
        if (this.isAborted) {
            return;
        }
        const { options } = this;
        const { url } = options;
        this._nativeResponse = response;
        const statusCode = response.statusCode;
        const { method } = options;
        // Skip decompression for responses that must not have bodies per RFC 9110:
        // - HEAD responses (any status code)
        // - 1xx (Informational): 100, 101, 102, 103, etc.
        // - 204 (No Content)
        // - 205 (Reset Content)
        // - 304 (Not Modified)
        const hasNoBody = method === 'HEAD'
            || (statusCode >= 100 && statusCode < 200)
            || statusCode === 204
            || statusCode === 205
            || statusCode === 304;
        if (options.decompress && !hasNoBody) {
            // When strictContentLength is enabled, track compressed bytes by listening to
            // the native response's data events before decompression
            if (options.strictContentLength) {
                this._compressedBytesCount = 0;
                this._nativeResponse.on('data', (chunk) => {
                    this._compressedBytesCount += byteLength(chunk);
                });
            }
            response = decompressResponse(response);
        }
        const typedResponse = response;
        typedResponse.statusMessage = typedResponse.statusMessage || http__default.STATUS_CODES[statusCode]; // eslint-disable-line @typescript-eslint/prefer-nullish-coalescing -- The status message can be empty.
        typedResponse.url = options.url.toString();
        typedResponse.requestUrl = this.requestUrl;
        typedResponse.redirectUrls = this.redirectUrls;
        typedResponse.request = this;
        typedResponse.isFromCache = this._nativeResponse.fromCache ?? false;
        typedResponse.ip = this.ip;
        typedResponse.retryCount = this.retryCount;
        typedResponse.ok = isResponseOk(typedResponse);
        this._isFromCache = typedResponse.isFromCache;
        this._responseSize = Number(response.headers['content-length']) || undefined;
        this.response = typedResponse;
        // Publish response start event
        publishResponseStart({
            requestId: this._requestId,
            url: typedResponse.url,
            statusCode,
            headers: response.headers,
            isFromCache: typedResponse.isFromCache,
        });
        response.once('error', (error) => {
            this._aborted = true;
            // Force clean-up, because some packages don't do this.
            // TODO: Fix decompress-response
            response.destroy();
            this._beforeError(new ReadError(error, this));
        });
        response.once('aborted', () => {
            this._aborted = true;
            // Check if there's a content-length mismatch to provide a more specific error
            if (!this._checkContentLengthMismatch()) {
                this._beforeError(new ReadError({
                    name: 'Error',
                    message: 'The server aborted pending request',
                    code: 'ECONNRESET',
                }, this));
            }
        });
        const rawCookies = response.headers['set-cookie'];
        if (is.object(options.cookieJar) && rawCookies) {
            let promises = rawCookies.map(async (rawCookie) => options.cookieJar.setCookie(rawCookie, url.toString()));
            if (options.ignoreInvalidCookies) {
                // eslint-disable-next-line @typescript-eslint/no-floating-promises
                promises = promises.map(async (promise) => {
                    try {
                        await promise;
                    }
                    catch { }
                });
            }
            try {
                await Promise.all(promises);
            }
            catch (error) {
                this._beforeError(error);
                return;
            }
        }
        // The above is running a promise, therefore we need to check if this request has been aborted yet again.
        if (this.isAborted) {
            return;
        }
        if (response.headers.location && redirectCodes.has(statusCode)) {
            // We're being redirected, we don't care about the response.
            // It'd be best to abort the request, but we can't because
            // we would have to sacrifice the TCP connection. We don't want that.
            const shouldFollow = typeof options.followRedirect === 'function' ? options.followRedirect(typedResponse) : options.followRedirect;
            if (shouldFollow) {
                response.resume();
                this._cancelTimeouts();
                this._unproxyEvents();
                if (this.redirectUrls.length >= options.maxRedirects) {
                    this._beforeError(new MaxRedirectsError(this));
                    return;
                }
                this._request = undefined;
                // Reset download progress for the new request
                this._downloadedSize = 0;
                const updatedOptions = new Options(undefined, undefined, this.options);
                const serverRequestedGet = statusCode === 303 && updatedOptions.method !== 'GET' && updatedOptions.method !== 'HEAD';
                const canRewrite = statusCode !== 307 && statusCode !== 308;
                const userRequestedGet = updatedOptions.methodRewriting && canRewrite;
                if (serverRequestedGet || userRequestedGet) {
                    updatedOptions.method = 'GET';
                    updatedOptions.body = undefined;
                    updatedOptions.json = undefined;
                    updatedOptions.form = undefined;
                    delete updatedOptions.headers['content-length'];
                }
                try {
                    // We need this in order to support UTF-8
                    const redirectBuffer = Buffer$2.from(response.headers.location, 'binary').toString();
                    const redirectUrl = new URL(redirectBuffer, url);
                    if (!isUnixSocketURL(url) && isUnixSocketURL(redirectUrl)) {
                        this._beforeError(new RequestError$1('Cannot redirect to UNIX socket', {}, this));
                        return;
                    }
                    // Redirecting to a different site, clear sensitive data.
                    // For UNIX sockets, different socket paths are also different origins.
                    const isDifferentOrigin = redirectUrl.hostname !== url.hostname
                        || redirectUrl.port !== url.port
                        || getUnixSocketPath(url) !== getUnixSocketPath(redirectUrl);
                    if (isDifferentOrigin) {
                        if ('host' in updatedOptions.headers) {
                            delete updatedOptions.headers.host;
                        }
                        if ('cookie' in updatedOptions.headers) {
                            delete updatedOptions.headers.cookie;
                        }
                        if ('authorization' in updatedOptions.headers) {
                            delete updatedOptions.headers.authorization;
                        }
                        if (updatedOptions.username || updatedOptions.password) {
                            updatedOptions.username = '';
                            updatedOptions.password = '';
                        }
                    }
                    else {
                        redirectUrl.username = updatedOptions.username;
                        redirectUrl.password = updatedOptions.password;
                    }
                    this.redirectUrls.push(redirectUrl);
                    updatedOptions.url = redirectUrl;
                    for (const hook of updatedOptions.hooks.beforeRedirect) {
                        // eslint-disable-next-line no-await-in-loop
                        await hook(updatedOptions, typedResponse);
                    }
                    // Publish redirect event
                    publishRedirect({
                        requestId: this._requestId,
                        fromUrl: url.toString(),
                        toUrl: redirectUrl.toString(),
                        statusCode,
                    });
                    this.emit('redirect', updatedOptions, typedResponse);
                    this.options = updatedOptions;
                    await this._makeRequest();
                }
                catch (error) {
                    this._beforeError(error);
                    return;
                }
                return;
            }
        }
        // `HTTPError`s always have `error.response.body` defined.
        // Therefore, we cannot retry if `options.throwHttpErrors` is false.
        // On the last retry, if `options.throwHttpErrors` is false, we would need to return the body,
        // but that wouldn't be possible since the body would be already read in `error.response.body`.
        if (options.isStream && options.throwHttpErrors && !isResponseOk(typedResponse)) {
            this._beforeError(new HTTPError(typedResponse));
            return;
        }
        // Store the expected content-length from the native response for validation.
        // This is the content-length before decompression, which is what actually gets transferred.
        // Skip storing for responses that shouldn't have bodies per RFC 9110.
        // When decompression occurs, only store if strictContentLength is enabled.
        const wasDecompressed = response !== this._nativeResponse;
        if (!hasNoBody && (!wasDecompressed || options.strictContentLength)) {
            const contentLengthHeader = this._nativeResponse.headers['content-length'];
            if (contentLengthHeader !== undefined) {
                const expectedLength = Number(contentLengthHeader);
                if (!Number.isNaN(expectedLength) && expectedLength >= 0) {
                    this._expectedContentLength = expectedLength;
                }
            }
        }
        // Set up end listener AFTER redirect check to avoid emitting progress for redirect responses
        response.once('end', () => {
            // Validate content-length if it was provided
            // Per RFC 9112: "If the sender closes the connection before the indicated number
            // of octets are received, the recipient MUST consider the message to be incomplete"
            if (this._checkContentLengthMismatch()) {
                return;
            }
            this._responseSize = this._downloadedSize;
            this.emit('downloadProgress', this.downloadProgress);
            // Publish response end event
            publishResponseEnd({
                requestId: this._requestId,
                url: typedResponse.url,
                statusCode,
                bodySize: this._downloadedSize,
                timings: this.timings,
            });
            this.push(null);
        });
        this.emit('downloadProgress', this.downloadProgress);
        response.on('readable', () => {
            if (this._triggerRead) {
                this._read();
            }
        });
        this.on('resume', () => {
            response.resume();
        });
        this.on('pause', () => {
            response.pause();
        });
        if (this._noPipe) {
            const success = await this._setRawBody();
            if (success) {
                this.emit('response', response);
            }
            return;
        }
        this.emit('response', response);
        for (const destination of this._pipedServerResponses) {
            if (destination.headersSent) {
                continue;
            }
            // Check if decompression actually occurred by comparing stream objects.
            // decompressResponse wraps the response stream when it decompresses,
            // so response !== this._nativeResponse indicates decompression happened.
            const wasDecompressed = response !== this._nativeResponse;
            for (const key in response.headers) {
                if (Object.hasOwn(response.headers, key)) {
                    const value = response.headers[key];
                    // When decompression occurred, skip content-encoding and content-length
                    // as they refer to the compressed data, not the decompressed stream.
                    if (wasDecompressed && (key === 'content-encoding' || key === 'content-length')) {
                        continue;
                    }
                    // Skip if value is undefined
                    if (value !== undefined) {
                        destination.setHeader(key, value);
                    }
                }
            }
            destination.statusCode = statusCode;
        }
    }
    async _setRawBody(from = this) {
        if (from.readableEnded) {
            return false;
        }
        try {
            // Errors are emitted via the `error` event
            const fromArray = await from.toArray();
            const rawBody = isBuffer(fromArray.at(0)) ? Buffer$2.concat(fromArray) : Buffer$2.from(fromArray.join(''));
            // On retry Request is destroyed with no error, therefore the above will successfully resolve.
            // So in order to check if this was really successfull, we need to check if it has been properly ended.
            if (!this.isAborted) {
                this.response.rawBody = rawBody;
                return true;
            }
        }
        catch { }
        return false;
    }
    async _onResponse(response) {
        try {
            await this._onResponseBase(response);
        }
        catch (error) {
            /* istanbul ignore next: better safe than sorry */
            this._beforeError(error);
        }
    }
    _onRequest(request) {
        const { options } = this;
        const { timeout, url } = options;
        // Publish request start event
        publishRequestStart({
            requestId: this._requestId,
            url: url?.toString() ?? '',
            method: options.method,
            headers: options.headers,
        });
        timer(request);
        this._cancelTimeouts = timedOut(request, timeout, url);
        if (this.options.http2) {
            // Unset stream timeout, as the `timeout` option was used only for connection timeout.
            // We remove all 'timeout' listeners instead of calling setTimeout(0) because:
            // 1. setTimeout(0) causes a memory leak (see https://github.com/sindresorhus/got/issues/690)
            // 2. With HTTP/2 connection reuse, setTimeout(0) accumulates listeners on the socket
            // 3. removeAllListeners('timeout') properly cleans up without the memory leak
            request.removeAllListeners('timeout');
            // For HTTP/2, wait for socket and remove timeout listeners from it
            request.once('socket', (socket) => {
                socket.removeAllListeners('timeout');
            });
        }
        const responseEventName = options.cache ? 'cacheableResponse' : 'response';
        request.once(responseEventName, (response) => {
            void this._onResponse(response);
        });
        request.once('error', (error) => {
            this._aborted = true;
            // Force clean-up, because some packages (e.g. nock) don't do this.
            request.destroy();
            error = error instanceof TimeoutError ? new TimeoutError$1(error, this.timings, this) : new RequestError$1(error.message, error, this);
            this._beforeError(error);
        });
        this._unproxyEvents = proxyEvents$1(request, this, proxiedRequestEvents$1);
        this._request = request;
        this.emit('uploadProgress', this.uploadProgress);
        this._sendBody();
        this.emit('request', request);
    }
    async _asyncWrite(chunk) {
        return new Promise((resolve, reject) => {
            super.write(chunk, error => {
                if (error) {
                    reject(error);
                    return;
                }
                resolve();
            });
        });
    }
    _sendBody() {
        // Send body
        const { body } = this.options;
        const currentRequest = this.redirectUrls.length === 0 ? this : this._request ?? this;
        if (is.nodeStream(body)) {
            body.pipe(currentRequest);
        }
        else if (is.buffer(body)) {
            // Buffer should be sent directly without conversion
            this._writeRequest(body, undefined, () => { });
            currentRequest.end();
        }
        else if (is.typedArray(body)) {
            // Typed arrays should be treated like buffers, not iterated over
            // Create a Uint8Array view over the data (Node.js streams accept Uint8Array)
            const typedArray = body;
            const uint8View = new Uint8Array(typedArray.buffer, typedArray.byteOffset, typedArray.byteLength);
            this._writeRequest(uint8View, undefined, () => { });
            currentRequest.end();
        }
        else if (is.asyncIterable(body) || (is.iterable(body) && !is.string(body) && !isBuffer(body))) {
            (async () => {
                try {
                    for await (const chunk of body) {
                        await this._asyncWrite(chunk);
                    }
                    super.end();
                }
                catch (error) {
                    this._beforeError(error);
                }
            })();
        }
        else if (is.undefined(body)) {
            // No body to send, end the request
            const cannotHaveBody = methodsWithoutBody.has(this.options.method) && !(this.options.method === 'GET' && this.options.allowGetBody);
            if ((this._noPipe ?? false) || cannotHaveBody || currentRequest !== this) {
                currentRequest.end();
            }
        }
        else {
            this._writeRequest(body, undefined, () => { });
            currentRequest.end();
        }
    }
    _prepareCache(cache) {
        if (cacheableStore.has(cache)) {
            return;
        }
        const cacheableRequest = new CacheableRequest(((requestOptions, handler) => {
            /**
            Wraps the cacheable-request handler to run beforeCache hooks.
            These hooks control caching behavior by:
            - Directly mutating the response object (changes apply to what gets cached)
            - Returning `false` to prevent caching
            - Returning `void`/`undefined` to use default caching behavior

            Hooks use direct mutation - they can modify response.headers, response.statusCode, etc.
            Mutations take effect immediately and determine what gets cached.
            */
            const wrappedHandler = handler ? (response) => {
                const { beforeCacheHooks, gotRequest } = requestOptions;
                // Early return if no hooks - cache the original response
                if (!beforeCacheHooks || beforeCacheHooks.length === 0) {
                    handler(response);
                    return;
                }
                try {
                    // Call each beforeCache hook with the response
                    // Hooks can directly mutate the response - mutations take effect immediately
                    for (const hook of beforeCacheHooks) {
                        const result = hook(response);
                        if (result === false) {
                            // Prevent caching by adding no-cache headers
                            // Mutate the response directly to add headers
                            response.headers['cache-control'] = 'no-cache, no-store, must-revalidate';
                            response.headers.pragma = 'no-cache';
                            response.headers.expires = '0';
                            handler(response);
                            // Don't call remaining hooks - we've decided not to cache
                            return;
                        }
                        if (is.promise(result)) {
                            // BeforeCache hooks must be synchronous because cacheable-request's handler is synchronous
                            throw new TypeError('beforeCache hooks must be synchronous. The hook returned a Promise, but this hook must return synchronously. If you need async logic, use beforeRequest hook instead.');
                        }
                        if (result !== undefined) {
                            // Hooks should return false or undefined only
                            // Mutations work directly - no need to return the response
                            throw new TypeError('beforeCache hook must return false or undefined. To modify the response, mutate it directly.');
                        }
                        // Else: void/undefined = continue
                    }
                }
                catch (error) {
                    // Convert hook errors to RequestError and propagate
                    // This is consistent with how other hooks handle errors
                    if (gotRequest) {
                        gotRequest._beforeError(error instanceof RequestError$1 ? error : new RequestError$1(error.message, error, gotRequest));
                        // Don't call handler when error was propagated successfully
                        return;
                    }
                    // If gotRequest is missing, log the error to aid debugging
                    // We still call the handler to prevent the request from hanging
                    console.error('Got: beforeCache hook error (request context unavailable):', error);
                    // Call handler with response (potentially partially modified)
                    handler(response);
                    return;
                }
                // All hooks ran successfully
                // Cache the response with any mutations applied
                handler(response);
            } : handler;
            const result = requestOptions._request(requestOptions, wrappedHandler);
            // TODO: remove this when `cacheable-request` supports async request functions.
            if (is.promise(result)) {
                // We only need to implement the error handler in order to support HTTP2 caching.
                // The result will be a promise anyway.
                // @ts-expect-error ignore
                result.once = (event, handler) => {
                    if (event === 'error') {
                        (async () => {
                            try {
                                await result;
                            }
                            catch (error) {
                                handler(error);
                            }
                        })();
                    }
                    else if (event === 'abort' || event === 'destroy') {
                        // The empty catch is needed here in case when
                        // it rejects before it's `await`ed in `_makeRequest`.
                        (async () => {
                            try {
                                const request = (await result);
                                request.once(event, handler);
                            }
                            catch { }
                        })();
                    }
                    else {
                        /* istanbul ignore next: safety check */
                        throw new Error(`Unknown HTTP2 promise event: ${event}`);
                    }
                    return result;
                };
            }
            return result;
        }), cache);
        cacheableStore.set(cache, cacheableRequest.request());
    }
    async _createCacheableRequest(url, options) {
        return new Promise((resolve, reject) => {
            // TODO: Remove `utils/url-to-options.ts` when `cacheable-request` is fixed
            Object.assign(options, urlToOptions(url));
            let request;
            // TODO: Fix `cacheable-response`. This is ugly.
            const cacheRequest = cacheableStore.get(options.cache)(options, async (response) => {
                response._readableState.autoDestroy = false;
                if (request) {
                    const fix = () => {
                        // For ResponseLike objects from cache, set complete to true if not already set.
                        // For real HTTP responses, copy from the underlying response.
                        if (response.req) {
                            response.complete = response.req.res.complete;
                        }
                        else if (response.complete === undefined) {
                            // ResponseLike from cache should have complete = true
                            response.complete = true;
                        }
                    };
                    response.prependOnceListener('end', fix);
                    fix();
                    (await request).emit('cacheableResponse', response);
                }
                resolve(response);
            });
            cacheRequest.once('error', reject);
            cacheRequest.once('request', async (requestOrPromise) => {
                request = requestOrPromise;
                resolve(request);
            });
        });
    }
    async _makeRequest() {
        const { options } = this;
        const { headers, username, password } = options;
        const cookieJar = options.cookieJar;
        for (const key in headers) {
            if (is.undefined(headers[key])) {
                // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
                delete headers[key];
            }
            else if (is.null(headers[key])) {
                throw new TypeError(`Use \`undefined\` instead of \`null\` to delete the \`${key}\` header`);
            }
        }
        if (options.decompress && is.undefined(headers['accept-encoding'])) {
            const encodings = ['gzip', 'deflate'];
            if (supportsBrotli) {
                encodings.push('br');
            }
            if (supportsZstd) {
                encodings.push('zstd');
            }
            headers['accept-encoding'] = encodings.join(', ');
        }
        if (username || password) {
            const credentials = Buffer$2.from(`${username}:${password}`).toString('base64');
            headers.authorization = `Basic ${credentials}`;
        }
        // Set cookies
        if (cookieJar) {
            const cookieString = await cookieJar.getCookieString(options.url.toString());
            if (is.nonEmptyString(cookieString)) {
                headers.cookie = cookieString;
            }
        }
        let request;
        for (const hook of options.hooks.beforeRequest) {
            // eslint-disable-next-line no-await-in-loop
            const result = await hook(options, { retryCount: this.retryCount });
            if (!is.undefined(result)) {
                // @ts-expect-error Skip the type mismatch to support abstract responses
                request = () => result;
                break;
            }
        }
        request ||= options.getRequestFunction();
        const url = options.url;
        this._requestOptions = options.createNativeRequestOptions();
        if (options.cache) {
            this._requestOptions._request = request;
            this._requestOptions.cache = options.cache;
            this._requestOptions.body = options.body;
            this._requestOptions.beforeCacheHooks = options.hooks.beforeCache;
            this._requestOptions.gotRequest = this;
            try {
                this._prepareCache(options.cache);
            }
            catch (error) {
                throw new CacheError$1(error, this);
            }
        }
        // Cache support
        const function_ = options.cache ? this._createCacheableRequest : request;
        try {
            // We can't do `await fn(...)`,
            // because stream `error` event can be emitted before `Promise.resolve()`.
            let requestOrResponse = function_(url, this._requestOptions);
            if (is.promise(requestOrResponse)) {
                requestOrResponse = await requestOrResponse;
            }
            // Fallback
            if (is.undefined(requestOrResponse)) {
                requestOrResponse = options.getFallbackRequestFunction()(url, this._requestOptions);
                if (is.promise(requestOrResponse)) {
                    requestOrResponse = await requestOrResponse;
                }
            }
            if (isClientRequest(requestOrResponse)) {
                this._onRequest(requestOrResponse);
            }
            else if (this.writableEnded) {
                void this._onResponse(requestOrResponse);
            }
            else {
                this.once('finish', () => {
                    void this._onResponse(requestOrResponse);
                });
                this._sendBody();
            }
        }
        catch (error) {
            if (error instanceof CacheError) {
                throw new CacheError$1(error, this);
            }
            throw error;
        }
    }
    async _error(error) {
        try {
            if (this.options && error instanceof HTTPError && !this.options.throwHttpErrors) {
                // This branch can be reached only when using the Promise API
                // Skip calling the hooks on purpose.
                // See https://github.com/sindresorhus/got/issues/2103
            }
            else if (this.options) {
                const hooks = this.options.hooks.beforeError;
                if (hooks.length > 0) {
                    for (const hook of hooks) {
                        // eslint-disable-next-line no-await-in-loop
                        error = await hook(error);
                        // Validate hook return value
                        if (!(error instanceof Error)) {
                            throw new TypeError(`The \`beforeError\` hook must return an Error instance. Received ${is.string(error) ? 'string' : String(typeof error)}.`);
                        }
                    }
                    // Mark this error as processed by hooks so _destroy preserves custom error types.
                    // Only mark non-RequestError errors, since RequestErrors are already preserved
                    // by the instanceof check in _destroy (line 642).
                    if (!(error instanceof RequestError$1)) {
                        errorsProcessedByHooks.add(error);
                    }
                }
            }
        }
        catch (error_) {
            error = new RequestError$1(error_.message, error_, this);
        }
        // Publish error event
        publishError({
            requestId: this._requestId,
            url: this.options?.url?.toString() ?? '',
            error,
            timings: this.timings,
        });
        this.destroy(error);
        // Manually emit error for Promise API to ensure it receives it.
        // Node.js streams may not re-emit if an error was already emitted during retry attempts.
        // Only emit for Promise API (_noPipe = true) to avoid double emissions in stream mode.
        // Use process.nextTick to defer emission and allow destroy() to complete first.
        // See https://github.com/sindresorhus/got/issues/1995
        if (this._noPipe) {
            process$1.nextTick(() => {
                this.emit('error', error);
            });
        }
    }
    _writeRequest(chunk, encoding, callback) {
        if (!this._request || this._request.destroyed) {
            // When there's no request (e.g., using cached response from beforeRequest hook),
            // we still need to call the callback to allow the stream to finish properly.
            callback();
            return;
        }
        this._request.write(chunk, encoding, (error) => {
            // The `!destroyed` check is required to prevent `uploadProgress` being emitted after the stream was destroyed
            if (!error && !this._request.destroyed) {
                // For strings, encode them first to measure the actual bytes that will be sent
                const bytes = typeof chunk === 'string' ? Buffer$2.from(chunk, encoding) : chunk;
                this._uploadedSize += byteLength(bytes);
                const progress = this.uploadProgress;
                if (progress.percent < 1) {
                    this.emit('uploadProgress', progress);
                }
            }
            callback(error);
        });
    }
    /**
    The remote IP address.
    */
    get ip() {
        return this.socket?.remoteAddress;
    }
    /**
    Indicates whether the request has been aborted or not.
    */
    get isAborted() {
        return this._aborted;
    }
    get socket() {
        return this._request?.socket ?? undefined;
    }
    /**
    Progress event for downloading (receiving a response).
    */
    get downloadProgress() {
        let percent;
        if (this._responseSize) {
            percent = this._downloadedSize / this._responseSize;
        }
        else if (this._responseSize === this._downloadedSize) {
            percent = 1;
        }
        else {
            percent = 0;
        }
        return {
            percent,
            transferred: this._downloadedSize,
            total: this._responseSize,
        };
    }
    /**
    Progress event for uploading (sending a request).
    */
    get uploadProgress() {
        let percent;
        if (this._bodySize) {
            percent = this._uploadedSize / this._bodySize;
        }
        else if (this._bodySize === this._uploadedSize) {
            percent = 1;
        }
        else {
            percent = 0;
        }
        return {
            percent,
            transferred: this._uploadedSize,
            total: this._bodySize,
        };
    }
    /**
    The object contains the following properties:

    - `start` - Time when the request started.
    - `socket` - Time when a socket was assigned to the request.
    - `lookup` - Time when the DNS lookup finished.
    - `connect` - Time when the socket successfully connected.
    - `secureConnect` - Time when the socket securely connected.
    - `upload` - Time when the request finished uploading.
    - `response` - Time when the request fired `response` event.
    - `end` - Time when the response fired `end` event.
    - `error` - Time when the request fired `error` event.
    - `abort` - Time when the request fired `abort` event.
    - `phases`
        - `wait` - `timings.socket - timings.start`
        - `dns` - `timings.lookup - timings.socket`
        - `tcp` - `timings.connect - timings.lookup`
        - `tls` - `timings.secureConnect - timings.connect`
        - `request` - `timings.upload - (timings.secureConnect || timings.connect)`
        - `firstByte` - `timings.response - timings.upload`
        - `download` - `timings.end - timings.response`
        - `total` - `(timings.end || timings.error || timings.abort) - timings.start`

    If something has not been measured yet, it will be `undefined`.

    __Note__: The time is a `number` representing the milliseconds elapsed since the UNIX epoch.
    */
    get timings() {
        return this._request?.timings;
    }
    /**
    Whether the response was retrieved from the cache.
    */
    get isFromCache() {
        return this._isFromCache;
    }
    get reusedSocket() {
        return this._request?.reusedSocket;
    }
    /**
    Whether the stream is read-only. Returns `true` when `body`, `json`, or `form` options are provided.
    */
    get isReadonly() {
        return !is.undefined(this.options?.body) || !is.undefined(this.options?.json) || !is.undefined(this.options?.form);
    }
}

/**
An error to be thrown when the request is aborted with `.cancel()`.
*/
class CancelError extends RequestError$1 {
    constructor(request) {
        super('Promise was canceled', {}, request);
        this.name = 'CancelError';
        this.code = 'ERR_CANCELED';
    }
    /**
    Whether the promise is canceled.
    */
    get isCanceled() {
        return true;
    }
}

const proxiedRequestEvents = [
    'request',
    'response',
    'redirect',
    'uploadProgress',
    'downloadProgress',
];
function asPromise(firstRequest) {
    let globalRequest;
    let globalResponse;
    let normalizedOptions;
    const emitter = new EventEmitter();
    let promiseSettled = false;
    const promise = new PCancelable((resolve, reject, onCancel) => {
        onCancel(() => {
            globalRequest.destroy();
        });
        onCancel.shouldReject = false;
        onCancel(() => {
            promiseSettled = true;
            reject(new CancelError(globalRequest));
        });
        const makeRequest = (retryCount) => {
            // Errors when a new request is made after the promise settles.
            // Used to detect a race condition.
            // See https://github.com/sindresorhus/got/issues/1489
            onCancel(() => { });
            const request = firstRequest ?? new Request(undefined, undefined, normalizedOptions);
            request.retryCount = retryCount;
            request._noPipe = true;
            globalRequest = request;
            request.once('response', async (response) => {
                // Parse body
                const contentEncoding = (response.headers['content-encoding'] ?? '').toLowerCase();
                const isCompressed = contentEncoding === 'gzip' || contentEncoding === 'deflate' || contentEncoding === 'br' || contentEncoding === 'zstd';
                const { options } = request;
                if (isCompressed && !options.decompress) {
                    response.body = response.rawBody;
                }
                else {
                    try {
                        response.body = parseBody(response, options.responseType, options.parseJson, options.encoding);
                    }
                    catch (error) {
                        // Fall back to `utf8`
                        try {
                            response.body = response.rawBody.toString();
                        }
                        catch (error) {
                            request._beforeError(new ParseError(error, response));
                            return;
                        }
                        if (isResponseOk(response)) {
                            request._beforeError(error);
                            return;
                        }
                    }
                }
                try {
                    const hooks = options.hooks.afterResponse;
                    for (const [index, hook] of hooks.entries()) {
                        // @ts-expect-error TS doesn't notice that CancelableRequest is a Promise
                        // eslint-disable-next-line no-await-in-loop
                        response = await hook(response, async (updatedOptions) => {
                            const preserveHooks = updatedOptions.preserveHooks ?? false;
                            options.merge(updatedOptions);
                            options.prefixUrl = '';
                            if (updatedOptions.url) {
                                options.url = updatedOptions.url;
                            }
                            // Remove any further hooks for that request, because we'll call them anyway.
                            // The loop continues. We don't want duplicates (asPromise recursion).
                            // Unless preserveHooks is true, in which case we keep the remaining hooks.
                            if (!preserveHooks) {
                                options.hooks.afterResponse = options.hooks.afterResponse.slice(0, index);
                            }
                            throw new RetryError(request);
                        });
                        if (!(is.object(response) && is.number(response.statusCode) && 'body' in response)) {
                            throw new TypeError('The `afterResponse` hook returned an invalid value');
                        }
                    }
                }
                catch (error) {
                    request._beforeError(error);
                    return;
                }
                globalResponse = response;
                if (!isResponseOk(response)) {
                    request._beforeError(new HTTPError(response));
                    return;
                }
                request.destroy();
                promiseSettled = true;
                resolve(request.options.resolveBodyOnly ? response.body : response);
            });
            let handledFinalError = false;
            const onError = (error) => {
                if (promise.isCanceled) {
                    return;
                }
                // Route errors emitted directly on the stream (e.g., EPIPE from Node.js)
                // through retry logic first, then handle them here after retries are exhausted.
                // See https://github.com/sindresorhus/got/issues/1995
                if (!request._stopReading) {
                    request._beforeError(error);
                    return;
                }
                // Allow the manual re-emission from Request to land only once.
                if (handledFinalError) {
                    return;
                }
                handledFinalError = true;
                promiseSettled = true;
                const { options } = request;
                if (error instanceof HTTPError && !options.throwHttpErrors) {
                    const { response } = error;
                    request.destroy();
                    resolve(request.options.resolveBodyOnly ? response.body : response);
                    return;
                }
                reject(error);
            };
            // Use .on() instead of .once() to keep the listener active across retries.
            // When _stopReading is false, we return early and the error gets re-emitted
            // after retry logic completes, so we need this listener to remain active.
            // See https://github.com/sindresorhus/got/issues/1995
            request.on('error', onError);
            const previousBody = request.options?.body;
            request.once('retry', (newRetryCount, error) => {
                firstRequest = undefined;
                // If promise already settled, don't retry
                // This prevents the race condition in #1489 where a late error
                // (e.g., ECONNRESET after successful response) triggers retry
                // after the promise has already resolved/rejected
                if (promiseSettled) {
                    return;
                }
                const newBody = request.options.body;
                if (previousBody === newBody && is.nodeStream(newBody)) {
                    error.message = 'Cannot retry with consumed body stream';
                    onError(error);
                    return;
                }
                // This is needed! We need to reuse `request.options` because they can get modified!
                // For example, by calling `promise.json()`.
                normalizedOptions = request.options;
                makeRequest(newRetryCount);
            });
            proxyEvents$1(request, emitter, proxiedRequestEvents);
            if (is.undefined(firstRequest)) {
                void request.flush();
            }
        };
        makeRequest(0);
    });
    promise.on = (event, function_) => {
        emitter.on(event, function_);
        return promise;
    };
    promise.off = (event, function_) => {
        emitter.off(event, function_);
        return promise;
    };
    const shortcut = (promiseToAwait, responseType) => {
        const newPromise = (async () => {
            // Wait until downloading has ended
            await promiseToAwait;
            const { options } = globalResponse.request;
            return parseBody(globalResponse, responseType, options.parseJson, options.encoding);
        })();
        // eslint-disable-next-line @typescript-eslint/no-floating-promises
        Object.defineProperties(newPromise, Object.getOwnPropertyDescriptors(promiseToAwait));
        return newPromise;
    };
    // Note: These use `function` syntax (not arrows) to access `this` context.
    // When custom handlers wrap the promise to transform errors, these methods
    // are copied to the handler's promise. Using `this` ensures we await the
    // handler's wrapped promise, not the original, so errors propagate correctly.
    promise.json = function () {
        if (globalRequest.options) {
            const { headers } = globalRequest.options;
            if (!globalRequest.writableFinished && !('accept' in headers)) {
                headers.accept = 'application/json';
            }
        }
        return shortcut(this, 'json');
    };
    promise.buffer = function () {
        return shortcut(this, 'buffer');
    };
    promise.text = function () {
        return shortcut(this, 'text');
    };
    return promise;
}

const isGotInstance = (value) => is.function(value);
const aliases = [
    'get',
    'post',
    'put',
    'patch',
    'head',
    'delete',
];
const create = (defaults) => {
    defaults = {
        options: new Options(undefined, undefined, defaults.options),
        handlers: [...defaults.handlers],
        mutableDefaults: defaults.mutableDefaults,
    };
    Object.defineProperty(defaults, 'mutableDefaults', {
        enumerable: true,
        configurable: false,
        writable: false,
    });
    // Got interface
    const got = ((url, options, defaultOptions = defaults.options) => {
        const request = new Request(url, options, defaultOptions);
        let promise;
        const lastHandler = (normalized) => {
            // Note: `options` is `undefined` when `new Options(...)` fails
            request.options = normalized;
            request._noPipe = !normalized?.isStream;
            void request.flush();
            if (normalized?.isStream) {
                return request;
            }
            promise ||= asPromise(request);
            return promise;
        };
        let iteration = 0;
        const iterateHandlers = (newOptions) => {
            const handler = defaults.handlers[iteration++] ?? lastHandler;
            const result = handler(newOptions, iterateHandlers);
            if (is.promise(result) && !request.options?.isStream) {
                promise ||= asPromise(request);
                if (result !== promise) {
                    const descriptors = Object.getOwnPropertyDescriptors(promise);
                    for (const key in descriptors) {
                        if (key in result) {
                            // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
                            delete descriptors[key];
                        }
                    }
                    // eslint-disable-next-line @typescript-eslint/no-floating-promises
                    Object.defineProperties(result, descriptors);
                    result.cancel = promise.cancel;
                }
            }
            return result;
        };
        return iterateHandlers(request.options);
    });
    got.extend = (...instancesOrOptions) => {
        const options = new Options(undefined, undefined, defaults.options);
        const handlers = [...defaults.handlers];
        let mutableDefaults;
        for (const value of instancesOrOptions) {
            if (isGotInstance(value)) {
                options.merge(value.defaults.options);
                handlers.push(...value.defaults.handlers);
                mutableDefaults = value.defaults.mutableDefaults;
            }
            else {
                options.merge(value);
                if (value.handlers) {
                    handlers.push(...value.handlers);
                }
                mutableDefaults = value.mutableDefaults;
            }
        }
        return create({
            options,
            handlers,
            mutableDefaults: Boolean(mutableDefaults),
        });
    };
    // Pagination
    const paginateEach = (async function* (url, options) {
        let normalizedOptions = new Options(url, options, defaults.options);
        normalizedOptions.resolveBodyOnly = false;
        const { pagination } = normalizedOptions;
        assert.function(pagination.transform);
        assert.function(pagination.shouldContinue);
        assert.function(pagination.filter);
        assert.function(pagination.paginate);
        assert.number(pagination.countLimit);
        assert.number(pagination.requestLimit);
        assert.number(pagination.backoff);
        const allItems = [];
        let { countLimit } = pagination;
        let numberOfRequests = 0;
        while (numberOfRequests < pagination.requestLimit) {
            if (numberOfRequests !== 0) {
                // eslint-disable-next-line no-await-in-loop
                await setTimeout$1(pagination.backoff);
            }
            // eslint-disable-next-line no-await-in-loop
            const response = (await got(undefined, undefined, normalizedOptions));
            // eslint-disable-next-line no-await-in-loop
            const parsed = await pagination.transform(response);
            const currentItems = [];
            assert.array(parsed);
            for (const item of parsed) {
                if (pagination.filter({ item, currentItems, allItems })) {
                    if (!pagination.shouldContinue({ item, currentItems, allItems })) {
                        return;
                    }
                    yield item;
                    if (pagination.stackAllItems) {
                        allItems.push(item);
                    }
                    currentItems.push(item);
                    if (--countLimit <= 0) {
                        return;
                    }
                }
            }
            const optionsToMerge = pagination.paginate({
                response,
                currentItems,
                allItems,
            });
            if (optionsToMerge === false) {
                return;
            }
            if (optionsToMerge === response.request.options) {
                normalizedOptions = response.request.options;
            }
            else {
                normalizedOptions.merge(optionsToMerge);
                try {
                    assert.any([is.urlInstance, is.undefined], optionsToMerge.url);
                }
                catch (error) {
                    if (error instanceof Error) {
                        error.message = `Option 'pagination.paginate.url': ${error.message}`;
                    }
                    throw error;
                }
                if (optionsToMerge.url !== undefined) {
                    normalizedOptions.prefixUrl = '';
                    normalizedOptions.url = optionsToMerge.url;
                }
            }
            numberOfRequests++;
        }
    });
    got.paginate = paginateEach;
    got.paginate.all = (async (url, options) => {
        const results = [];
        for await (const item of paginateEach(url, options)) {
            results.push(item);
        }
        return results;
    });
    // For those who like very descriptive names
    got.paginate.each = paginateEach;
    // Stream API
    got.stream = ((url, options) => got(url, { ...options, isStream: true }));
    // Shortcuts
    for (const method of aliases) {
        got[method] = ((url, options) => got(url, { ...options, method }));
        got.stream[method] = ((url, options) => got(url, { ...options, method, isStream: true }));
    }
    if (!defaults.mutableDefaults) {
        Object.freeze(defaults.handlers);
        defaults.options.freeze();
    }
    Object.defineProperty(got, 'defaults', {
        value: defaults,
        writable: false,
        configurable: false,
        enumerable: true,
    });
    return got;
};

const defaults = {
    options: new Options(),
    handlers: [],
    mutableDefaults: false,
};
const got = create(defaults);

/** Parses a WWW-Authenticate header: `Bearer realm="…",service="…",scope="…"`. */
function parseChallenge(header) {
    const match = header.trim().match(/^(\S+)\s*(.*)$/s);
    if (!match)
        return undefined;
    const params = {};
    const pair = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
    for (const m of match[2].matchAll(pair)) {
        params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    }
    return { scheme: match[1].toLowerCase(), params };
}
/** Tokens are refreshed this long before the expiry the issuer announced. */
const EXPIRY_MARGIN_MS = 30_000;
class RegistryAuth {
    http;
    credentials;
    log;
    policy;
    challenges = new Map();
    tokens = new Map();
    registered = new Set();
    constructor(http, credentials, log, policy) {
        this.http = http;
        this.credentials = credentials;
        this.log = log;
        this.policy = policy;
    }
    /** How many tokens were fetched from issuers so far (tokens served from cache do not count). */
    tokensFetched = 0;
    /**
     * The Authorization header for a request to `apiHost` needing `scopes`, or undefined when
     * the registry has not asked for credentials yet.
     */
    async header(apiHost, registry, scopes) {
        const challenge = this.challenges.get(apiHost);
        if (!challenge)
            return undefined;
        if (challenge.scheme === 'basic') {
            const creds = this.lookup(registry);
            if (!creds)
                return undefined;
            return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        }
        if (challenge.scheme === 'bearer') {
            const token = await this.token(apiHost, registry, challenge, scopes);
            return `Bearer ${token}`;
        }
        return undefined;
    }
    /**
     * Records a 401's challenge. Returns false when retrying cannot help (the request already
     * carried what the registry asked for and was refused), so the caller reports the 401.
     */
    challenged(apiHost, header, scopes, sentAuth) {
        const challenge = header ? parseChallenge(header) : undefined;
        if (!challenge || (challenge.scheme !== 'basic' && challenge.scheme !== 'bearer'))
            return false;
        const known = this.challenges.get(apiHost);
        this.challenges.set(apiHost, challenge);
        // Requests sent in parallel before the first 401 was understood all come back 401: retry each.
        if (!sentAuth || !known || known.scheme !== challenge.scheme)
            return true;
        if (challenge.scheme === 'bearer') {
            // A cached token may have been revoked or expired early: drop it and try once more.
            const key = this.tokenKey(apiHost, scopes);
            if (this.tokens.has(key)) {
                this.tokens.delete(key);
                return true;
            }
        }
        return false;
    }
    lookup(registry) {
        const creds = this.credentials(registry);
        if (creds && !this.registered.has(registry)) {
            this.registered.add(registry);
            this.log.secret(creds.password);
            this.log.secret(Buffer.from(`${creds.username}:${creds.password}`).toString('base64'));
        }
        return creds;
    }
    tokenKey(apiHost, scopes) {
        return `${apiHost} ${[...scopes].sort().join(' ')}`;
    }
    async token(apiHost, registry, challenge, scopes) {
        const key = this.tokenKey(apiHost, scopes);
        const cached = this.tokens.get(key);
        if (cached) {
            const token = await cached.catch(() => undefined);
            if (token && token.expiresAt > Date.now())
                return token.value;
            if (this.tokens.get(key) === cached)
                this.tokens.delete(key);
            else
                return this.token(apiHost, registry, challenge, scopes);
        }
        const pending = this.fetchToken(registry, challenge, scopes);
        this.tokens.set(key, pending);
        pending.catch(() => this.tokens.get(key) === pending && this.tokens.delete(key));
        return (await pending).value;
    }
    async fetchToken(registry, challenge, scopes) {
        const realm = challenge.params.realm;
        if (!realm)
            throw new Error(`registry ${registry} asked for a Bearer token without a realm`);
        const url = new URL(realm);
        if (challenge.params.service)
            url.searchParams.set('service', challenge.params.service);
        for (const scope of scopes)
            url.searchParams.append('scope', scope);
        const creds = this.lookup(registry);
        const headers = {};
        if (creds) {
            headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        }
        const started = Date.now();
        const response = await retry(async () => {
            const res = await this.http(url, {
                headers,
                throwHttpErrors: false,
                responseType: 'text'
            });
            if (isRetryableStatus(res.statusCode)) {
                throw new RetryableStatus(res.statusCode, url.origin + url.pathname, res.headers['retry-after']);
            }
            return res;
        }, { policy: this.policy });
        const where = `${url.origin}${url.pathname}`;
        if (response.statusCode !== 200) {
            const hint = creds
                ? 'the credentials in the Docker config were refused; log in again (docker/login-action)'
                : `no credentials for ${registry} in the Docker config; log in first (docker/login-action)`;
            throw new Error(`token issuer ${where} answered ${response.statusCode} for ${scopes.join(' ')}: ${hint}`);
        }
        let body;
        try {
            body = JSON.parse(response.body);
        }
        catch {
            throw new Error(`token issuer ${where} answered with something that is not JSON`);
        }
        const value = body.token ?? body.access_token;
        if (!value)
            throw new Error(`token issuer ${where} answered without a token`);
        this.log.secret(value);
        this.tokensFetched++;
        // The spec's default lifetime is 60 s when the issuer does not say.
        const lifetimeMs = (body.expires_in && body.expires_in > 0 ? body.expires_in : 60) * 1000;
        return { value, expiresAt: started + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2) };
    }
}

class RegistryError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'RegistryError';
    }
}
const MiB = 1024 * 1024;
class RegistryClient {
    options;
    auth;
    http;
    agents;
    insecure;
    chunkThreshold;
    chunkSize;
    /** Counts of requests by method, for logs and tests (HEAD-only re-pushes). */
    requests = {};
    constructor(options) {
        this.options = options;
        const maxSockets = options.maxSockets ?? 16;
        this.agents = {
            http: new http.Agent({ keepAlive: true, maxSockets }),
            https: new node_https.Agent({ keepAlive: true, maxSockets })
        };
        this.http = got.extend({
            agent: this.agents,
            headers: { 'user-agent': 'falco-publish' },
            retry: { limit: 0 },
            decompress: false,
            followRedirect: false,
            timeout: { connect: 30_000, socket: 300_000 }
        });
        this.auth = new RegistryAuth(this.http, options.credentials, options.log, options.retry);
        this.insecure = options.insecure ?? [];
        this.chunkThreshold = options.chunkThreshold ?? 512 * MiB;
        this.chunkSize = options.chunkSize ?? 64 * MiB;
    }
    /** Closes the kept-alive connections so the process can exit. */
    close() {
        this.agents.http.destroy();
        this.agents.https.destroy();
    }
    base(repo) {
        return `${apiBase(repo, this.insecure)}/v2/${repo.path}`;
    }
    pushScopes(repo) {
        return [`repository:${repo.path}:pull,push`];
    }
    /** One request with auth: a 401 teaches the scheme and the request is made again once. */
    async send(repo, call) {
        for (let round = 0;; round++) {
            const authorization = await this.auth.header(repo.apiHost, repo.registry, call.scopes);
            const headers = { ...call.headers };
            if (authorization)
                headers.authorization = authorization;
            const body = call.body?.();
            if (body === undefined && ['POST', 'PUT', 'PATCH'].includes(call.method)) {
                headers['content-length'] ??= '0';
            }
            this.requests[call.method] = (this.requests[call.method] ?? 0) + 1;
            let response;
            try {
                response = (await this.http(call.url, {
                    method: call.method,
                    headers,
                    body,
                    throwHttpErrors: false,
                    responseType: 'buffer'
                }));
            }
            finally {
                // A registry may answer before reading the whole body (401, 503): close the file behind it.
                if (body instanceof Readable && !body.readableEnded)
                    body.destroy();
            }
            if (response.statusCode === 401 && round === 0) {
                const challenge = response.headers['www-authenticate'];
                if (this.auth.challenged(repo.apiHost, challenge, call.scopes, authorization !== undefined))
                    continue;
            }
            if (response.statusCode === 401 || response.statusCode === 403) {
                const creds = this.options.credentials(repo.registry);
                throw new RegistryError(`${repo.name}: ${call.method} ${redact(call.url)} answered ${response.statusCode}: ` +
                    (creds
                        ? 'the registry refused the credentials from the Docker config (are they allowed to push here?)'
                        : `no credentials for ${repo.registry} in the Docker config; log in first (docker/login-action)`), response.statusCode);
            }
            if (isRetryableStatus(response.statusCode)) {
                throw new RetryableStatus(response.statusCode, redact(call.url), response.headers['retry-after']);
            }
            return response;
        }
    }
    /** send() under the retry policy: for requests whose body (if any) can be sent again. */
    async call(repo, call) {
        return retry(() => this.send(repo, call), {
            policy: this.options.retry,
            onRetry: (error, attempt, delay) => this.options.log.debug(`${call.method} ${redact(call.url)}: ${describe(error)}; attempt ${attempt + 1} in ${delay} ms`)
        });
    }
    fail(repo, what, response) {
        throw new RegistryError(`${repo.name}: ${what} failed with ${response.statusCode}${errorDetail(response.body)}`, response.statusCode);
    }
    /** True when the repository already holds the blob. */
    async hasBlob(repo, digest) {
        const response = await this.call(repo, {
            method: 'HEAD',
            url: `${this.base(repo)}/blobs/${digest}`,
            scopes: this.pushScopes(repo)
        });
        if (response.statusCode === 200 || response.statusCode === 307)
            return true;
        if (response.statusCode === 404)
            return false;
        return this.fail(repo, `HEAD blob ${digest}`, response);
    }
    /**
     * Asks the registry to link a blob it holds in `from` into `repo` without sending bytes.
     * False when it would not (another registry, no access, unknown blob): upload instead.
     */
    async mountBlob(repo, digest, from) {
        if (from.apiHost !== repo.apiHost)
            return false;
        const url = new URL(`${this.base(repo)}/blobs/uploads/`);
        url.searchParams.set('mount', digest);
        url.searchParams.set('from', from.path);
        const response = await this.call(repo, {
            method: 'POST',
            url: url.toString(),
            scopes: [...this.pushScopes(repo), `repository:${from.path}:pull`]
        });
        if (response.statusCode === 201)
            return true;
        if (response.statusCode === 202) {
            // The registry opened an upload session instead; close it so it does not linger.
            const location = response.headers.location;
            if (location)
                await this.cancel(repo, new URL(location, url).toString());
            return false;
        }
        return this.fail(repo, `mount of ${digest} from ${from.path}`, response);
    }
    async cancel(repo, location) {
        try {
            await this.send(repo, { method: 'DELETE', url: location, scopes: this.pushScopes(repo) });
        }
        catch (error) {
            this.options.log.debug(`closing upload ${redact(location)}: ${describe(error)}`);
        }
    }
    /**
     * Streams one blob into the repository: a single PUT, or PATCH chunks for large blobs. A
     * failure restarts the upload in a new session (bytes are re-read from the source), under
     * the retry policy; the registry checks the digest.
     */
    async uploadBlob(repo, digest, size, open) {
        await retry(() => this.uploadOnce(repo, digest, size, open), {
            policy: this.options.retry,
            onRetry: (error, attempt, delay) => this.options.log.info(`${repo.name}: upload of ${short(digest)} interrupted (${describe(error)}); attempt ${attempt + 1} in ${delay} ms`)
        });
    }
    async startUpload(repo) {
        const url = `${this.base(repo)}/blobs/uploads/`;
        const response = await this.send(repo, { method: 'POST', url, scopes: this.pushScopes(repo) });
        if (response.statusCode !== 202)
            this.fail(repo, 'starting a blob upload', response);
        const location = response.headers.location;
        if (!location)
            throw new RegistryError(`${repo.name}: the registry started an upload without a Location`);
        return new URL(location, url).toString();
    }
    async uploadOnce(repo, digest, size, open) {
        const location = await this.startUpload(repo);
        if (size > this.chunkThreshold)
            return this.uploadChunks(repo, digest, size, open, location);
        const response = await this.send(repo, {
            method: 'PUT',
            url: withDigest(location, digest),
            scopes: this.pushScopes(repo),
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
            body: () => open()
        });
        if (response.statusCode !== 201)
            this.fail(repo, `upload of ${digest}`, response);
    }
    /**
     * PATCH chunks with Content-Range. When a chunk fails, the upload's status (GET on the
     * session: `Range: 0-<last byte>`) says how far the registry got, and the upload resumes
     * from there: a dropped connection costs one chunk, not the whole layer.
     */
    async uploadChunks(repo, digest, size, open, first) {
        const scopes = this.pushScopes(repo);
        const policy = this.options.retry ?? DEFAULT_RETRY;
        let location = first;
        let offset = 0;
        let failures = 0;
        while (offset < size) {
            const start = offset;
            const end = Math.min(size, start + this.chunkSize) - 1;
            try {
                const response = await this.send(repo, {
                    method: 'PATCH',
                    url: location,
                    scopes,
                    headers: {
                        'content-type': 'application/octet-stream',
                        'content-length': String(end - start + 1),
                        'content-range': `${start}-${end}`
                    },
                    body: () => open({ start, end })
                });
                if (response.statusCode !== 202)
                    this.fail(repo, `chunk ${start}-${end} of ${digest}`, response);
                const next = response.headers.location;
                if (next)
                    location = new URL(next, location).toString();
                offset = end + 1;
                failures = 0;
            }
            catch (error) {
                if (!isTransient(error) || ++failures >= policy.attempts)
                    throw error;
                const delay = backoffMs(policy, failures, error);
                this.options.log.debug(`${repo.name}: chunk ${start}-${end} of ${short(digest)}: ${describe(error)}; resuming in ${delay} ms`);
                await new Promise((r) => setTimeout(r, delay));
                const status = await this.call(repo, { method: 'GET', url: location, scopes });
                if (status.statusCode !== 204)
                    this.fail(repo, `status of the upload of ${digest}`, status);
                const range = String(status.headers.range ?? '').match(/^(?:bytes=)?0-(\d+)$/);
                // "0-0" cannot tell one byte from none: start the whole upload again instead.
                if (!range || range[1] === '0')
                    throw new RetryableStatus(409, redact(location));
                offset = Number(range[1]) + 1;
                const next = status.headers.location;
                if (next)
                    location = new URL(next, location).toString();
            }
        }
        const done = withDigest(location, digest);
        const response = await this.call(repo, { method: 'PUT', url: done, scopes });
        if (response.statusCode === 201)
            return;
        // The close went through but its answer was lost: a retry finds no session, the blob is there.
        if (response.statusCode === 404 && (await this.hasBlob(repo, digest)))
            return;
        this.fail(repo, `closing the upload of ${digest}`, response);
    }
    /** Puts a manifest or index under a tag or digest; returns the digest the registry reports. */
    async putManifest(repo, reference, body, mediaType) {
        const response = await this.call(repo, {
            method: 'PUT',
            url: `${this.base(repo)}/manifests/${reference}`,
            scopes: this.pushScopes(repo),
            headers: { 'content-type': mediaType, 'content-length': String(body.length) },
            body: () => body
        });
        if (response.statusCode !== 201)
            this.fail(repo, `PUT manifest ${reference}`, response);
        const expected = sha256Digest(body);
        const reported = response.headers['docker-content-digest'];
        if (typeof reported === 'string' && reported !== '' && reported !== expected) {
            throw new RegistryError(`${repo.name}: manifest ${reference} stored as ${reported}, expected ${expected}`);
        }
        return expected;
    }
    /** The digest a tag points at, or undefined when the repository has no such tag. */
    async headManifest(repo, reference, accept) {
        const response = await this.call(repo, {
            method: 'HEAD',
            url: `${this.base(repo)}/manifests/${reference}`,
            scopes: this.pushScopes(repo),
            headers: { accept: accept.join(', ') }
        });
        if (response.statusCode === 404)
            return undefined;
        if (response.statusCode !== 200)
            this.fail(repo, `HEAD manifest ${reference}`, response);
        const digest = response.headers['docker-content-digest'];
        if (typeof digest === 'string' && digest !== '')
            return digest;
        // No digest header: read the manifest to learn it.
        return (await this.getManifest(repo, reference, accept))?.digest;
    }
    /** Reads a manifest (tag or digest); undefined when the repository has none by that name. */
    async getManifest(repo, reference, accept) {
        const response = await this.call(repo, {
            method: 'GET',
            url: `${this.base(repo)}/manifests/${reference}`,
            scopes: [`repository:${repo.path}:pull`],
            headers: { accept: accept.join(', ') }
        });
        if (response.statusCode === 404)
            return undefined;
        if (response.statusCode !== 200)
            this.fail(repo, `GET manifest ${reference}`, response);
        return {
            body: response.body,
            mediaType: String(response.headers['content-type'] ?? ''),
            digest: sha256Digest(response.body)
        };
    }
}
function withDigest(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url.toString();
}
/** Upload URLs carry opaque state; logs and errors show only the path. */
function redact(url) {
    try {
        const u = new URL(url);
        return `${u.origin}${u.pathname}`;
    }
    catch {
        return '(url)';
    }
}
function errorDetail(body) {
    if (!body || body.length === 0)
        return '';
    try {
        const parsed = JSON.parse(body.toString('utf8'));
        const errors = parsed.errors?.map((e) => [e.code, e.message].filter(Boolean).join(': '));
        if (errors && errors.length > 0)
            return `: ${errors.join('; ')}`;
    }
    catch {
        // Not the spec's error body: show nothing rather than a page of HTML.
    }
    return '';
}
function short(digest) {
    return digest.replace(/^sha256:/, '').slice(0, 12);
}
function describe(error) {
    if (error instanceof Error) {
        const code = error.code;
        return typeof code === 'string' && !error.message.includes(code)
            ? `${code} ${error.message}`
            : error.message;
    }
    return String(error);
}

class PushError extends Error {
    pushed;
    failed;
    constructor(message, pushed, failed) {
        super(message);
        this.pushed = pushed;
        this.failed = failed;
        this.name = 'PushError';
    }
}
function humanBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
/** Counts bytes as they pass, for the progress line. */
function counting(stream, add) {
    const meter = new Transform({
        transform(chunk, _encoding, done) {
            add(chunk.length);
            done(null, chunk);
        }
    });
    stream.on('error', (error) => meter.destroy(error));
    // When the upload is abandoned, the file behind it is closed too.
    meter.on('close', () => stream.destroy());
    return stream.pipe(meter);
}
async function pushToRepositories(client, repositories, image, tags, options) {
    const pushed = [];
    const failed = [];
    /** Repositories that hold every blob of the image after this run pushed to them. */
    const complete = [];
    for (const name of repositories) {
        const repo = parseRepository(name);
        try {
            const result = await pushOne(client, repo, image, tags, complete, options);
            pushed.push(result);
            complete.push(repo);
        }
        catch (error) {
            failed.push({ repository: repo.name, error: error.message });
            options.log.error(`${repo.name}: ${error.message}`);
        }
    }
    if (failed.length > 0) {
        throw new PushError(`pushing to ${failed.map((f) => f.repository).join(', ')} failed: ${failed.map((f) => f.error).join('; ')}`, pushed, failed);
    }
    return pushed;
}
async function pushOne(client, repo, image, tags, mountable, { concurrency, log, immutable = [], overwrite = false }) {
    // Checked before any byte moves, so a refused release leaves the repository as it was.
    for (const tag of immutable.filter((t) => tags.includes(t))) {
        const current = await client.headManifest(repo, tag, [...INDEX_TYPES, ...MANIFEST_TYPES]);
        if (current === undefined || current === image.top.digest)
            continue;
        if (!overwrite) {
            throw new Error(`${repo.name}:${tag} already points at ${current}, not at this image (${image.top.digest}); ` +
                'release tags are not moved. Set image-overwrite: true to replace it.');
        }
        log.warning(`${repo.name}:${tag} moves from ${current} to ${image.top.digest} (image-overwrite)`);
    }
    const stats = { uploaded: 0, mounted: 0, existing: 0, bytesUploaded: 0 };
    const limit = pLimit(concurrency);
    const sameRegistry = mountable.filter((m) => m.apiHost === repo.apiHost);
    await Promise.all(distinctBlobs(image.images).map(({ blob, image: owner }) => limit(async () => {
        if (await client.hasBlob(repo, blob.digest)) {
            stats.existing++;
            log.debug(`${repo.name}: ${short(blob.digest)} already there`);
            return;
        }
        for (const from of sameRegistry) {
            if (await client.mountBlob(repo, blob.digest, from)) {
                stats.mounted++;
                log.info(`${repo.name}: mounted ${short(blob.digest)} (${humanBytes(blob.size)}) from ${from.path}`);
                return;
            }
        }
        const started = Date.now();
        const open = owner.open(blob.digest);
        let sent = 0;
        await client.uploadBlob(repo, blob.digest, blob.size, (range) => counting(open(range), (n) => (sent += n)));
        stats.uploaded++;
        stats.bytesUploaded += blob.size;
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        log.info(`${repo.name}: pushed ${short(blob.digest)} ${humanBytes(blob.size)} in ${seconds.toFixed(1)} s (${humanBytes(blob.size / seconds)}/s)` +
            (sent > blob.size ? `, ${humanBytes(sent - blob.size)} re-sent after retries` : ''));
    })));
    if (image.images.length > 1) {
        await Promise.all(image.images.map((i) => limit(() => client.putManifest(repo, i.manifest.digest, i.manifest.bytes, i.manifest.mediaType))));
    }
    for (const tag of tags) {
        await client.putManifest(repo, tag, image.top.bytes, image.top.mediaType);
        log.info(`${repo.name}:${tag} -> ${image.top.digest} (${image.platforms.join(', ')})`);
    }
    return {
        repository: repo.name,
        tags,
        digest: image.top.digest,
        mediaType: image.top.mediaType,
        size: image.top.bytes.length,
        platforms: image.platforms,
        blobs: stats
    };
}

const GZIP = Buffer.from([0x1f, 0x8b]);
const ZSTD = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
async function sniff(files, name) {
    const head = [];
    for await (const chunk of files.open(name, { start: 0, end: 3 }))
        head.push(chunk);
    const bytes = Buffer.concat(head);
    if (bytes.subarray(0, 2).equals(GZIP))
        return MediaType.ociLayerGzip;
    if (bytes.subarray(0, 4).equals(ZSTD))
        return MediaType.ociLayerZstd;
    return MediaType.ociLayer;
}
function selectEntry$1(entries, ref, where) {
    if (ref !== undefined) {
        const wanted = ref.includes(':') ? ref : `${ref}:latest`;
        const found = entries.find((e) => (e.RepoTags ?? []).some((t) => t === wanted || t === ref));
        if (!found) {
            const known = entries.flatMap((e) => e.RepoTags ?? []);
            throw new Error(`${where}: no image tagged ${JSON.stringify(ref)} (the archive has: ${known.join(', ') || 'untagged images'})`);
        }
        return found;
    }
    if (entries.length !== 1) {
        throw new Error(`${where}: the archive holds ${entries.length} images; name one as <file>:<repo:tag>`);
    }
    return entries[0];
}
async function loadDockerArchive(files, ref, source, platform) {
    const raw = await files.read('manifest.json');
    if (!raw)
        throw new Error(`${files.where}: no manifest.json; not a docker save archive`);
    let entries;
    try {
        entries = JSON.parse(raw.toString('utf8'));
    }
    catch {
        throw new Error(`${files.where}: manifest.json is not valid JSON`);
    }
    if (!Array.isArray(entries) || entries.length === 0)
        throw new Error(`${files.where}: manifest.json lists no images`);
    const entry = selectEntry$1(entries, ref, files.where);
    const configBytes = await files.read(entry.Config);
    if (!configBytes)
        throw new Error(`${files.where}: missing image config ${entry.Config}`);
    const config = JSON.parse(configBytes.toString('utf8'));
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== entry.Layers.length) {
        throw new Error(`${files.where}: the config lists ${diffIds.length} layers, manifest.json ${entry.Layers.length}`);
    }
    const paths = new Map();
    const configDigest = sha256Digest(configBytes);
    paths.set(configDigest, entry.Config);
    const layers = [];
    for (const [i, name] of entry.Layers.entries()) {
        const size = await files.size(name);
        if (size === undefined)
            throw new Error(`${files.where}: missing layer ${name}`);
        const mediaType = await sniff(files, name);
        // An uncompressed layer's digest is its diff_id; a compressed one is named by its digest
        // in the OCI-style archives docker 25+ writes (blobs/sha256/<hex>).
        const named = name.match(/^blobs\/sha256\/([a-f0-9]{64})$/);
        const digest = named
            ? `sha256:${named[1]}`
            : mediaType === MediaType.ociLayer
                ? diffIds[i]
                : undefined;
        if (!digest)
            throw new Error(`${files.where}: layer ${name} is compressed and not named by its digest`);
        paths.set(digest, name);
        layers.push({ mediaType, digest, size });
    }
    const manifest = {
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config: { mediaType: MediaType.ociConfig, digest: configDigest, size: configBytes.length },
        layers
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    return [
        {
            source,
            platform: platform ?? platformOfConfig(config, `${files.where}: ${entry.Config}`),
            manifest: { bytes, mediaType: MediaType.ociManifest, digest: sha256Digest(bytes) },
            blobs: [manifest.config, ...layers],
            open: (digest) => {
                const name = paths.get(digest);
                if (!name)
                    throw new Error(`${files.where}: no blob ${digest}`);
                return (range) => files.open(name, range);
            }
        }
    ];
}

const BLOCK = 512;
function text(block, start, length) {
    const field = block.subarray(start, start + length);
    const end = field.indexOf(0);
    return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}
function numeric(block, start, length) {
    const field = block.subarray(start, start + length);
    if (field[0] & 0x80) {
        // GNU base-256 for sizes beyond the 8 GiB that 11 octal digits hold.
        let value = field[0] & 0x7f;
        for (let i = 1; i < field.length; i++)
            value = value * 256 + field[i];
        return value;
    }
    const digits = text(block, start, length).trim();
    return digits === '' ? 0 : parseInt(digits, 8);
}
function checksumOk(block) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 32 : block[i];
    return sum === numeric(block, 148, 8);
}
/** Paxes and GNU long names can override the next header's path. */
function paxPath(data) {
    let rest = data.toString('utf8');
    while (rest.length > 0) {
        const space = rest.indexOf(' ');
        const length = parseInt(rest.slice(0, space), 10);
        if (!(length > 0))
            break;
        const record = rest.slice(space + 1, length - 1);
        const eq = record.indexOf('=');
        if (record.slice(0, eq) === 'path')
            return record.slice(eq + 1);
        rest = rest.slice(length);
    }
    return undefined;
}
function clean(name) {
    return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}
/** Indexes a tar archive; throws naming the file when it is not one. */
async function indexTar(file) {
    const entries = new Map();
    const handle = await open(file, 'r');
    try {
        const { size: total } = await handle.stat();
        const block = Buffer.alloc(BLOCK);
        let position = 0;
        let longName;
        while (position + BLOCK <= total) {
            await handle.read(block, 0, BLOCK, position);
            if (block.every((b) => b === 0))
                break;
            if (!checksumOk(block)) {
                throw new Error(`${file}: not a tar archive (bad header checksum at offset ${position})`);
            }
            const size = numeric(block, 124, 12);
            const type = String.fromCharCode(block[156] || 48);
            const prefix = block.subarray(257, 263).toString('latin1').startsWith('ustar')
                ? text(block, 345, 155)
                : '';
            const base = text(block, 0, 100);
            const dataStart = position + BLOCK;
            if (type === 'L' || type === 'x') {
                const data = Buffer.alloc(size);
                await handle.read(data, 0, size, dataStart);
                longName = type === 'L' ? text(data, 0, size) : (paxPath(data) ?? longName);
            }
            else {
                if (type === '0' || type === '7') {
                    const name = clean(longName ?? (prefix ? `${prefix}/${base}` : base));
                    entries.set(name, { name, offset: dataStart, size });
                }
                longName = undefined;
            }
            position = dataStart + Math.ceil(size / BLOCK) * BLOCK;
        }
        if (position + BLOCK > total && entries.size === 0) {
            throw new Error(`${file}: not a tar archive (no entries)`);
        }
        return entries;
    }
    finally {
        await handle.close();
    }
}

/** Files under a directory; names are '/'-separated and may not leave it. */
function directoryFiles(dir) {
    const resolve = (name) => {
        const full = path.resolve(dir, name);
        if (full !== dir && !full.startsWith(dir + path.sep)) {
            throw new Error(`${dir}: ${JSON.stringify(name)} points outside the image layout`);
        }
        return full;
    };
    return {
        where: dir,
        async read(name) {
            try {
                return await readFile(resolve(name));
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return undefined;
                throw error;
            }
        },
        async size(name) {
            try {
                const info = await stat(resolve(name));
                return info.isFile() ? info.size : undefined;
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return undefined;
                throw error;
            }
        },
        open(name, range) {
            return createReadStream(resolve(name), range ? { start: range.start, end: range.end } : {});
        }
    };
}
/** Files inside a tar archive, located once by their headers and read as byte ranges. */
async function archiveFiles(file) {
    const entries = await indexTar(file);
    const find = (name) => entries.get(path.posix.normalize(name).replace(/^(\.\/)+/, ''));
    const rangeOf = (name, range) => {
        const entry = find(name);
        if (!entry)
            throw new Error(`${file}: no ${name} in the archive`);
        if (entry.size === 0)
            return undefined;
        const start = entry.offset + (range?.start ?? 0);
        const end = entry.offset + (range?.end ?? entry.size - 1);
        return { start, end };
    };
    return {
        where: file,
        async read(name) {
            const entry = find(name);
            if (!entry)
                return undefined;
            const range = rangeOf(name);
            if (!range)
                return Buffer.alloc(0);
            const chunks = [];
            for await (const chunk of createReadStream(file, range))
                chunks.push(chunk);
            return Buffer.concat(chunks);
        },
        async size(name) {
            return find(name)?.size;
        },
        open(name, range) {
            const r = rangeOf(name, range);
            return r ? createReadStream(file, r) : Readable.from([]);
        }
    };
}

/**
 * Reads an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`), as
 * `docker buildx build --output type=oci`, umoci and skopeo write it, from a directory or an
 * oci-archive. Every manifest is checked against its digest, and every blob it names must be
 * present with the right size, before anything is pushed.
 */
const REF_NAME = 'org.opencontainers.image.ref.name';
function blobPath(digest, where) {
    checkDigest(digest, where);
    return `blobs/sha256/${digest.slice('sha256:'.length)}`;
}
async function readJson(files, name, what) {
    const bytes = await files.read(name);
    if (!bytes)
        throw new Error(`${files.where}: missing ${name} (${what})`);
    try {
        return JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new Error(`${files.where}: ${name} is not valid JSON`);
    }
}
/** Reads a blob the layout holds, checking it against its descriptor. */
async function readBlob(files, d) {
    const name = blobPath(d.digest, files.where);
    const bytes = await files.read(name);
    if (!bytes)
        throw new Error(`${files.where}: missing blob ${d.digest}`);
    if (sha256Digest(bytes) !== d.digest)
        throw new Error(`${files.where}: blob ${d.digest} does not match its digest`);
    return bytes;
}
/** True for buildx's attestation manifests, which carry no runnable platform. */
function isAttestation(d) {
    return (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
        (d.platform?.os === 'unknown' && d.platform?.architecture === 'unknown'));
}
function selectEntry(index, ref, where) {
    const manifests = index.manifests ?? [];
    if (manifests.length === 0)
        throw new Error(`${where}: index.json lists no images`);
    if (ref !== undefined) {
        const found = manifests.filter((m) => m.annotations?.[REF_NAME] === ref);
        if (found.length === 1)
            return found[0];
        const known = manifests.map((m) => m.annotations?.[REF_NAME]).filter(Boolean);
        throw new Error(`${where}: ${found.length === 0 ? 'no' : 'more than one'} image named ${JSON.stringify(ref)}` +
            (known.length > 0 ? ` (the layout has: ${known.join(', ')})` : ''));
    }
    if (manifests.length === 1)
        return manifests[0];
    const known = manifests.map((m) => m.annotations?.[REF_NAME] ?? m.digest);
    throw new Error(`${where}: the layout holds several images; name one as <dir>:<ref> (${known.join(', ')})`);
}
/**
 * The images of one layout entry: one, or one per platform when the entry is an index.
 * `platform` (from the `os/arch=` prefix) overrides what the config declares.
 */
async function loadOciLayout(files, ref, source, platform) {
    const layout = (await readJson(files, 'oci-layout', 'not an OCI image layout'));
    if (layout?.imageLayoutVersion !== '1.0.0') {
        throw new Error(`${files.where}: oci-layout version ${JSON.stringify(layout?.imageLayoutVersion)} is not 1.0.0`);
    }
    const index = (await readJson(files, 'index.json', 'the layout index'));
    const entry = selectEntry(index, ref, files.where);
    const images = [];
    const visit = async (d, depth) => {
        if (INDEX_TYPES.includes(d.mediaType)) {
            if (depth > 2)
                throw new Error(`${files.where}: image indexes nested too deep`);
            const nested = JSON.parse((await readBlob(files, d)).toString('utf8'));
            for (const child of nested.manifests ?? []) {
                if (!isAttestation(child))
                    await visit(child, depth + 1);
            }
            return;
        }
        if (!MANIFEST_TYPES.includes(d.mediaType)) {
            throw new Error(`${files.where}: ${d.digest} has media type ${d.mediaType}, not an image manifest or index`);
        }
        images.push(await loadManifest(files, d, source, platform));
    };
    await visit(entry, 0);
    if (INDEX_TYPES.includes(entry.mediaType) && !platform) {
        // Keep the builder's own index (its digest, its annotations) when every entry in it is one
        // of the images read here; an index with attestations or nested indexes is rebuilt.
        const bytes = await readBlob(files, entry);
        const listed = JSON.parse(bytes.toString('utf8')).manifests ?? [];
        const same = listed.length === images.length &&
            listed.every((d, i) => d.digest === images[i].manifest.digest && d.platform !== undefined);
        if (same) {
            const original = { bytes, mediaType: entry.mediaType, digest: entry.digest };
            for (const image of images)
                image.index = original;
        }
    }
    if (platform && images.length > 1) {
        throw new Error(`${source}: names one platform but the layout entry holds ${images.length} images`);
    }
    return images;
}
async function loadManifest(files, d, source, platform) {
    const bytes = await readBlob(files, d);
    const where = `${files.where}: manifest ${d.digest}`;
    const manifest = JSON.parse(bytes.toString('utf8'));
    const blobs = manifestBlobs(manifest, where);
    for (const blob of blobs) {
        const size = await files.size(blobPath(blob.digest, where));
        if (size === undefined)
            throw new Error(`${where}: blob ${blob.digest} is missing from the layout`);
        if (size !== blob.size) {
            throw new Error(`${where}: blob ${blob.digest} is ${size} bytes, the manifest says ${blob.size}`);
        }
    }
    const resolved = platform ??
        d.platform ??
        platformOfConfig(JSON.parse((await readBlob(files, blobs[0])).toString('utf8')), where);
    return {
        source,
        platform: resolved,
        manifest: { bytes, mediaType: manifest.mediaType ?? d.mediaType, digest: d.digest },
        blobs,
        open: (digest) => (range) => files.open(blobPath(digest, where), range)
    };
}

async function mustExist(file, kind, entry) {
    const info = await stat(file).catch(() => undefined);
    const ok = info && (kind === 'file' ? info.isFile() : info.isDirectory());
    if (!ok)
        throw new Error(`images: ${JSON.stringify(entry.raw)}: no ${kind} ${file}`);
}
/** Reads one `images` entry into the images (one per platform) it holds. */
async function loadImageEntry(entry, options) {
    const resolved = path.resolve(options.workspace, entry.path);
    switch (entry.transport) {
        case 'oci':
            await mustExist(resolved, 'directory', entry);
            return loadOciLayout(directoryFiles(resolved), entry.ref, entry.raw, entry.platform);
        case 'oci-archive':
            await mustExist(resolved, 'file', entry);
            return loadOciLayout(await archiveFiles(resolved), entry.ref, entry.raw, entry.platform);
        case 'docker-archive':
            await mustExist(resolved, 'file', entry);
            return loadDockerArchive(await archiveFiles(resolved), entry.ref, entry.raw, entry.platform);
        case 'docker-daemon': {
            await mkdir(options.workdir, { recursive: true });
            const file = path.join(options.workdir, `docker-save-${entry.path.replace(/[^A-Za-z0-9_.-]+/g, '_')}.tar`);
            const { code, stderr } = await options.exec('docker', ['save', '--output', file, entry.path]);
            if (code !== 0) {
                throw new Error(`images: ${JSON.stringify(entry.raw)}: docker save ${entry.path} exited with ${code}: ${stderr.trim() || 'no message'}; is the image built and the daemon running?`);
            }
            return loadDockerArchive(await archiveFiles(file), undefined, entry.raw, entry.platform);
        }
    }
}

/**
 * The tags a release's images get (pure): dev -> the dev tag; a prerelease -> its version only;
 * stable -> its version, the extra tags rendered from their templates, and `latest` when the
 * release is the newest stable one. Extra tags are for stable releases only: a moving `0.40`
 * must never point at a development build.
 */
function imageTags(release, options) {
    if (release.channel === 'none')
        return [];
    if (release.prerelease)
        return [checkTag(release.version, 'version')];
    if (release.channel === 'dev')
        return [options.devTag];
    const tags = [checkTag(release.version, 'version')];
    for (const template of options.extraTags)
        tags.push(checkTag(renderTag(template, release), 'image-extra-tags'));
    if (release.latest)
        tags.push('latest');
    return [...new Set(tags)];
}
const FIELDS = ['version', 'major', 'minor', 'patch', 'sha'];
/** Renders `{{major}}.{{minor}}` and friends against the release. */
function renderTag(template, release) {
    const match = release.version.match(/^(\d+)\.(\d+)\.(\d+)/);
    const values = {
        version: release.version,
        major: match?.[1] ?? '',
        minor: match?.[2] ?? '',
        patch: match?.[3] ?? '',
        sha: release.sha.slice(0, 7)
    };
    return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (_, name) => {
        if (!FIELDS.includes(name)) {
            throw new InputError('image-extra-tags', `unknown field {{${name}}} in ${JSON.stringify(template)}; use ${FIELDS.map((f) => `{{${f}}}`).join(', ')}`);
        }
        return values[name];
    });
}
function checkTag(tag, input) {
    if (!isValidTag(tag))
        throw new InputError(input, `${JSON.stringify(tag)} is not a valid image tag`);
    return tag;
}

const defaultExec = async (command, args) => {
    const { exitCode, stderr } = await getExecOutput(command, args, {
        ignoreReturnCode: true,
        // DOCKER_HOST, DOCKER_CONFIG and friends as this process sees them.
        env: { ...process.env }
    });
    return { code: exitCode, stderr };
};
function createContainersStage(deps = {}) {
    return {
        name: 'containers',
        async plan(ctx) {
            const inputs = ctx.inputs.containers;
            const empty = { stage: 'containers', operations: [] };
            if (!hasWork.containers(ctx))
                return empty;
            const tags = imageTags(ctx.release, inputs);
            if (tags.length === 0) {
                return {
                    stage: 'containers',
                    operations: inputs.repositories.map((target) => ({
                        action: 'skip',
                        target,
                        reason: ctx.release.reason
                    }))
                };
            }
            const images = [];
            for (const entry of inputs.images) {
                images.push(...(await loadImageEntry(entry, {
                    workspace: ctx.workspace,
                    workdir: path.join(ctx.workdir, 'containers'),
                    exec: deps.exec ?? defaultExec
                })));
            }
            const image = assemble(images);
            // Pushing to a public registry without a login fails late, after packages went out: say so now.
            const credentials = await loadDockerCredentials(deps.dockerConfig ?? dockerConfigPath());
            for (const name of inputs.repositories) {
                const repo = parseRepository(name);
                if (!isLoopback(repo.apiHost) && !credentials(repo.registry)) {
                    ctx.log.warning(`no credentials for ${repo.registry} in ${deps.dockerConfig ?? dockerConfigPath()}; ` +
                        'pushing there will fail unless it accepts anonymous pushes (log in with docker/login-action first)');
                }
            }
            const size = distinctBlobs(image.images).reduce((sum, { blob }) => sum + blob.size, 0);
            const source = inputs.images.map((e) => e.raw).join(', ');
            const operations = inputs.repositories.flatMap((repository) => tags.map((tag) => ({
                action: 'push',
                target: `${repository}:${tag}`,
                source,
                size
            })));
            const detail = { image, repositories: inputs.repositories, tags };
            return { stage: 'containers', operations, detail };
        },
        async apply(plan, ctx) {
            const started = Date.now();
            const detail = plan.detail;
            if (!detail)
                return { stage: 'containers', published: [], failed: [], durationMs: 0 };
            const inputs = ctx.inputs.containers;
            const client = new RegistryClient({
                credentials: await loadDockerCredentials(deps.dockerConfig ?? dockerConfigPath()),
                log: ctx.log,
                insecure: inputs.insecureRegistries,
                retry: deps.retry,
                chunkThreshold: deps.chunkThreshold,
                chunkSize: deps.chunkSize
            });
            deps.onClient?.(client);
            try {
                const pushed = await pushToRepositories(client, detail.repositories, detail.image, detail.tags, {
                    concurrency: inputs.concurrency,
                    // The version tag names one release; latest, the dev tag and extra tags move.
                    immutable: ctx.release.version ? [ctx.release.version] : [],
                    overwrite: inputs.overwrite,
                    log: ctx.log
                });
                return result(pushed, [], started);
            }
            catch (error) {
                if (error instanceof PushError) {
                    const partial = result(error.pushed, error.failed, started);
                    throw new StageError(error.message, partial);
                }
                throw error;
            }
            finally {
                client.close();
            }
        }
    };
}
const containersStage = createContainersStage();
function result(pushed, failed, started) {
    const published = pushed.flatMap((p) => p.tags.map((tag) => ({
        kind: 'image',
        path: `${p.repository}:${tag}`,
        digest: p.digest,
        size: p.size,
        url: webUrl(parseRepository(p.repository))
    })));
    return {
        stage: 'containers',
        published,
        failed: failed.map((f) => ({ target: f.repository, error: f.error })),
        durationMs: Date.now() - started,
        summary: summary(pushed, failed),
        outputs: { images: JSON.stringify(imagesOutput(pushed)) }
    };
}
/** The `images` output: per repository, the tags and the digest they point at. */
function imagesOutput(pushed) {
    return Object.fromEntries(pushed.map((p) => [p.repository, { tags: p.tags, digest: p.digest, platforms: p.platforms }]));
}
function summary(pushed, failed) {
    // Under the section report/summary.ts heads with the stage's name.
    const lines = [];
    for (const f of failed)
        lines.push(`> [!CAUTION]`, `> **${f.repository}** was not pushed: ${f.error.replace(/\n/g, ' ')}`, '');
    if (pushed.length > 0) {
        lines.push('| Repository | Tag | Digest | Platforms |', '|---|---|---|---|');
        for (const p of pushed) {
            const url = webUrl(parseRepository(p.repository));
            const name = url ? `[${p.repository}](${url})` : p.repository;
            for (const tag of p.tags)
                lines.push(`| ${name} | \`${tag}\` | \`${p.digest}\` | ${p.platforms.join(', ')} |`);
        }
        const up = pushed.reduce((n, p) => n + p.blobs.uploaded, 0);
        const mounted = pushed.reduce((n, p) => n + p.blobs.mounted, 0);
        const existing = pushed.reduce((n, p) => n + p.blobs.existing, 0);
        lines.push('', `Blobs: ${up} uploaded, ${mounted} mounted, ${existing} already present.`);
    }
    return lines.join('\n') + '\n';
}

export { containersStage, createContainersStage, imagesOutput };
