import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { r as requireDist$1 } from './index-WDteQOfy.js';
const os__default = __nodeBuiltin('node:os');
import { r as requireDist$2, a as requireSigstore_common, b as requireEnvelope, c as requireDist$3 } from './package-IbF6SiE5.js';
const require$$1$1 = __nodeBuiltin('node:http2');
const require$$0__default = __nodeBuiltin('node:crypto');
const require$$1$2 = __nodeBuiltin('node:child_process');

function _mergeNamespaces(n, m) {
    m.forEach(function (e) {
        e && typeof e !== 'string' && !Array.isArray(e) && Object.keys(e).forEach(function (k) {
            if (k !== 'default' && !(k in n)) {
                var d = Object.getOwnPropertyDescriptor(e, k);
                Object.defineProperty(n, k, d.get ? d : {
                    enumerable: true,
                    get: function () { return e[k]; }
                });
            }
        });
    });
    return Object.freeze(n);
}

var dist = {};

var bundler = {};

var dsse$1 = {};

var util = {};

var oidc = {};

var hasRequiredOidc;

function requireOidc () {
	if (hasRequiredOidc) return oidc;
	hasRequiredOidc = 1;
	Object.defineProperty(oidc, "__esModule", { value: true });
	oidc.extractJWTSubject = extractJWTSubject;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const core_1 = requireDist$1();
	function extractJWTSubject(jwt) {
	    const parts = jwt.split('.', 3);
	    const payload = JSON.parse(core_1.encoding.base64Decode(parts[1]));
	    if (payload.email) {
	        if (!payload.email_verified) {
	            throw new Error('JWT email not verified by issuer');
	        }
	        return payload.email;
	    }
	    if (payload.sub) {
	        return payload.sub;
	    }
	    else {
	        throw new Error('JWT subject not found');
	    }
	}
	return oidc;
}

var ua = {};

var version = "5.1.0";
var require$$1 = {
	version: version};

var hasRequiredUa;

function requireUa () {
	if (hasRequiredUa) return ua;
	hasRequiredUa = 1;
	var __importDefault = (ua && ua.__importDefault) || function (mod) {
	    return (mod && mod.__esModule) ? mod : { "default": mod };
	};
	Object.defineProperty(ua, "__esModule", { value: true });
	ua.getUserAgent = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const os_1 = __importDefault(os__default);
	// Format User-Agent: <product> / <product-version> (<platform>)
	// source: https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/User-Agent
	const getUserAgent = () => {
	    const packageVersion = require$$1.version;
	    const nodeVersion = process.version;
	    const platformName = os_1.default.platform();
	    const archName = os_1.default.arch();
	    return `sigstore-js/${packageVersion} (Node ${nodeVersion}) (${platformName}/${archName})`;
	};
	ua.getUserAgent = getUserAgent;
	return ua;
}

var hasRequiredUtil;

function requireUtil () {
	if (hasRequiredUtil) return util;
	hasRequiredUtil = 1;
	(function (exports) {
		var __createBinding = (util && util.__createBinding) || (Object.create ? (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    var desc = Object.getOwnPropertyDescriptor(m, k);
		    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
		      desc = { enumerable: true, get: function() { return m[k]; } };
		    }
		    Object.defineProperty(o, k2, desc);
		}) : (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    o[k2] = m[k];
		}));
		var __setModuleDefault = (util && util.__setModuleDefault) || (Object.create ? (function(o, v) {
		    Object.defineProperty(o, "default", { enumerable: true, value: v });
		}) : function(o, v) {
		    o["default"] = v;
		});
		var __importStar = (util && util.__importStar) || (function () {
		    var ownKeys = function(o) {
		        ownKeys = Object.getOwnPropertyNames || function (o) {
		            var ar = [];
		            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
		            return ar;
		        };
		        return ownKeys(o);
		    };
		    return function (mod) {
		        if (mod && mod.__esModule) return mod;
		        var result = {};
		        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
		        __setModuleDefault(result, mod);
		        return result;
		    };
		})();
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.ua = exports.oidc = exports.pem = exports.json = exports.encoding = exports.dsse = exports.crypto = void 0;
		/*
		Copyright 2023 The Sigstore Authors.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		    http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.
		*/
		var core_1 = requireDist$1();
		Object.defineProperty(exports, "crypto", { enumerable: true, get: function () { return core_1.crypto; } });
		Object.defineProperty(exports, "dsse", { enumerable: true, get: function () { return core_1.dsse; } });
		Object.defineProperty(exports, "encoding", { enumerable: true, get: function () { return core_1.encoding; } });
		Object.defineProperty(exports, "json", { enumerable: true, get: function () { return core_1.json; } });
		Object.defineProperty(exports, "pem", { enumerable: true, get: function () { return core_1.pem; } });
		exports.oidc = __importStar(requireOidc());
		exports.ua = __importStar(requireUa()); 
	} (util));
	return util;
}

var base = {};

var hasRequiredBase;

function requireBase () {
	if (hasRequiredBase) return base;
	hasRequiredBase = 1;
	Object.defineProperty(base, "__esModule", { value: true });
	base.BaseBundleBuilder = void 0;
	// BaseBundleBuilder is a base class for BundleBuilder implementations. It
	// provides a the basic wokflow for signing and witnessing an artifact.
	// Subclasses must implement the `package` method to assemble a valid bundle
	// with the generated signature and verification material.
	class BaseBundleBuilder {
	    signer;
	    witnesses;
	    constructor(options) {
	        this.signer = options.signer;
	        this.witnesses = options.witnesses;
	    }
	    // Executes the signing/witnessing process for the given artifact.
	    async create(artifact) {
	        const signature = await this.prepare(artifact).then((blob) => this.signer.sign(blob));
	        const bundle = await this.package(artifact, signature);
	        // Invoke all of the witnesses in parallel
	        const verificationMaterials = await Promise.all(this.witnesses.map((witness) => witness.testify(bundle.content, publicKey(signature.key))));
	        // Collect the verification material from all of the witnesses
	        const tlogEntryList = [];
	        const timestampList = [];
	        verificationMaterials.forEach(({ tlogEntries, rfc3161Timestamps }) => {
	            tlogEntryList.push(...(tlogEntries ?? []));
	            timestampList.push(...(rfc3161Timestamps ?? []));
	        });
	        // Merge the collected verification material into the bundle
	        bundle.verificationMaterial.tlogEntries = tlogEntryList;
	        bundle.verificationMaterial.timestampVerificationData = {
	            rfc3161Timestamps: timestampList,
	        };
	        return bundle;
	    }
	    // Override this function to apply any pre-signing transformations to the
	    // artifact. The returned buffer will be signed by the signer. The default
	    // implementation simply returns the artifact data.
	    async prepare(artifact) {
	        return artifact.data;
	    }
	}
	base.BaseBundleBuilder = BaseBundleBuilder;
	// Extracts the public key from a KeyMaterial. Returns either the public key
	// or the certificate, depending on the type of key material.
	function publicKey(key) {
	    switch (key.$case) {
	        case 'publicKey':
	            return key.publicKey;
	        case 'x509Certificate':
	            return key.certificate;
	    }
	}
	return base;
}

var bundle = {};

var hasRequiredBundle;

function requireBundle () {
	if (hasRequiredBundle) return bundle;
	hasRequiredBundle = 1;
	var __createBinding = (bundle && bundle.__createBinding) || (Object.create ? (function(o, m, k, k2) {
	    if (k2 === undefined) k2 = k;
	    var desc = Object.getOwnPropertyDescriptor(m, k);
	    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
	      desc = { enumerable: true, get: function() { return m[k]; } };
	    }
	    Object.defineProperty(o, k2, desc);
	}) : (function(o, m, k, k2) {
	    if (k2 === undefined) k2 = k;
	    o[k2] = m[k];
	}));
	var __setModuleDefault = (bundle && bundle.__setModuleDefault) || (Object.create ? (function(o, v) {
	    Object.defineProperty(o, "default", { enumerable: true, value: v });
	}) : function(o, v) {
	    o["default"] = v;
	});
	var __importStar = (bundle && bundle.__importStar) || (function () {
	    var ownKeys = function(o) {
	        ownKeys = Object.getOwnPropertyNames || function (o) {
	            var ar = [];
	            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
	            return ar;
	        };
	        return ownKeys(o);
	    };
	    return function (mod) {
	        if (mod && mod.__esModule) return mod;
	        var result = {};
	        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
	        __setModuleDefault(result, mod);
	        return result;
	    };
	})();
	Object.defineProperty(bundle, "__esModule", { value: true });
	bundle.toMessageSignatureBundle = toMessageSignatureBundle;
	bundle.toDSSEBundle = toDSSEBundle;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const sigstore = __importStar(requireDist$2());
	const util_1 = requireUtil();
	// Helper functions for assembling the parts of a Sigstore bundle
	// Message signature bundle - $case: 'messageSignature'
	function toMessageSignatureBundle(artifact, signature) {
	    const digest = util_1.crypto.digest('sha256', artifact.data);
	    return sigstore.toMessageSignatureBundle({
	        digest,
	        signature: signature.signature,
	        certificate: signature.key.$case === 'x509Certificate'
	            ? util_1.pem.toDER(signature.key.certificate)
	            : undefined,
	        keyHint: signature.key.$case === 'publicKey' ? signature.key.hint : undefined,
	        certificateChain: true,
	    });
	}
	// DSSE envelope bundle - $case: 'dsseEnvelope'
	function toDSSEBundle(artifact, signature, certificateChain) {
	    return sigstore.toDSSEBundle({
	        artifact: artifact.data,
	        artifactType: artifact.type,
	        signature: signature.signature,
	        certificate: signature.key.$case === 'x509Certificate'
	            ? util_1.pem.toDER(signature.key.certificate)
	            : undefined,
	        keyHint: signature.key.$case === 'publicKey' ? signature.key.hint : undefined,
	        certificateChain,
	    });
	}
	return bundle;
}

var hasRequiredDsse$1;

function requireDsse$1 () {
	if (hasRequiredDsse$1) return dsse$1;
	hasRequiredDsse$1 = 1;
	Object.defineProperty(dsse$1, "__esModule", { value: true });
	dsse$1.DSSEBundleBuilder = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const util_1 = requireUtil();
	const base_1 = requireBase();
	const bundle_1 = requireBundle();
	// BundleBuilder implementation for DSSE wrapped attestations
	class DSSEBundleBuilder extends base_1.BaseBundleBuilder {
	    certificateChain;
	    constructor(options) {
	        super(options);
	        this.certificateChain = options.certificateChain ?? false;
	    }
	    // DSSE requires the artifact to be pre-encoded with the payload type
	    // before the signature is generated.
	    async prepare(artifact) {
	        const a = artifactDefaults(artifact);
	        return util_1.dsse.preAuthEncoding(a.type, a.data);
	    }
	    // Packages the artifact and signature into a DSSE bundle
	    async package(artifact, signature) {
	        return (0, bundle_1.toDSSEBundle)(artifactDefaults(artifact), signature, this.certificateChain);
	    }
	}
	dsse$1.DSSEBundleBuilder = DSSEBundleBuilder;
	// Defaults the artifact type to an empty string if not provided
	function artifactDefaults(artifact) {
	    return {
	        ...artifact,
	        type: artifact.type ?? '',
	    };
	}
	return dsse$1;
}

var message = {};

var hasRequiredMessage;

function requireMessage () {
	if (hasRequiredMessage) return message;
	hasRequiredMessage = 1;
	Object.defineProperty(message, "__esModule", { value: true });
	message.MessageSignatureBundleBuilder = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const base_1 = requireBase();
	const bundle_1 = requireBundle();
	// BundleBuilder implementation for raw message signatures
	class MessageSignatureBundleBuilder extends base_1.BaseBundleBuilder {
	    constructor(options) {
	        super(options);
	    }
	    async package(artifact, signature) {
	        return (0, bundle_1.toMessageSignatureBundle)(artifact, signature);
	    }
	}
	message.MessageSignatureBundleBuilder = MessageSignatureBundleBuilder;
	return message;
}

var hasRequiredBundler;

function requireBundler () {
	if (hasRequiredBundler) return bundler;
	hasRequiredBundler = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.MessageSignatureBundleBuilder = exports.DSSEBundleBuilder = void 0;
		var dsse_1 = requireDsse$1();
		Object.defineProperty(exports, "DSSEBundleBuilder", { enumerable: true, get: function () { return dsse_1.DSSEBundleBuilder; } });
		var message_1 = requireMessage();
		Object.defineProperty(exports, "MessageSignatureBundleBuilder", { enumerable: true, get: function () { return message_1.MessageSignatureBundleBuilder; } }); 
	} (bundler));
	return bundler;
}

var config = {};

var signer = {};

var fulcio$1 = {};

var error$1 = {};

var error = {};

var hasRequiredError$1;

function requireError$1 () {
	if (hasRequiredError$1) return error;
	hasRequiredError$1 = 1;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	Object.defineProperty(error, "__esModule", { value: true });
	error.HTTPError = void 0;
	class HTTPError extends Error {
	    statusCode;
	    location;
	    constructor({ status, message, location, }) {
	        super(`(${status}) ${message}`);
	        this.statusCode = status;
	        this.location = location;
	    }
	}
	error.HTTPError = HTTPError;
	return error;
}

var hasRequiredError;

function requireError () {
	if (hasRequiredError) return error$1;
	hasRequiredError = 1;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	Object.defineProperty(error$1, "__esModule", { value: true });
	error$1.InternalError = void 0;
	error$1.internalError = internalError;
	const error_1 = requireError$1();
	class InternalError extends Error {
	    code;
	    cause;
	    constructor({ code, message, cause, }) {
	        super(message);
	        this.name = this.constructor.name;
	        this.cause = cause;
	        this.code = code;
	    }
	}
	error$1.InternalError = InternalError;
	function internalError(err, code, message) {
	    if (err instanceof error_1.HTTPError) {
	        message += ` - ${err.message}`;
	    }
	    throw new InternalError({
	        code: code,
	        message: message,
	        cause: err,
	    });
	}
	return error$1;
}

var ca = {};

var fulcio = {};

var fetch$1 = {};

var retry;
var hasRequiredRetry;

function requireRetry () {
	if (hasRequiredRetry) return retry;
	hasRequiredRetry = 1;
	class RetryOperation {
	  #attempts = 1
	  #cachedTimeouts = null
	  #errors = []
	  #fn = null
	  #maxRetryTime
	  #operationStart = null
	  #originalTimeouts
	  #timeouts
	  #timer = null
	  #unref

	  constructor (timeouts, options = {}) {
	    this.#originalTimeouts = [...timeouts];
	    this.#timeouts = [...timeouts];
	    this.#unref = options.unref;
	    this.#maxRetryTime = options.maxRetryTime || Infinity;
	    if (options.forever) {
	      this.#cachedTimeouts = [...this.#timeouts];
	    }
	  }

	  get timeouts () {
	    return [...this.#timeouts]
	  }

	  get errors () {
	    return [...this.#errors]
	  }

	  get attempts () {
	    return this.#attempts
	  }

	  get mainError () {
	    let mainError = null;
	    if (this.#errors.length) {
	      let mainErrorCount = 0;
	      const counts = {};
	      for (let i = 0; i < this.#errors.length; i++) {
	        const error = this.#errors[i];
	        const { message } = error;
	        if (!counts[message]) {
	          counts[message] = 0;
	        }
	        counts[message]++;

	        if (counts[message] >= mainErrorCount) {
	          mainError = error;
	          mainErrorCount = counts[message];
	        }
	      }
	    }
	    return mainError
	  }

	  reset () {
	    this.#attempts = 1;
	    this.#timeouts = [...this.#originalTimeouts];
	  }

	  stop () {
	    if (this.#timer) {
	      clearTimeout(this.#timer);
	    }

	    this.#timeouts = [];
	    this.#cachedTimeouts = null;
	  }

	  retry (err) {
	    this.#errors.push(err);
	    if (new Date().getTime() - this.#operationStart >= this.#maxRetryTime) {
	      // XXX This puts the timeout error first, meaning it will never show as mainError, there may be no way to ever see this
	      this.#errors.unshift(new Error('RetryOperation timeout occurred'));
	      return false
	    }

	    let timeout = this.#timeouts.shift();
	    if (timeout === undefined) {
	      // We're out of timeouts, clear the last error and repeat the final timeout
	      if (this.#cachedTimeouts) {
	        this.#errors.pop();
	        timeout = this.#cachedTimeouts.at(-1);
	      } else {
	        return false
	      }
	    }

	    // TODO what if there already is a timer?
	    this.#timer = setTimeout(() => {
	      this.#attempts++;
	      this.#fn(this.#attempts);
	    }, timeout);

	    if (this.#unref) {
	      this.#timer.unref();
	    }

	    return true
	  }

	  attempt (fn) {
	    this.#fn = fn;
	    this.#operationStart = new Date().getTime();
	    this.#fn(this.#attempts);
	  }
	}
	retry = { RetryOperation };
	return retry;
}

var lib$1;
var hasRequiredLib$1;

function requireLib$1 () {
	if (hasRequiredLib$1) return lib$1;
	hasRequiredLib$1 = 1;
	const { RetryOperation } = requireRetry();

	const createTimeout = (attempt, opts) => Math.min(Math.round((1 + (opts.randomize ? Math.random() : 0)) * Math.max(opts.minTimeout, 1) * Math.pow(opts.factor, attempt)), opts.maxTimeout);
	const isRetryError = err => err?.code === 'EPROMISERETRY' && Object.hasOwn(err, 'retried');

	const promiseRetry = async (fn, options = {}) => {
	  let timeouts = [];
	  if (options instanceof Array) {
	    timeouts = [...options];
	  } else {
	    if (options.retries === Infinity) {
	      options.forever = true;
	      delete options.retries;
	    }
	    const opts = {
	      retries: 10,
	      factor: 2,
	      minTimeout: 1 * 1000,
	      maxTimeout: Infinity,
	      randomize: false,
	      ...options
	    };
	    if (opts.minTimeout > opts.maxTimeout) {
	      throw new Error('minTimeout is greater than maxTimeout')
	    }
	    if (opts.retries) {
	      for (let i = 0; i < opts.retries; i++) {
	        timeouts.push(createTimeout(i, opts));
	      }
	      // sort the array numerically ascending (since the timeouts may be out of order at factor < 1)
	      timeouts.sort((a, b) => a - b);
	    } else if (options.forever) {
	      timeouts.push(createTimeout(0, opts));
	    }
	  }

	  const operation = new RetryOperation(timeouts, {
	    forever: options.forever,
	    unref: options.unref,
	    maxRetryTime: options.maxRetryTime
	  });

	  return new Promise(function (resolve, reject) {
	    operation.attempt(async number => {
	      try {
	        const result = await fn(err => {
	          throw Object.assign(new Error('Retrying'), { code: 'EPROMISERETRY', retried: err })
	        }, number, operation);
	        return resolve(result)
	      } catch (err) {
	        if (!isRetryError(err)) {
	          return reject(err)
	        }
	        if (!operation.retry(err.retried || new Error())) {
	          return reject(err.retried)
	        }
	      }
	    });
	  })
	};

	lib$1 = { promiseRetry };
	return lib$1;
}

/**
 * Stands in for `make-fetch-happen` inside sigstore-js (@sigstore/sign), on Node's own fetch.
 * sigstore-js calls it for Fulcio, Rekor and TSA requests with `method`, `headers`, `body` and
 * `timeout` only (it retries by itself and disables make-fetch-happen's retry and cache), and
 * reads `ok`, `status`, `statusText`, `headers.get`, `json()` and `text()` from the answer:
 * all of which a WHATWG fetch gives. make-fetch-happen would bring npm's HTTP cache, proxy
 * agents and socket pools into the bundle for those few requests, and its ESM-only proxy
 * agent cannot be loaded under Jest on Node 20. The bundle and the tests map the module name
 * to this file (rollup.config.js, jest.config.js).
 *
 * CommonJS, as the module it replaces: sigstore-js require()s it.
 */

var sigstoreFetch;
var hasRequiredSigstoreFetch;

function requireSigstoreFetch () {
	if (hasRequiredSigstoreFetch) return sigstoreFetch;
	hasRequiredSigstoreFetch = 1;

	/**
	 * @param {string | URL} url
	 * @param {{ method?: string, headers?: Record<string, string>, body?: string | Uint8Array, timeout?: number }} [options]
	 * @returns {Promise<Response>}
	 */
	function fetchLike(url, options = {}) {
	  const { method = 'GET', headers, body, timeout } = options;
	  return fetch(url, {
	    method,
	    headers,
	    body,
	    // Milliseconds; 0 or absent: none.
	    ...(timeout ? { signal: AbortSignal.timeout(timeout) } : {})
	  })
	}

	sigstoreFetch = fetchLike;
	return sigstoreFetch;
}

var lib;
var hasRequiredLib;

function requireLib () {
	if (hasRequiredLib) return lib;
	hasRequiredLib = 1;
	const META = Symbol('proc-log.meta');
	lib = {
	  META: META,
	  output: {
	    LEVELS: [
	      'standard',
	      'error',
	      'buffer',
	      'flush',
	    ],
	    KEYS: {
	      standard: 'standard',
	      error: 'error',
	      buffer: 'buffer',
	      flush: 'flush',
	    },
	    standard: function (...args) {
	      return process.emit('output', 'standard', ...args)
	    },
	    error: function (...args) {
	      return process.emit('output', 'error', ...args)
	    },
	    buffer: function (...args) {
	      return process.emit('output', 'buffer', ...args)
	    },
	    flush: function (...args) {
	      return process.emit('output', 'flush', ...args)
	    },
	  },
	  log: {
	    LEVELS: [
	      'notice',
	      'error',
	      'warn',
	      'info',
	      'verbose',
	      'http',
	      'silly',
	      'timing',
	      'pause',
	      'resume',
	    ],
	    KEYS: {
	      notice: 'notice',
	      error: 'error',
	      warn: 'warn',
	      info: 'info',
	      verbose: 'verbose',
	      http: 'http',
	      silly: 'silly',
	      timing: 'timing',
	      pause: 'pause',
	      resume: 'resume',
	    },
	    error: function (...args) {
	      return process.emit('log', 'error', ...args)
	    },
	    notice: function (...args) {
	      return process.emit('log', 'notice', ...args)
	    },
	    warn: function (...args) {
	      return process.emit('log', 'warn', ...args)
	    },
	    info: function (...args) {
	      return process.emit('log', 'info', ...args)
	    },
	    verbose: function (...args) {
	      return process.emit('log', 'verbose', ...args)
	    },
	    http: function (...args) {
	      return process.emit('log', 'http', ...args)
	    },
	    silly: function (...args) {
	      return process.emit('log', 'silly', ...args)
	    },
	    timing: function (...args) {
	      return process.emit('log', 'timing', ...args)
	    },
	    pause: function () {
	      return process.emit('log', 'pause')
	    },
	    resume: function () {
	      return process.emit('log', 'resume')
	    },
	  },
	  time: {
	    LEVELS: [
	      'start',
	      'end',
	    ],
	    KEYS: {
	      start: 'start',
	      end: 'end',
	    },
	    start: function (name, fn) {
	      process.emit('time', 'start', name);
	      function end () {
	        return process.emit('time', 'end', name)
	      }
	      if (typeof fn === 'function') {
	        const res = fn();
	        if (res && res.finally) {
	          return res.finally(end)
	        }
	        end();
	        return res
	      }
	      return end
	    },
	    end: function (name) {
	      return process.emit('time', 'end', name)
	    },
	  },
	  input: {
	    LEVELS: [
	      'start',
	      'end',
	      'read',
	    ],
	    KEYS: {
	      start: 'start',
	      end: 'end',
	      read: 'read',
	    },
	    start: function (...args) {
	      // Support callback for backwards compatibility and pass additional args to event
	      let fn;
	      if (typeof args[0] === 'function') {
	        fn = args.shift();
	      }
	      process.emit('input', 'start', ...args);
	      function end () {
	        return process.emit('input', 'end', ...args)
	      }
	      if (typeof fn === 'function') {
	        const res = fn();
	        if (res && res.finally) {
	          return res.finally(end)
	        }
	        end();
	        return res
	      }
	      return end
	    },
	    end: function (...args) {
	      return process.emit('input', 'end', ...args)
	    },
	    read: function (...args) {
	      let resolve, reject;
	      const promise = new Promise((_resolve, _reject) => {
	        resolve = _resolve;
	        reject = _reject;
	      });
	      process.emit('input', 'read', resolve, reject, ...args);
	      return promise
	    },
	  },
	};
	return lib;
}

var hasRequiredFetch;

function requireFetch () {
	if (hasRequiredFetch) return fetch$1;
	hasRequiredFetch = 1;
	var __importDefault = (fetch$1 && fetch$1.__importDefault) || function (mod) {
	    return (mod && mod.__esModule) ? mod : { "default": mod };
	};
	Object.defineProperty(fetch$1, "__esModule", { value: true });
	fetch$1.fetchWithRetry = fetchWithRetry;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const promise_retry_1 = requireLib$1();
	const http2_1 = require$$1$1;
	const make_fetch_happen_1 = __importDefault(requireSigstoreFetch());
	const proc_log_1 = requireLib();
	const util_1 = requireUtil();
	const error_1 = requireError$1();
	const { HTTP2_HEADER_LOCATION, HTTP2_HEADER_CONTENT_TYPE, HTTP2_HEADER_USER_AGENT, HTTP_STATUS_INTERNAL_SERVER_ERROR, HTTP_STATUS_TOO_MANY_REQUESTS, HTTP_STATUS_REQUEST_TIMEOUT, } = http2_1.constants;
	async function fetchWithRetry(url, options) {
	    return (0, promise_retry_1.promiseRetry)(async (retry, attemptNum) => {
	        const method = options.method || 'POST';
	        const headers = {
	            [HTTP2_HEADER_USER_AGENT]: util_1.ua.getUserAgent(),
	            ...options.headers,
	        };
	        const response = await (0, make_fetch_happen_1.default)(url, {
	            method,
	            headers,
	            body: options.body,
	            timeout: options.timeout,
	            retry: false, // We're handling retries ourselves
	        }).catch((reason) => {
	            proc_log_1.log.http('fetch', `${method} ${url} attempt ${attemptNum} failed with ${reason}`);
	            return retry(reason);
	        });
	        if (response.ok) {
	            return response;
	        }
	        else {
	            const error = await errorFromResponse(response);
	            proc_log_1.log.http('fetch', `${method} ${url} attempt ${attemptNum} failed with ${response.status}`);
	            if (retryable(response.status)) {
	                return retry(error);
	            }
	            else {
	                throw error;
	            }
	        }
	    }, retryOpts(options.retry));
	}
	// Translate a Response into an HTTPError instance. This will attempt to parse
	// the response body for a message, but will default to the statusText if none
	// is found.
	const errorFromResponse = async (response) => {
	    let message = response.statusText;
	    const location = response.headers.get(HTTP2_HEADER_LOCATION) || undefined;
	    const contentType = response.headers.get(HTTP2_HEADER_CONTENT_TYPE);
	    // If response type is JSON, try to parse the body for a message
	    if (contentType?.includes('application/json')) {
	        try {
	            const body = await response.json();
	            message = body.message || message;
	        }
	        catch (e) {
	            // ignore
	        }
	    }
	    return new error_1.HTTPError({
	        status: response.status,
	        message: message,
	        location: location,
	    });
	};
	// Determine if a status code is retryable. This includes 5xx errors, 408, and
	// 429.
	const retryable = (status) => [HTTP_STATUS_REQUEST_TIMEOUT, HTTP_STATUS_TOO_MANY_REQUESTS].includes(status) || status >= HTTP_STATUS_INTERNAL_SERVER_ERROR;
	// Normalize the retry options to the format expected by promise-retry
	const retryOpts = (retry) => {
	    if (typeof retry === 'boolean') {
	        return { retries: retry ? 1 : 0 };
	    }
	    else if (typeof retry === 'number') {
	        return { retries: retry };
	    }
	    else {
	        return { retries: 0, ...retry };
	    }
	};
	return fetch$1;
}

var hasRequiredFulcio$1;

function requireFulcio$1 () {
	if (hasRequiredFulcio$1) return fulcio;
	hasRequiredFulcio$1 = 1;
	Object.defineProperty(fulcio, "__esModule", { value: true });
	fulcio.Fulcio = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const fetch_1 = requireFetch();
	/**
	 * Fulcio API client.
	 */
	class Fulcio {
	    options;
	    constructor(options) {
	        this.options = options;
	    }
	    async createSigningCertificate(request) {
	        const { baseURL, retry, timeout } = this.options;
	        const url = `${baseURL}/api/v2/signingCert`;
	        const response = await (0, fetch_1.fetchWithRetry)(url, {
	            headers: {
	                'Content-Type': 'application/json',
	            },
	            body: JSON.stringify(request),
	            timeout,
	            retry,
	        });
	        return response.json();
	    }
	}
	fulcio.Fulcio = Fulcio;
	return fulcio;
}

var hasRequiredCa;

function requireCa () {
	if (hasRequiredCa) return ca;
	hasRequiredCa = 1;
	Object.defineProperty(ca, "__esModule", { value: true });
	ca.CAClient = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const error_1 = requireError();
	const fulcio_1 = requireFulcio$1();
	class CAClient {
	    fulcio;
	    constructor(options) {
	        this.fulcio = new fulcio_1.Fulcio({
	            baseURL: options.fulcioBaseURL,
	            retry: options.retry,
	            timeout: options.timeout,
	        });
	    }
	    async createSigningCertificate(identityToken, publicKey, challenge) {
	        const request = toCertificateRequest(identityToken, publicKey, challenge);
	        try {
	            const resp = await this.fulcio.createSigningCertificate(request);
	            // Account for the fact that the response may contain either a
	            // signedCertificateEmbeddedSct or a signedCertificateDetachedSct.
	            const cert = resp.signedCertificateEmbeddedSct
	                ? resp.signedCertificateEmbeddedSct
	                : resp.signedCertificateDetachedSct;
	            return cert.chain.certificates;
	        }
	        catch (err) {
	            (0, error_1.internalError)(err, 'CA_CREATE_SIGNING_CERTIFICATE_ERROR', 'error creating signing certificate');
	        }
	    }
	}
	ca.CAClient = CAClient;
	function toCertificateRequest(identityToken, publicKey, challenge) {
	    return {
	        credentials: {
	            oidcIdentityToken: identityToken,
	        },
	        publicKeyRequest: {
	            publicKey: {
	                algorithm: 'ECDSA',
	                content: publicKey,
	            },
	            proofOfPossession: challenge.toString('base64'),
	        },
	    };
	}
	return ca;
}

var ephemeral = {};

var hasRequiredEphemeral;

function requireEphemeral () {
	if (hasRequiredEphemeral) return ephemeral;
	hasRequiredEphemeral = 1;
	Object.defineProperty(ephemeral, "__esModule", { value: true });
	ephemeral.EphemeralSigner = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const crypto_1 = require$$0__default;
	const EC_KEYPAIR_TYPE = 'ec';
	const P256_CURVE = 'P-256';
	// Signer implementation which uses an ephemeral keypair to sign artifacts.
	// The private key lives only in memory and is tied to the lifetime of the
	// EphemeralSigner instance.
	class EphemeralSigner {
	    keypair;
	    constructor() {
	        this.keypair = (0, crypto_1.generateKeyPairSync)(EC_KEYPAIR_TYPE, {
	            namedCurve: P256_CURVE,
	        });
	    }
	    async sign(data) {
	        const signature = (0, crypto_1.sign)('sha256', data, this.keypair.privateKey);
	        const publicKey = this.keypair.publicKey
	            .export({ format: 'pem', type: 'spki' })
	            .toString();
	        return {
	            signature: signature,
	            key: { $case: 'publicKey', publicKey },
	        };
	    }
	}
	ephemeral.EphemeralSigner = EphemeralSigner;
	return ephemeral;
}

var hasRequiredFulcio;

function requireFulcio () {
	if (hasRequiredFulcio) return fulcio$1;
	hasRequiredFulcio = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.FulcioSigner = exports.DEFAULT_FULCIO_URL = void 0;
		/*
		Copyright 2023 The Sigstore Authors.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		    http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.
		*/
		const error_1 = requireError();
		const util_1 = requireUtil();
		const ca_1 = requireCa();
		const ephemeral_1 = requireEphemeral();
		exports.DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';
		// Signer implementation which can be used to decorate another signer
		// with a Fulcio-issued signing certificate for the signer's public key.
		// Must be instantiated with an identity provider which can provide a JWT
		// which represents the identity to be bound to the signing certificate.
		class FulcioSigner {
		    ca;
		    identityProvider;
		    keyHolder;
		    constructor(options) {
		        this.ca = new ca_1.CAClient({
		            ...options,
		            fulcioBaseURL: options.fulcioBaseURL || /* istanbul ignore next */ exports.DEFAULT_FULCIO_URL,
		        });
		        this.identityProvider = options.identityProvider;
		        this.keyHolder = options.keyHolder || new ephemeral_1.EphemeralSigner();
		    }
		    async sign(data) {
		        // Retrieve identity token from the supplied identity provider
		        const identityToken = await this.getIdentityToken();
		        // Extract challenge claim from OIDC token
		        let subject;
		        try {
		            subject = util_1.oidc.extractJWTSubject(identityToken);
		        }
		        catch (err) {
		            throw new error_1.InternalError({
		                code: 'IDENTITY_TOKEN_PARSE_ERROR',
		                message: `invalid identity token: ${identityToken}`,
		                cause: err,
		            });
		        }
		        // Construct challenge value by signing the subject claim
		        const challenge = await this.keyHolder.sign(Buffer.from(subject));
		        if (challenge.key.$case !== 'publicKey') {
		            throw new error_1.InternalError({
		                code: 'CA_CREATE_SIGNING_CERTIFICATE_ERROR',
		                message: 'unexpected format for signing key',
		            });
		        }
		        // Create signing certificate
		        const certificates = await this.ca.createSigningCertificate(identityToken, challenge.key.publicKey, challenge.signature);
		        // Generate artifact signature
		        const signature = await this.keyHolder.sign(data);
		        // Specifically returning only the first certificate in the chain
		        // as the key.
		        return {
		            signature: signature.signature,
		            key: {
		                $case: 'x509Certificate',
		                certificate: certificates[0],
		            },
		        };
		    }
		    async getIdentityToken() {
		        try {
		            return await this.identityProvider.getToken();
		        }
		        catch (err) {
		            throw new error_1.InternalError({
		                code: 'IDENTITY_TOKEN_READ_ERROR',
		                message: 'error retrieving identity token',
		                cause: err,
		            });
		        }
		    }
		}
		exports.FulcioSigner = FulcioSigner; 
	} (fulcio$1));
	return fulcio$1;
}

var hasRequiredSigner;

function requireSigner () {
	if (hasRequiredSigner) return signer;
	hasRequiredSigner = 1;
	(function (exports) {
		/* istanbul ignore file */
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.FulcioSigner = exports.DEFAULT_FULCIO_URL = void 0;
		/*
		Copyright 2023 The Sigstore Authors.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		    http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.
		*/
		var fulcio_1 = requireFulcio();
		Object.defineProperty(exports, "DEFAULT_FULCIO_URL", { enumerable: true, get: function () { return fulcio_1.DEFAULT_FULCIO_URL; } });
		Object.defineProperty(exports, "FulcioSigner", { enumerable: true, get: function () { return fulcio_1.FulcioSigner; } }); 
	} (signer));
	return signer;
}

var witness = {};

var tlog = {};

var client$1 = {};

var rekor = {};

var hasRequiredRekor;

function requireRekor () {
	if (hasRequiredRekor) return rekor;
	hasRequiredRekor = 1;
	Object.defineProperty(rekor, "__esModule", { value: true });
	rekor.Rekor = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const fetch_1 = requireFetch();
	/**
	 * Rekor API client.
	 */
	class Rekor {
	    options;
	    constructor(options) {
	        this.options = options;
	    }
	    /**
	     * Create a new entry in the Rekor log.
	     * @param propsedEntry {ProposedEntry} Data to create a new entry
	     * @returns {Promise<Entry>} The created entry
	     */
	    async createEntry(propsedEntry) {
	        const { baseURL, timeout, retry } = this.options;
	        const url = `${baseURL}/api/v1/log/entries`;
	        const response = await (0, fetch_1.fetchWithRetry)(url, {
	            headers: {
	                'Content-Type': 'application/json',
	                Accept: 'application/json',
	            },
	            body: JSON.stringify(propsedEntry),
	            timeout,
	            retry,
	        });
	        const data = await response.json();
	        return entryFromResponse(data);
	    }
	    /**
	     * Get an entry from the Rekor log.
	     * @param uuid {string} The UUID of the entry to retrieve
	     * @returns {Promise<Entry>} The retrieved entry
	     */
	    async getEntry(uuid) {
	        const { baseURL, timeout, retry } = this.options;
	        const url = `${baseURL}/api/v1/log/entries/${uuid}`;
	        const response = await (0, fetch_1.fetchWithRetry)(url, {
	            method: 'GET',
	            headers: {
	                Accept: 'application/json',
	            },
	            timeout,
	            retry,
	        });
	        const data = await response.json();
	        return entryFromResponse(data);
	    }
	}
	rekor.Rekor = Rekor;
	// Unpack the response from the Rekor API into a more convenient format.
	function entryFromResponse(data) {
	    const entries = Object.entries(data);
	    if (entries.length != 1) {
	        throw new Error('Received multiple entries in Rekor response');
	    }
	    // Grab UUID and entry data from the response
	    const [uuid, entry] = entries[0];
	    return {
	        ...entry,
	        uuid,
	    };
	}
	return rekor;
}

var rekorV2 = {};

var v2 = {};

var dsse = {};

var verifier = {};

var hasRequiredVerifier;

function requireVerifier () {
	if (hasRequiredVerifier) return verifier;
	hasRequiredVerifier = 1;
	(function (exports) {
		// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
		// versions:
		//   protoc-gen-ts_proto  v2.12.0
		//   protoc               v7.35.1
		// source: rekor/v2/verifier.proto
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.Signature = exports.Verifier = exports.PublicKey = void 0;
		/* eslint-disable */
		const sigstore_common_1 = requireSigstore_common();
		exports.PublicKey = {
		    fromJSON(object) {
		        return { rawBytes: isSet(object.rawBytes) ? Buffer.from(bytesFromBase64(object.rawBytes)) : Buffer.alloc(0) };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.rawBytes.length !== 0) {
		            obj.rawBytes = base64FromBytes(message.rawBytes);
		        }
		        return obj;
		    },
		};
		exports.Verifier = {
		    fromJSON(object) {
		        return {
		            verifier: isSet(object.publicKey)
		                ? { $case: "publicKey", publicKey: exports.PublicKey.fromJSON(object.publicKey) }
		                : isSet(object.x509Certificate)
		                    ? { $case: "x509Certificate", x509Certificate: sigstore_common_1.X509Certificate.fromJSON(object.x509Certificate) }
		                    : undefined,
		            keyDetails: isSet(object.keyDetails) ? (0, sigstore_common_1.publicKeyDetailsFromJSON)(object.keyDetails) : 0,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.verifier?.$case === "publicKey") {
		            obj.publicKey = exports.PublicKey.toJSON(message.verifier.publicKey);
		        }
		        else if (message.verifier?.$case === "x509Certificate") {
		            obj.x509Certificate = sigstore_common_1.X509Certificate.toJSON(message.verifier.x509Certificate);
		        }
		        if (message.keyDetails !== 0) {
		            obj.keyDetails = (0, sigstore_common_1.publicKeyDetailsToJSON)(message.keyDetails);
		        }
		        return obj;
		    },
		};
		exports.Signature = {
		    fromJSON(object) {
		        return {
		            content: isSet(object.content) ? Buffer.from(bytesFromBase64(object.content)) : Buffer.alloc(0),
		            verifier: isSet(object.verifier) ? exports.Verifier.fromJSON(object.verifier) : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.content.length !== 0) {
		            obj.content = base64FromBytes(message.content);
		        }
		        if (message.verifier !== undefined) {
		            obj.verifier = exports.Verifier.toJSON(message.verifier);
		        }
		        return obj;
		    },
		};
		function bytesFromBase64(b64) {
		    return Uint8Array.from(globalThis.Buffer.from(b64, "base64"));
		}
		function base64FromBytes(arr) {
		    return globalThis.Buffer.from(arr).toString("base64");
		}
		function isSet(value) {
		    return value !== null && value !== undefined;
		} 
	} (verifier));
	return verifier;
}

var hasRequiredDsse;

function requireDsse () {
	if (hasRequiredDsse) return dsse;
	hasRequiredDsse = 1;
	// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
	// versions:
	//   protoc-gen-ts_proto  v2.12.0
	//   protoc               v7.35.1
	// source: rekor/v2/dsse.proto
	Object.defineProperty(dsse, "__esModule", { value: true });
	dsse.DSSELogEntryV002 = dsse.DSSERequestV002 = void 0;
	/* eslint-disable */
	const envelope_1 = requireEnvelope();
	const sigstore_common_1 = requireSigstore_common();
	const verifier_1 = requireVerifier();
	dsse.DSSERequestV002 = {
	    fromJSON(object) {
	        return {
	            envelope: isSet(object.envelope) ? envelope_1.Envelope.fromJSON(object.envelope) : undefined,
	            verifiers: globalThis.Array.isArray(object?.verifiers)
	                ? object.verifiers.map((e) => verifier_1.Verifier.fromJSON(e))
	                : [],
	        };
	    },
	    toJSON(message) {
	        const obj = {};
	        if (message.envelope !== undefined) {
	            obj.envelope = envelope_1.Envelope.toJSON(message.envelope);
	        }
	        if (message.verifiers?.length) {
	            obj.verifiers = message.verifiers.map((e) => verifier_1.Verifier.toJSON(e));
	        }
	        return obj;
	    },
	};
	dsse.DSSELogEntryV002 = {
	    fromJSON(object) {
	        return {
	            payloadHash: isSet(object.payloadHash) ? sigstore_common_1.HashOutput.fromJSON(object.payloadHash) : undefined,
	            signatures: globalThis.Array.isArray(object?.signatures)
	                ? object.signatures.map((e) => verifier_1.Signature.fromJSON(e))
	                : [],
	        };
	    },
	    toJSON(message) {
	        const obj = {};
	        if (message.payloadHash !== undefined) {
	            obj.payloadHash = sigstore_common_1.HashOutput.toJSON(message.payloadHash);
	        }
	        if (message.signatures?.length) {
	            obj.signatures = message.signatures.map((e) => verifier_1.Signature.toJSON(e));
	        }
	        return obj;
	    },
	};
	function isSet(value) {
	    return value !== null && value !== undefined;
	}
	return dsse;
}

var entry$1 = {};

var hashedrekord = {};

var hasRequiredHashedrekord;

function requireHashedrekord () {
	if (hasRequiredHashedrekord) return hashedrekord;
	hasRequiredHashedrekord = 1;
	// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
	// versions:
	//   protoc-gen-ts_proto  v2.12.0
	//   protoc               v7.35.1
	// source: rekor/v2/hashedrekord.proto
	Object.defineProperty(hashedrekord, "__esModule", { value: true });
	hashedrekord.HashedRekordLogEntryV002 = hashedrekord.HashedRekordRequestV002 = void 0;
	/* eslint-disable */
	const sigstore_common_1 = requireSigstore_common();
	const verifier_1 = requireVerifier();
	hashedrekord.HashedRekordRequestV002 = {
	    fromJSON(object) {
	        return {
	            digest: isSet(object.digest) ? Buffer.from(bytesFromBase64(object.digest)) : Buffer.alloc(0),
	            signature: isSet(object.signature) ? verifier_1.Signature.fromJSON(object.signature) : undefined,
	        };
	    },
	    toJSON(message) {
	        const obj = {};
	        if (message.digest.length !== 0) {
	            obj.digest = base64FromBytes(message.digest);
	        }
	        if (message.signature !== undefined) {
	            obj.signature = verifier_1.Signature.toJSON(message.signature);
	        }
	        return obj;
	    },
	};
	hashedrekord.HashedRekordLogEntryV002 = {
	    fromJSON(object) {
	        return {
	            data: isSet(object.data) ? sigstore_common_1.HashOutput.fromJSON(object.data) : undefined,
	            signature: isSet(object.signature) ? verifier_1.Signature.fromJSON(object.signature) : undefined,
	        };
	    },
	    toJSON(message) {
	        const obj = {};
	        if (message.data !== undefined) {
	            obj.data = sigstore_common_1.HashOutput.toJSON(message.data);
	        }
	        if (message.signature !== undefined) {
	            obj.signature = verifier_1.Signature.toJSON(message.signature);
	        }
	        return obj;
	    },
	};
	function bytesFromBase64(b64) {
	    return Uint8Array.from(globalThis.Buffer.from(b64, "base64"));
	}
	function base64FromBytes(arr) {
	    return globalThis.Buffer.from(arr).toString("base64");
	}
	function isSet(value) {
	    return value !== null && value !== undefined;
	}
	return hashedrekord;
}

var hasRequiredEntry$1;

function requireEntry$1 () {
	if (hasRequiredEntry$1) return entry$1;
	hasRequiredEntry$1 = 1;
	(function (exports) {
		// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
		// versions:
		//   protoc-gen-ts_proto  v2.12.0
		//   protoc               v7.35.1
		// source: rekor/v2/entry.proto
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.CreateEntryRequest = exports.Spec = exports.Entry = void 0;
		/* eslint-disable */
		const dsse_1 = requireDsse();
		const hashedrekord_1 = requireHashedrekord();
		exports.Entry = {
		    fromJSON(object) {
		        return {
		            kind: isSet(object.kind) ? globalThis.String(object.kind) : "",
		            apiVersion: isSet(object.apiVersion) ? globalThis.String(object.apiVersion) : "",
		            spec: isSet(object.spec) ? exports.Spec.fromJSON(object.spec) : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.kind !== "") {
		            obj.kind = message.kind;
		        }
		        if (message.apiVersion !== "") {
		            obj.apiVersion = message.apiVersion;
		        }
		        if (message.spec !== undefined) {
		            obj.spec = exports.Spec.toJSON(message.spec);
		        }
		        return obj;
		    },
		};
		exports.Spec = {
		    fromJSON(object) {
		        return {
		            spec: isSet(object.hashedRekordV002)
		                ? { $case: "hashedRekordV002", hashedRekordV002: hashedrekord_1.HashedRekordLogEntryV002.fromJSON(object.hashedRekordV002) }
		                : isSet(object.dsseV002)
		                    ? { $case: "dsseV002", dsseV002: dsse_1.DSSELogEntryV002.fromJSON(object.dsseV002) }
		                    : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.spec?.$case === "hashedRekordV002") {
		            obj.hashedRekordV002 = hashedrekord_1.HashedRekordLogEntryV002.toJSON(message.spec.hashedRekordV002);
		        }
		        else if (message.spec?.$case === "dsseV002") {
		            obj.dsseV002 = dsse_1.DSSELogEntryV002.toJSON(message.spec.dsseV002);
		        }
		        return obj;
		    },
		};
		exports.CreateEntryRequest = {
		    fromJSON(object) {
		        return {
		            spec: isSet(object.hashedRekordRequestV002)
		                ? {
		                    $case: "hashedRekordRequestV002",
		                    hashedRekordRequestV002: hashedrekord_1.HashedRekordRequestV002.fromJSON(object.hashedRekordRequestV002),
		                }
		                : isSet(object.dsseRequestV002)
		                    ? { $case: "dsseRequestV002", dsseRequestV002: dsse_1.DSSERequestV002.fromJSON(object.dsseRequestV002) }
		                    : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.spec?.$case === "hashedRekordRequestV002") {
		            obj.hashedRekordRequestV002 = hashedrekord_1.HashedRekordRequestV002.toJSON(message.spec.hashedRekordRequestV002);
		        }
		        else if (message.spec?.$case === "dsseRequestV002") {
		            obj.dsseRequestV002 = dsse_1.DSSERequestV002.toJSON(message.spec.dsseRequestV002);
		        }
		        return obj;
		    },
		};
		function isSet(value) {
		    return value !== null && value !== undefined;
		} 
	} (entry$1));
	return entry$1;
}

var hasRequiredV2;

function requireV2 () {
	if (hasRequiredV2) return v2;
	hasRequiredV2 = 1;
	(function (exports) {
		var __createBinding = (v2 && v2.__createBinding) || (Object.create ? (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    var desc = Object.getOwnPropertyDescriptor(m, k);
		    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
		      desc = { enumerable: true, get: function() { return m[k]; } };
		    }
		    Object.defineProperty(o, k2, desc);
		}) : (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    o[k2] = m[k];
		}));
		var __exportStar = (v2 && v2.__exportStar) || function(m, exports) {
		    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
		};
		Object.defineProperty(exports, "__esModule", { value: true });
		/*
		Copyright 2025 The Sigstore Authors.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		    http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.
		*/
		__exportStar(requireDsse(), exports);
		__exportStar(requireEntry$1(), exports);
		__exportStar(requireHashedrekord(), exports);
		__exportStar(requireVerifier(), exports); 
	} (v2));
	return v2;
}

var hasRequiredRekorV2;

function requireRekorV2 () {
	if (hasRequiredRekorV2) return rekorV2;
	hasRequiredRekorV2 = 1;
	Object.defineProperty(rekorV2, "__esModule", { value: true });
	rekorV2.RekorV2 = void 0;
	/*
	Copyright 2025 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const fetch_1 = requireFetch();
	const protobuf_specs_1 = requireDist$3();
	const v2_1 = requireV2();
	/**
	 * Rekor API client.
	 */
	class RekorV2 {
	    options;
	    constructor(options) {
	        this.options = options;
	    }
	    async createEntry(proposedEntry) {
	        const { baseURL, timeout, retry } = this.options;
	        const url = `${baseURL}/api/v2/log/entries`;
	        const response = await (0, fetch_1.fetchWithRetry)(url, {
	            headers: {
	                'Content-Type': 'application/json',
	                Accept: 'application/json',
	            },
	            body: JSON.stringify(v2_1.CreateEntryRequest.toJSON(proposedEntry)),
	            timeout,
	            retry,
	        });
	        return response.json().then((data) => protobuf_specs_1.TransparencyLogEntry.fromJSON(data));
	    }
	}
	rekorV2.RekorV2 = RekorV2;
	return rekorV2;
}

var hasRequiredClient$1;

function requireClient$1 () {
	if (hasRequiredClient$1) return client$1;
	hasRequiredClient$1 = 1;
	Object.defineProperty(client$1, "__esModule", { value: true });
	client$1.TLogV2Client = client$1.TLogClient = void 0;
	/*
	Copyright 2025 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const error_1 = requireError();
	const error_2 = requireError$1();
	const rekor_1 = requireRekor();
	const rekor_v2_1 = requireRekorV2();
	class TLogClient {
	    rekor;
	    fetchOnConflict;
	    constructor(options) {
	        this.fetchOnConflict = options.fetchOnConflict ?? true;
	        this.rekor = new rekor_1.Rekor({
	            baseURL: options.rekorBaseURL,
	            retry: options.retry,
	            timeout: options.timeout,
	        });
	    }
	    async createEntry(proposedEntry) {
	        let entry;
	        try {
	            entry = await this.rekor.createEntry(proposedEntry);
	        }
	        catch (err) {
	            // If the entry already exists, fetch it (if enabled)
	            if (entryExistsError(err) && this.fetchOnConflict) {
	                // Grab the UUID of the existing entry from the location header
	                /* istanbul ignore next */
	                const uuid = err.location.split('/').pop() || '';
	                try {
	                    entry = await this.rekor.getEntry(uuid);
	                }
	                catch (err) {
	                    (0, error_1.internalError)(err, 'TLOG_FETCH_ENTRY_ERROR', 'error fetching tlog entry');
	                }
	            }
	            else {
	                (0, error_1.internalError)(err, 'TLOG_CREATE_ENTRY_ERROR', 'error creating tlog entry');
	            }
	        }
	        return entry;
	    }
	}
	client$1.TLogClient = TLogClient;
	function entryExistsError(value) {
	    return (value instanceof error_2.HTTPError &&
	        value.statusCode === 409 &&
	        value.location !== undefined);
	}
	class TLogV2Client {
	    rekor;
	    constructor(options) {
	        this.rekor = new rekor_v2_1.RekorV2({
	            baseURL: options.rekorBaseURL,
	            retry: options.retry,
	            timeout: options.timeout,
	        });
	    }
	    async createEntry(createEntryRequest) {
	        let entry;
	        try {
	            entry = await this.rekor.createEntry(createEntryRequest);
	        }
	        catch (err) {
	            (0, error_1.internalError)(err, 'TLOG_CREATE_ENTRY_ERROR', 'error creating tlog entry');
	        }
	        if (entry.logId === undefined || entry.kindVersion === undefined) {
	            (0, error_1.internalError)(new Error('invalid tlog entry'), 'TLOG_CREATE_ENTRY_ERROR', 'error creating tlog entry');
	        }
	        return {
	            ...entry,
	            logId: entry.logId,
	            kindVersion: entry.kindVersion,
	        };
	    }
	}
	client$1.TLogV2Client = TLogV2Client;
	return client$1;
}

var entry = {};

var hasRequiredEntry;

function requireEntry () {
	if (hasRequiredEntry) return entry;
	hasRequiredEntry = 1;
	Object.defineProperty(entry, "__esModule", { value: true });
	entry.toProposedEntry = toProposedEntry;
	entry.toCreateEntryRequest = toCreateEntryRequest;
	/*
	Copyright 2025 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const bundle_1 = requireDist$2();
	const protobuf_specs_1 = requireDist$3();
	const util_1 = requireUtil();
	const SHA256_ALGORITHM = 'sha256';
	function toProposedEntry(content, publicKey, 
	// TODO: Remove this parameter once have completely switched to 'dsse' entries
	entryType = 'dsse') {
	    switch (content.$case) {
	        case 'dsseEnvelope':
	            // TODO: Remove this conditional once have completely ditched "intoto" entries
	            if (entryType === 'intoto') {
	                return toProposedIntotoEntry(content.dsseEnvelope, publicKey);
	            }
	            return toProposedDSSEEntry(content.dsseEnvelope, publicKey);
	        case 'messageSignature':
	            return toProposedHashedRekordEntry(content.messageSignature, publicKey);
	    }
	}
	// Returns a properly formatted Rekor "hashedrekord" entry for the given digest
	// and signature
	function toProposedHashedRekordEntry(messageSignature, publicKey) {
	    const hexDigest = messageSignature.messageDigest.digest.toString('hex');
	    const b64Signature = messageSignature.signature.toString('base64');
	    const b64Key = util_1.encoding.base64Encode(publicKey);
	    return {
	        apiVersion: '0.0.1',
	        kind: 'hashedrekord',
	        spec: {
	            data: {
	                hash: {
	                    algorithm: SHA256_ALGORITHM,
	                    value: hexDigest,
	                },
	            },
	            signature: {
	                content: b64Signature,
	                publicKey: {
	                    content: b64Key,
	                },
	            },
	        },
	    };
	}
	// Returns a properly formatted Rekor "dsse" entry for the given DSSE envelope
	// and signature
	function toProposedDSSEEntry(envelope, publicKey) {
	    const envelopeJSON = JSON.stringify((0, bundle_1.envelopeToJSON)(envelope));
	    const encodedKey = util_1.encoding.base64Encode(publicKey);
	    return {
	        apiVersion: '0.0.1',
	        kind: 'dsse',
	        spec: {
	            proposedContent: {
	                envelope: envelopeJSON,
	                verifiers: [encodedKey],
	            },
	        },
	    };
	}
	// Returns a properly formatted Rekor "intoto" entry for the given DSSE
	// envelope and signature
	function toProposedIntotoEntry(envelope, publicKey) {
	    // Calculate the value for the payloadHash field in the Rekor entry
	    const payloadHash = util_1.crypto
	        .digest(SHA256_ALGORITHM, envelope.payload)
	        .toString('hex');
	    // Calculate the value for the hash field in the Rekor entry
	    const envelopeHash = calculateDSSEHash(envelope, publicKey);
	    // Collect values for re-creating the DSSE envelope.
	    // Double-encode payload and signature cause that's what Rekor expects
	    const payload = util_1.encoding.base64Encode(envelope.payload.toString('base64'));
	    const sig = util_1.encoding.base64Encode(envelope.signatures[0].sig.toString('base64'));
	    const keyid = envelope.signatures[0].keyid;
	    const encodedKey = util_1.encoding.base64Encode(publicKey);
	    // Create the envelope portion of the entry. Note the inclusion of the
	    // publicKey in the signature struct is not a standard part of a DSSE
	    // envelope, but is required by Rekor.
	    const dsse = {
	        payloadType: envelope.payloadType,
	        payload: payload,
	        signatures: [{ sig, publicKey: encodedKey }],
	    };
	    // If the keyid is an empty string, Rekor seems to remove it altogether. We
	    // need to do the same here so that we can properly recreate the entry for
	    // verification.
	    if (keyid.length > 0) {
	        dsse.signatures[0].keyid = keyid;
	    }
	    return {
	        apiVersion: '0.0.2',
	        kind: 'intoto',
	        spec: {
	            content: {
	                envelope: dsse,
	                hash: { algorithm: SHA256_ALGORITHM, value: envelopeHash },
	                payloadHash: { algorithm: SHA256_ALGORITHM, value: payloadHash },
	            },
	        },
	    };
	}
	// Calculates the hash of a DSSE envelope for inclusion in a Rekor entry.
	// There is no standard way to do this, so the scheme we're using as as
	// follows:
	//  * payload is base64 encoded
	//  * signature is base64 encoded (only the first signature is used)
	//  * keyid is included ONLY if it is NOT an empty string
	//  * The resulting JSON is canonicalized and hashed to a hex string
	function calculateDSSEHash(envelope, publicKey) {
	    const dsse = {
	        payloadType: envelope.payloadType,
	        payload: envelope.payload.toString('base64'),
	        signatures: [
	            { sig: envelope.signatures[0].sig.toString('base64'), publicKey },
	        ],
	    };
	    // If the keyid is an empty string, Rekor seems to remove it altogether.
	    if (envelope.signatures[0].keyid.length > 0) {
	        dsse.signatures[0].keyid = envelope.signatures[0].keyid;
	    }
	    return util_1.crypto
	        .digest(SHA256_ALGORITHM, util_1.json.canonicalize(dsse))
	        .toString('hex');
	}
	function toCreateEntryRequest(content, publicKey) {
	    switch (content.$case) {
	        case 'dsseEnvelope':
	            return toCreateEntryRequestDSSE(content.dsseEnvelope, publicKey);
	        case 'messageSignature':
	            return toCreateEntryRequestMessageSignature(content.messageSignature, publicKey);
	    }
	}
	function toCreateEntryRequestDSSE(envelope, publicKey) {
	    return {
	        spec: {
	            $case: 'dsseRequestV002',
	            dsseRequestV002: {
	                envelope: envelope,
	                verifiers: [
	                    {
	                        // TODO: We need to add support of passing the key details in the
	                        // signature bundle. For now we're hardcoding the key details here.
	                        keyDetails: protobuf_specs_1.PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
	                        verifier: {
	                            $case: 'x509Certificate',
	                            x509Certificate: {
	                                rawBytes: util_1.pem.toDER(publicKey),
	                            },
	                        },
	                    },
	                ],
	            },
	        },
	    };
	}
	function toCreateEntryRequestMessageSignature(messageSignature, publicKey) {
	    return {
	        spec: {
	            $case: 'hashedRekordRequestV002',
	            hashedRekordRequestV002: {
	                digest: messageSignature.messageDigest.digest,
	                signature: {
	                    content: messageSignature.signature,
	                    verifier: {
	                        // TODO: We need to add support of passing the key details in the
	                        // signature bundle. For now we're hardcoding the key details here.
	                        keyDetails: protobuf_specs_1.PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
	                        verifier: {
	                            $case: 'x509Certificate',
	                            x509Certificate: {
	                                rawBytes: util_1.pem.toDER(publicKey),
	                            },
	                        },
	                    },
	                },
	            },
	        },
	    };
	}
	return entry;
}

var hasRequiredTlog;

function requireTlog () {
	if (hasRequiredTlog) return tlog;
	hasRequiredTlog = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.RekorWitness = exports.DEFAULT_REKOR_URL = void 0;
		/*
		Copyright 2025 The Sigstore Authors.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		    http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.
		*/
		const util_1 = requireUtil();
		const client_1 = requireClient$1();
		const entry_1 = requireEntry();
		exports.DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';
		class RekorWitness {
		    tlogV1;
		    tlogV2;
		    entryType;
		    majorApiVersion;
		    constructor(options) {
		        this.entryType = options.entryType;
		        this.majorApiVersion = options.majorApiVersion || 1;
		        this.tlogV1 = new client_1.TLogClient({
		            ...options,
		            rekorBaseURL: options.rekorBaseURL || /* istanbul ignore next */ exports.DEFAULT_REKOR_URL,
		        });
		        this.tlogV2 = new client_1.TLogV2Client({
		            ...options,
		            rekorBaseURL: options.rekorBaseURL || /* istanbul ignore next */ exports.DEFAULT_REKOR_URL,
		        });
		    }
		    async testify(content, publicKey) {
		        let tlogEntry;
		        if (this.majorApiVersion === 2) {
		            const request = (0, entry_1.toCreateEntryRequest)(content, publicKey);
		            tlogEntry = await this.tlogV2.createEntry(request);
		        }
		        else {
		            const proposedEntry = (0, entry_1.toProposedEntry)(content, publicKey, this.entryType);
		            const entry = await this.tlogV1.createEntry(proposedEntry);
		            tlogEntry = toTransparencyLogEntry(entry);
		        }
		        return { tlogEntries: [tlogEntry] };
		    }
		}
		exports.RekorWitness = RekorWitness;
		function toTransparencyLogEntry(entry) {
		    const logID = Buffer.from(entry.logID, 'hex');
		    // Parse entry body so we can extract the kind and version.
		    const bodyJSON = util_1.encoding.base64Decode(entry.body);
		    const entryBody = JSON.parse(bodyJSON);
		    const promise = entry?.verification?.signedEntryTimestamp
		        ? inclusionPromise(entry.verification.signedEntryTimestamp)
		        : undefined;
		    const proof = entry?.verification?.inclusionProof
		        ? inclusionProof(entry.verification.inclusionProof)
		        : undefined;
		    const tlogEntry = {
		        logIndex: entry.logIndex.toString(),
		        logId: {
		            keyId: logID,
		        },
		        integratedTime: entry.integratedTime.toString(),
		        kindVersion: {
		            kind: entryBody.kind,
		            version: entryBody.apiVersion,
		        },
		        inclusionPromise: promise,
		        inclusionProof: proof,
		        canonicalizedBody: Buffer.from(entry.body, 'base64'),
		    };
		    return tlogEntry;
		}
		function inclusionPromise(promise) {
		    return {
		        signedEntryTimestamp: Buffer.from(promise, 'base64'),
		    };
		}
		function inclusionProof(proof) {
		    return {
		        logIndex: proof.logIndex.toString(),
		        treeSize: proof.treeSize.toString(),
		        rootHash: Buffer.from(proof.rootHash, 'hex'),
		        hashes: proof.hashes.map((h) => Buffer.from(h, 'hex')),
		        checkpoint: {
		            envelope: proof.checkpoint,
		        },
		    };
		} 
	} (tlog));
	return tlog;
}

var tsa$1 = {};

var client = {};

var tsa = {};

var hasRequiredTsa$1;

function requireTsa$1 () {
	if (hasRequiredTsa$1) return tsa;
	hasRequiredTsa$1 = 1;
	Object.defineProperty(tsa, "__esModule", { value: true });
	tsa.TimestampAuthority = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const fetch_1 = requireFetch();
	class TimestampAuthority {
	    options;
	    constructor(options) {
	        this.options = options;
	    }
	    async createTimestamp(request) {
	        const { baseURL, timeout, retry } = this.options;
	        // Account for the fact that the TSA URL may already include the full
	        // path if the client was initalized from a `SigningConfig` service entry
	        // (which always uses the full URL).
	        const url = new URL(baseURL).pathname === '/'
	            ? `${baseURL}/api/v1/timestamp`
	            : baseURL;
	        const response = await (0, fetch_1.fetchWithRetry)(url, {
	            headers: {
	                'Content-Type': 'application/json',
	            },
	            body: JSON.stringify(request),
	            timeout,
	            retry,
	        });
	        return response.buffer();
	    }
	}
	tsa.TimestampAuthority = TimestampAuthority;
	return tsa;
}

var hasRequiredClient;

function requireClient () {
	if (hasRequiredClient) return client;
	hasRequiredClient = 1;
	Object.defineProperty(client, "__esModule", { value: true });
	client.TSAClient = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const error_1 = requireError();
	const tsa_1 = requireTsa$1();
	const util_1 = requireUtil();
	const SHA256_ALGORITHM = 'sha256';
	class TSAClient {
	    tsa;
	    constructor(options) {
	        this.tsa = new tsa_1.TimestampAuthority({
	            baseURL: options.tsaBaseURL,
	            retry: options.retry,
	            timeout: options.timeout,
	        });
	    }
	    async createTimestamp(signature) {
	        const request = {
	            artifactHash: util_1.crypto
	                .digest(SHA256_ALGORITHM, signature)
	                .toString('base64'),
	            hashAlgorithm: SHA256_ALGORITHM,
	        };
	        try {
	            return await this.tsa.createTimestamp(request);
	        }
	        catch (err) {
	            (0, error_1.internalError)(err, 'TSA_CREATE_TIMESTAMP_ERROR', 'error creating timestamp');
	        }
	    }
	}
	client.TSAClient = TSAClient;
	return client;
}

var hasRequiredTsa;

function requireTsa () {
	if (hasRequiredTsa) return tsa$1;
	hasRequiredTsa = 1;
	Object.defineProperty(tsa$1, "__esModule", { value: true });
	tsa$1.TSAWitness = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const client_1 = requireClient();
	class TSAWitness {
	    tsa;
	    constructor(options) {
	        this.tsa = new client_1.TSAClient({
	            tsaBaseURL: options.tsaBaseURL,
	            retry: options.retry,
	            timeout: options.timeout,
	        });
	    }
	    async testify(content) {
	        const signature = extractSignature(content);
	        const timestamp = await this.tsa.createTimestamp(signature);
	        return {
	            rfc3161Timestamps: [{ signedTimestamp: timestamp }],
	        };
	    }
	}
	tsa$1.TSAWitness = TSAWitness;
	function extractSignature(content) {
	    switch (content.$case) {
	        case 'dsseEnvelope':
	            return content.dsseEnvelope.signatures[0].sig;
	        case 'messageSignature':
	            return content.messageSignature.signature;
	    }
	}
	return tsa$1;
}

var hasRequiredWitness;

function requireWitness () {
	if (hasRequiredWitness) return witness;
	hasRequiredWitness = 1;
	(function (exports) {
		/* istanbul ignore file */
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.TSAWitness = exports.RekorWitness = exports.DEFAULT_REKOR_URL = void 0;
		/*
		Copyright 2023 The Sigstore Authors.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		    http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.
		*/
		var tlog_1 = requireTlog();
		Object.defineProperty(exports, "DEFAULT_REKOR_URL", { enumerable: true, get: function () { return tlog_1.DEFAULT_REKOR_URL; } });
		Object.defineProperty(exports, "RekorWitness", { enumerable: true, get: function () { return tlog_1.RekorWitness; } });
		var tsa_1 = requireTsa();
		Object.defineProperty(exports, "TSAWitness", { enumerable: true, get: function () { return tsa_1.TSAWitness; } }); 
	} (witness));
	return witness;
}

var hasRequiredConfig;

function requireConfig () {
	if (hasRequiredConfig) return config;
	hasRequiredConfig = 1;
	Object.defineProperty(config, "__esModule", { value: true });
	config.bundleBuilderFromSigningConfig = bundleBuilderFromSigningConfig;
	/*
	Copyright 2025 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const protobuf_specs_1 = requireDist$3();
	const dsse_1 = requireDsse$1();
	const message_1 = requireMessage();
	const signer_1 = requireSigner();
	const witness_1 = requireWitness();
	const MAX_CA_API_VERSION = 1;
	const MAX_TLOG_API_VERSION = 2;
	const MAX_TSA_API_VERSION = 1;
	const DEFAULT_TIMEOUT = 5000;
	const DEFAULT_REKORV2_TIMEOUT = 20000;
	const DEFAULT_RETRY = { retries: 2 };
	// Creates a BundleBuilder based on the provided SigningConfig
	function bundleBuilderFromSigningConfig(options) {
	    const { signingConfig, identityProvider, bundleType } = options;
	    const fetchOptions = options.fetchOptions || {
	        timeout: DEFAULT_TIMEOUT,
	        retry: DEFAULT_RETRY,
	    };
	    const signer = fulcioSignerFromConfig(signingConfig, identityProvider, fetchOptions);
	    const witnesses = witnessesFromConfig(signingConfig, fetchOptions);
	    switch (bundleType) {
	        case 'messageSignature':
	            return new message_1.MessageSignatureBundleBuilder({ signer, witnesses });
	        case 'dsseEnvelope':
	            return new dsse_1.DSSEBundleBuilder({ signer, witnesses });
	    }
	}
	function fulcioSignerFromConfig(signingConfig, identityProvider, fetchOptions) {
	    const service = certAuthorityService(signingConfig);
	    return new signer_1.FulcioSigner({
	        fulcioBaseURL: service.url,
	        identityProvider: identityProvider,
	        timeout: fetchOptions.timeout,
	        retry: fetchOptions.retry,
	    });
	}
	function witnessesFromConfig(signingConfig, fetchOptions) {
	    const witnesses = [];
	    if (signingConfig.rekorTlogConfig) {
	        if (signingConfig.rekorTlogConfig.selector !== protobuf_specs_1.ServiceSelector.ANY) {
	            throw new Error('Unsupported Rekor TLog selector in signing configuration');
	        }
	        const tlog = tlogService(signingConfig);
	        witnesses.push(new witness_1.RekorWitness({
	            rekorBaseURL: tlog.url,
	            majorApiVersion: tlog.majorApiVersion,
	            retry: fetchOptions.retry,
	            timeout: 
	            // Ensure Rekor V2 has at least a 20 second timeout
	            tlog.majorApiVersion === 1
	                ? fetchOptions.timeout
	                : Math.min(fetchOptions.timeout ||
	                    /* istanbul ignore next */ DEFAULT_TIMEOUT, DEFAULT_REKORV2_TIMEOUT),
	        }));
	    }
	    if (signingConfig.tsaConfig) {
	        if (signingConfig.tsaConfig.selector !== protobuf_specs_1.ServiceSelector.ANY) {
	            throw new Error('Unsupported TSA selector in signing configuration');
	        }
	        const tsa = tsaService(signingConfig);
	        witnesses.push(new witness_1.TSAWitness({
	            tsaBaseURL: tsa.url,
	            retry: fetchOptions.retry,
	            timeout: fetchOptions.timeout,
	        }));
	    }
	    return witnesses;
	}
	// Returns the first valid CA service from the signing configuration
	function certAuthorityService(signingConfig) {
	    const compatibleCAs = filterServicesByMaxAPIVersion(signingConfig.caUrls, MAX_CA_API_VERSION);
	    const sortedCAs = sortServicesByStartDate(compatibleCAs);
	    if (sortedCAs.length === 0) {
	        throw new Error('No valid CA services found in signing configuration');
	    }
	    return sortedCAs[0];
	}
	// Returns the first valid TLog service from the signing configuration
	function tlogService(signingConfig) {
	    const compatibleTLogs = filterServicesByMaxAPIVersion(signingConfig.rekorTlogUrls, MAX_TLOG_API_VERSION);
	    const sortedTLogs = sortServicesByStartDate(compatibleTLogs);
	    if (sortedTLogs.length === 0) {
	        throw new Error('No valid TLogs found in signing configuration');
	    }
	    return sortedTLogs[0];
	}
	// Returns the first valid TSA service from the signing configuration
	function tsaService(signingConfig) {
	    const compatibleTSAs = filterServicesByMaxAPIVersion(signingConfig.tsaUrls, MAX_TSA_API_VERSION);
	    const sortedTSAs = sortServicesByStartDate(compatibleTSAs);
	    if (sortedTSAs.length === 0) {
	        throw new Error('No valid TSAs found in signing configuration');
	    }
	    return sortedTSAs[0];
	}
	// Returns the services sorted by start date (most recent first), filtering out
	// any services that have an end date in the past
	function sortServicesByStartDate(services) {
	    const now = new Date();
	    // Filter out any services that have an end date in the past
	    const validServices = services.filter((service) => {
	        // If there's no end date, the service is still valid
	        if (!service.validFor?.end) {
	            return true;
	        }
	        // Keep services whose end date is in the future or present
	        return service.validFor.end >= now;
	    });
	    return validServices.sort((a, b) => {
	        /* istanbul ignore next */
	        const aStart = a.validFor?.start?.getTime() ?? 0;
	        /* istanbul ignore next */
	        const bStart = b.validFor?.start?.getTime() ?? 0;
	        // Sort descending (most recent first)
	        return bStart - aStart;
	    });
	}
	// Returns a filtered list of services whose major API version is less than or
	// equal to the specified version
	function filterServicesByMaxAPIVersion(services, apiVersion) {
	    // Filter out any services with a major API version greater than the specified version
	    return services.filter((service) => {
	        return service.majorApiVersion <= apiVersion;
	    });
	}
	return config;
}

var identity = {};

var ci = {};

var hasRequiredCi;

function requireCi () {
	if (hasRequiredCi) return ci;
	hasRequiredCi = 1;
	var __importDefault = (ci && ci.__importDefault) || function (mod) {
	    return (mod && mod.__esModule) ? mod : { "default": mod };
	};
	Object.defineProperty(ci, "__esModule", { value: true });
	ci.CIContextProvider = void 0;
	/*
	Copyright 2023 The Sigstore Authors.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	    http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.
	*/
	const make_fetch_happen_1 = __importDefault(requireSigstoreFetch());
	const node_child_process_1 = require$$1$2;
	// Collection of all the CI-specific providers we have implemented
	const providers = [getGHAToken, getBuildkiteToken, getEnv];
	/**
	 * CIContextProvider is a composite identity provider which will iterate
	 * over all of the CI-specific providers and return the token from the first
	 * one that resolves.
	 */
	class CIContextProvider {
	    audience;
	    /* istanbul ignore next */
	    constructor(audience = 'sigstore') {
	        this.audience = audience;
	    }
	    // Invoke all registered ProviderFuncs and return the value of whichever one
	    // resolves first.
	    async getToken() {
	        return Promise.any(providers.map((getToken) => getToken(this.audience))).catch(() => Promise.reject('CI: no tokens available'));
	    }
	}
	ci.CIContextProvider = CIContextProvider;
	/**
	 * getGHAToken can retrieve an OIDC token when running in a GitHub Actions
	 * workflow
	 */
	async function getGHAToken(audience) {
	    // Check to see if we're running in GitHub Actions
	    if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL ||
	        !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
	        return Promise.reject('no token available');
	    }
	    // Construct URL to request token w/ appropriate audience
	    const url = new URL(process.env.ACTIONS_ID_TOKEN_REQUEST_URL);
	    url.searchParams.append('audience', audience);
	    const response = await (0, make_fetch_happen_1.default)(url.href, {
	        retry: 2,
	        headers: {
	            Accept: 'application/json',
	            Authorization: `Bearer ${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`,
	        },
	    });
	    return response.json().then((data) => data.value);
	}
	/**
	 * getBuildkiteToken can retrieve an OIDC token when running in a Buildkite job.
	 */
	async function getBuildkiteToken(audience) {
	    if (process.env.BUILDKITE !== 'true') {
	        return Promise.reject('no token available');
	    }
	    const stdout = await new Promise((resolve, reject) => {
	        (0, node_child_process_1.execFile)('buildkite-agent', ['oidc', 'request-token', '--audience', audience], (error, stdout) => (error ? reject(error) : resolve(stdout)));
	    });
	    const token = stdout.trim();
	    return token || Promise.reject('no token available');
	}
	/**
	 * getEnv can retrieve an OIDC token from an environment variable.
	 * This matches the behavior of https://github.com/sigstore/cosign/tree/main/pkg/providers/envvar
	 */
	async function getEnv() {
	    if (!process.env.SIGSTORE_ID_TOKEN) {
	        return Promise.reject('no token available');
	    }
	    return process.env.SIGSTORE_ID_TOKEN;
	}
	return ci;
}

var hasRequiredIdentity;

function requireIdentity () {
	if (hasRequiredIdentity) return identity;
	hasRequiredIdentity = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.CIContextProvider = void 0;
		/*
		Copyright 2023 The Sigstore Authors.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		    http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.
		*/
		var ci_1 = requireCi();
		Object.defineProperty(exports, "CIContextProvider", { enumerable: true, get: function () { return ci_1.CIContextProvider; } }); 
	} (identity));
	return identity;
}

var hasRequiredDist;

function requireDist () {
	if (hasRequiredDist) return dist;
	hasRequiredDist = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.TSAWitness = exports.RekorWitness = exports.DEFAULT_REKOR_URL = exports.FulcioSigner = exports.DEFAULT_FULCIO_URL = exports.CIContextProvider = exports.InternalError = exports.bundleBuilderFromSigningConfig = exports.MessageSignatureBundleBuilder = exports.DSSEBundleBuilder = void 0;
		var bundler_1 = requireBundler();
		Object.defineProperty(exports, "DSSEBundleBuilder", { enumerable: true, get: function () { return bundler_1.DSSEBundleBuilder; } });
		Object.defineProperty(exports, "MessageSignatureBundleBuilder", { enumerable: true, get: function () { return bundler_1.MessageSignatureBundleBuilder; } });
		var config_1 = requireConfig();
		Object.defineProperty(exports, "bundleBuilderFromSigningConfig", { enumerable: true, get: function () { return config_1.bundleBuilderFromSigningConfig; } });
		var error_1 = requireError();
		Object.defineProperty(exports, "InternalError", { enumerable: true, get: function () { return error_1.InternalError; } });
		var identity_1 = requireIdentity();
		Object.defineProperty(exports, "CIContextProvider", { enumerable: true, get: function () { return identity_1.CIContextProvider; } });
		var signer_1 = requireSigner();
		Object.defineProperty(exports, "DEFAULT_FULCIO_URL", { enumerable: true, get: function () { return signer_1.DEFAULT_FULCIO_URL; } });
		Object.defineProperty(exports, "FulcioSigner", { enumerable: true, get: function () { return signer_1.FulcioSigner; } });
		var witness_1 = requireWitness();
		Object.defineProperty(exports, "DEFAULT_REKOR_URL", { enumerable: true, get: function () { return witness_1.DEFAULT_REKOR_URL; } });
		Object.defineProperty(exports, "RekorWitness", { enumerable: true, get: function () { return witness_1.RekorWitness; } });
		Object.defineProperty(exports, "TSAWitness", { enumerable: true, get: function () { return witness_1.TSAWitness; } }); 
	} (dist));
	return dist;
}

var distExports = requireDist();

var index = /*#__PURE__*/_mergeNamespaces({
    __proto__: null
}, [distExports]);

export { index as i };
