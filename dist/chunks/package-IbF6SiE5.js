import { aM as readAptSnapshot, aN as loadApt, aO as loadedEntries, aP as parsePendingField, aQ as readDnfSnapshot, aR as loadMatching, s as scan, k as byCodeUnit, ae as pLimit, B as repositoriesFor } from './publish-C_SEibVM.js';

const DELETE_CONCURRENCY = 8;
async function collectOrphans(o) {
    const result = { deleted: [], young: [] };
    for (const repo of repositoriesOf(o.store, o.channel)) {
        const r = await collectRepository(o, repo);
        result.deleted.push(...r.deleted);
        result.young.push(...r.young);
    }
    return result;
}
function repositoriesOf(store, channel) {
    const repos = repositoriesFor(channel);
    return [
        {
            // Our apt repositories keep every package in `stable/` (see admission.ts).
            prefix: repos.deb,
            isPackage: (rel) => /^stable\/[^/]+\.deb$/.test(rel),
            named: async () => {
                const snapshot = await readAptSnapshot(store, repos.deb);
                if (snapshot.release === undefined)
                    return undefined;
                await loadApt(snapshot, 'all');
                return new Set([
                    ...loadedEntries(snapshot).map((e) => e.filename),
                    ...parsePendingField(snapshot.release).keys()
                ]);
            }
        },
        {
            // RPMs sit at the repository's root, beside repodata/.
            prefix: repos.rpm,
            isPackage: (rel) => /^[^/]+\.rpm$/.test(rel),
            named: async () => {
                const snapshot = await readDnfSnapshot(store, repos.rpm);
                if (snapshot.repomd === undefined)
                    return undefined;
                await loadMatching([snapshot], 'all');
                return new Set([
                    ...snapshot.segments.flatMap((s) => (s.entries ?? []).map((r) => r.location)),
                    ...(snapshot.pending?.keys() ?? [])
                ]);
            }
        }
    ];
}
async function collectRepository(o, repo) {
    // Listed before the index is read: a file a publish names meanwhile is named by what is read.
    const groups = new Map();
    for await (const obj of scan(o.store, `${repo.prefix}/`)) {
        const rel = obj.key.slice(repo.prefix.length + 1);
        const file = rel.replace(/\.asc$/, '');
        if (!repo.isPackage(file))
            continue;
        const group = groups.get(file) ?? [];
        group.push({ key: obj.key, modified: obj.modified });
        groups.set(file, group);
    }
    const result = { deleted: [], young: [] };
    if (groups.size === 0)
        return result;
    const named = await repo.named();
    if (!named) {
        // Files and no index: another tool's repository, or a first publish under way. Not ours to judge.
        o.log.info(`${repo.prefix}: no index; its ${groups.size} package files are left as they are`);
        return result;
    }
    const now = (o.now ?? (() => new Date()))().getTime();
    // A package and its signature go together, once the younger of the two is old enough.
    const oldEnough = (dates) => dates.every((d) => d !== undefined && now - d.getTime() >= o.graceMs);
    const due = [];
    for (const [file, group] of [...groups].sort(([a], [b]) => byCodeUnit(a, b))) {
        if (named.has(file))
            continue;
        const keys = group.map((g) => g.key).sort(byCodeUnit);
        if (oldEnough(group.map((g) => g.modified)))
            due.push(keys);
        else {
            result.young.push(...keys);
            const unknown = group.some((g) => g.modified === undefined);
            o.log.info(`kept ${keys.join(', ')}: no index names it, but ` +
                (unknown ? 'the store gives no last-modified time' : 'it is younger than the grace'));
        }
    }
    await pLimit(DELETE_CONCURRENCY).map(due, async (keys) => {
        if (o.dryRun) {
            result.deleted.push(...keys);
            o.log.info(`would delete ${keys.join(', ')}: no index names it`);
            return;
        }
        // Looked at again just before its delete: one a publish wrote again meanwhile is young.
        const infos = await Promise.all(keys.map((k) => o.store.head(k)));
        if (!oldEnough(infos.filter((i) => i !== undefined).map((i) => i.modified))) {
            result.young.push(...keys);
            o.log.info(`kept ${keys.join(', ')}: written again meanwhile`);
            return;
        }
        for (const key of keys)
            await o.store.delete(key);
        result.deleted.push(...keys);
        o.log.info(`deleted ${keys.join(', ')}: no index names it`);
    });
    result.deleted.sort(byCodeUnit);
    result.young.sort(byCodeUnit);
    return result;
}

var collect = /*#__PURE__*/Object.freeze({
    __proto__: null,
    collectOrphans: collectOrphans
});

var dist$1 = {};

var build = {};

var dist = {};

var envelope = {};

var hasRequiredEnvelope;

function requireEnvelope () {
	if (hasRequiredEnvelope) return envelope;
	hasRequiredEnvelope = 1;
	(function (exports) {
		// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
		// versions:
		//   protoc-gen-ts_proto  v2.12.0
		//   protoc               v7.35.1
		// source: envelope.proto
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.Signature = exports.Envelope = void 0;
		exports.Envelope = {
		    fromJSON(object) {
		        return {
		            payload: isSet(object.payload) ? Buffer.from(bytesFromBase64(object.payload)) : Buffer.alloc(0),
		            payloadType: isSet(object.payloadType) ? globalThis.String(object.payloadType) : "",
		            signatures: globalThis.Array.isArray(object?.signatures)
		                ? object.signatures.map((e) => exports.Signature.fromJSON(e))
		                : [],
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.payload.length !== 0) {
		            obj.payload = base64FromBytes(message.payload);
		        }
		        if (message.payloadType !== "") {
		            obj.payloadType = message.payloadType;
		        }
		        if (message.signatures?.length) {
		            obj.signatures = message.signatures.map((e) => exports.Signature.toJSON(e));
		        }
		        return obj;
		    },
		};
		exports.Signature = {
		    fromJSON(object) {
		        return {
		            sig: isSet(object.sig) ? Buffer.from(bytesFromBase64(object.sig)) : Buffer.alloc(0),
		            keyid: isSet(object.keyid) ? globalThis.String(object.keyid) : "",
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.sig.length !== 0) {
		            obj.sig = base64FromBytes(message.sig);
		        }
		        if (message.keyid !== "") {
		            obj.keyid = message.keyid;
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
	} (envelope));
	return envelope;
}

var sigstore_bundle = {};

var sigstore_common = {};

var timestamp = {};

var hasRequiredTimestamp;

function requireTimestamp () {
	if (hasRequiredTimestamp) return timestamp;
	hasRequiredTimestamp = 1;
	// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
	// versions:
	//   protoc-gen-ts_proto  v2.12.0
	//   protoc               v7.35.1
	// source: google/protobuf/timestamp.proto
	Object.defineProperty(timestamp, "__esModule", { value: true });
	timestamp.Timestamp = void 0;
	timestamp.Timestamp = {
	    fromJSON(object) {
	        return {
	            seconds: isSet(object.seconds) ? globalThis.String(object.seconds) : "0",
	            nanos: isSet(object.nanos) ? globalThis.Number(object.nanos) : 0,
	        };
	    },
	    toJSON(message) {
	        const obj = {};
	        if (message.seconds !== "0") {
	            obj.seconds = message.seconds;
	        }
	        if (message.nanos !== 0) {
	            obj.nanos = Math.round(message.nanos);
	        }
	        return obj;
	    },
	};
	function isSet(value) {
	    return value !== null && value !== undefined;
	}
	return timestamp;
}

var hasRequiredSigstore_common;

function requireSigstore_common () {
	if (hasRequiredSigstore_common) return sigstore_common;
	hasRequiredSigstore_common = 1;
	(function (exports) {
		// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
		// versions:
		//   protoc-gen-ts_proto  v2.12.0
		//   protoc               v7.35.1
		// source: sigstore_common.proto
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.TimeRange = exports.X509CertificateChain = exports.SubjectAlternativeName = exports.X509Certificate = exports.DistinguishedName = exports.ObjectIdentifierValuePair = exports.ObjectIdentifier = exports.PublicKeyIdentifier = exports.PublicKey = exports.RFC3161SignedTimestamp = exports.LogId = exports.MessageSignature = exports.HashOutput = exports.SubjectAlternativeNameType = exports.PublicKeyDetails = exports.HashAlgorithm = void 0;
		exports.hashAlgorithmFromJSON = hashAlgorithmFromJSON;
		exports.hashAlgorithmToJSON = hashAlgorithmToJSON;
		exports.publicKeyDetailsFromJSON = publicKeyDetailsFromJSON;
		exports.publicKeyDetailsToJSON = publicKeyDetailsToJSON;
		exports.subjectAlternativeNameTypeFromJSON = subjectAlternativeNameTypeFromJSON;
		exports.subjectAlternativeNameTypeToJSON = subjectAlternativeNameTypeToJSON;
		/* eslint-disable */
		const timestamp_1 = requireTimestamp();
		/**
		 * Only a subset of the secure hash standard algorithms are supported.
		 * See <https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf> for more
		 * details.
		 * UNSPECIFIED SHOULD not be used, primary reason for inclusion is to force
		 * any proto JSON serialization to emit the used hash algorithm, as default
		 * option is to *omit* the default value of an enum (which is the first
		 * value, represented by '0'.
		 */
		var HashAlgorithm;
		(function (HashAlgorithm) {
		    HashAlgorithm[HashAlgorithm["HASH_ALGORITHM_UNSPECIFIED"] = 0] = "HASH_ALGORITHM_UNSPECIFIED";
		    HashAlgorithm[HashAlgorithm["SHA2_256"] = 1] = "SHA2_256";
		    HashAlgorithm[HashAlgorithm["SHA2_384"] = 2] = "SHA2_384";
		    HashAlgorithm[HashAlgorithm["SHA2_512"] = 3] = "SHA2_512";
		    /**
		     * SHA3_256 - Used for LMS
		     *
		     * @deprecated
		     */
		    HashAlgorithm[HashAlgorithm["SHA3_256"] = 4] = "SHA3_256";
		    /**
		     * SHA3_384 - Used for LMS
		     *
		     * @deprecated
		     */
		    HashAlgorithm[HashAlgorithm["SHA3_384"] = 5] = "SHA3_384";
		})(HashAlgorithm || (exports.HashAlgorithm = HashAlgorithm = {}));
		function hashAlgorithmFromJSON(object) {
		    switch (object) {
		        case 0:
		        case "HASH_ALGORITHM_UNSPECIFIED":
		            return HashAlgorithm.HASH_ALGORITHM_UNSPECIFIED;
		        case 1:
		        case "SHA2_256":
		            return HashAlgorithm.SHA2_256;
		        case 2:
		        case "SHA2_384":
		            return HashAlgorithm.SHA2_384;
		        case 3:
		        case "SHA2_512":
		            return HashAlgorithm.SHA2_512;
		        case 4:
		        case "SHA3_256":
		            return HashAlgorithm.SHA3_256;
		        case 5:
		        case "SHA3_384":
		            return HashAlgorithm.SHA3_384;
		        default:
		            throw new globalThis.Error("Unrecognized enum value " + object + " for enum HashAlgorithm");
		    }
		}
		function hashAlgorithmToJSON(object) {
		    switch (object) {
		        case HashAlgorithm.HASH_ALGORITHM_UNSPECIFIED:
		            return "HASH_ALGORITHM_UNSPECIFIED";
		        case HashAlgorithm.SHA2_256:
		            return "SHA2_256";
		        case HashAlgorithm.SHA2_384:
		            return "SHA2_384";
		        case HashAlgorithm.SHA2_512:
		            return "SHA2_512";
		        case HashAlgorithm.SHA3_256:
		            return "SHA3_256";
		        case HashAlgorithm.SHA3_384:
		            return "SHA3_384";
		        default:
		            throw new globalThis.Error("Unrecognized enum value " + object + " for enum HashAlgorithm");
		    }
		}
		/**
		 * Details of a specific public key, capturing the the key encoding method,
		 * and signature algorithm.
		 *
		 * PublicKeyDetails captures the public key/hash algorithm combinations
		 * recommended in the Sigstore ecosystem.
		 *
		 * This is modelled as a linear set as we want to provide a small number of
		 * opinionated options instead of allowing every possible permutation.
		 *
		 * Any changes to this enum MUST be reflected in the algorithm registry.
		 *
		 * See: <https://github.com/sigstore/architecture-docs/blob/main/algorithm-registry.md>
		 *
		 * To avoid the possibility of contradicting formats such as PKCS1 with
		 * ED25519 the valid permutations are listed as a linear set instead of a
		 * cartesian set (i.e one combined variable instead of two, one for encoding
		 * and one for the signature algorithm).
		 */
		var PublicKeyDetails;
		(function (PublicKeyDetails) {
		    PublicKeyDetails[PublicKeyDetails["PUBLIC_KEY_DETAILS_UNSPECIFIED"] = 0] = "PUBLIC_KEY_DETAILS_UNSPECIFIED";
		    /**
		     * PKCS1_RSA_PKCS1V5 - RSA
		     *
		     * @deprecated
		     */
		    PublicKeyDetails[PublicKeyDetails["PKCS1_RSA_PKCS1V5"] = 1] = "PKCS1_RSA_PKCS1V5";
		    /**
		     * PKCS1_RSA_PSS - See RFC8017
		     *
		     * @deprecated
		     */
		    PublicKeyDetails[PublicKeyDetails["PKCS1_RSA_PSS"] = 2] = "PKCS1_RSA_PSS";
		    /** @deprecated */
		    PublicKeyDetails[PublicKeyDetails["PKIX_RSA_PKCS1V5"] = 3] = "PKIX_RSA_PKCS1V5";
		    /** @deprecated */
		    PublicKeyDetails[PublicKeyDetails["PKIX_RSA_PSS"] = 4] = "PKIX_RSA_PSS";
		    /** PKIX_RSA_PKCS1V15_2048_SHA256 - RSA public key in PKIX format, PKCS#1v1.5 signature */
		    PublicKeyDetails[PublicKeyDetails["PKIX_RSA_PKCS1V15_2048_SHA256"] = 9] = "PKIX_RSA_PKCS1V15_2048_SHA256";
		    PublicKeyDetails[PublicKeyDetails["PKIX_RSA_PKCS1V15_3072_SHA256"] = 10] = "PKIX_RSA_PKCS1V15_3072_SHA256";
		    PublicKeyDetails[PublicKeyDetails["PKIX_RSA_PKCS1V15_4096_SHA256"] = 11] = "PKIX_RSA_PKCS1V15_4096_SHA256";
		    /** PKIX_RSA_PSS_2048_SHA256 - RSA public key in PKIX format, RSASSA-PSS signature */
		    PublicKeyDetails[PublicKeyDetails["PKIX_RSA_PSS_2048_SHA256"] = 16] = "PKIX_RSA_PSS_2048_SHA256";
		    PublicKeyDetails[PublicKeyDetails["PKIX_RSA_PSS_3072_SHA256"] = 17] = "PKIX_RSA_PSS_3072_SHA256";
		    PublicKeyDetails[PublicKeyDetails["PKIX_RSA_PSS_4096_SHA256"] = 18] = "PKIX_RSA_PSS_4096_SHA256";
		    /**
		     * PKIX_ECDSA_P256_HMAC_SHA_256 - ECDSA
		     *
		     * @deprecated
		     */
		    PublicKeyDetails[PublicKeyDetails["PKIX_ECDSA_P256_HMAC_SHA_256"] = 6] = "PKIX_ECDSA_P256_HMAC_SHA_256";
		    /** PKIX_ECDSA_P256_SHA_256 - See NIST FIPS 186-4 */
		    PublicKeyDetails[PublicKeyDetails["PKIX_ECDSA_P256_SHA_256"] = 5] = "PKIX_ECDSA_P256_SHA_256";
		    PublicKeyDetails[PublicKeyDetails["PKIX_ECDSA_P384_SHA_384"] = 12] = "PKIX_ECDSA_P384_SHA_384";
		    PublicKeyDetails[PublicKeyDetails["PKIX_ECDSA_P521_SHA_512"] = 13] = "PKIX_ECDSA_P521_SHA_512";
		    /** PKIX_ED25519 - Ed 25519 */
		    PublicKeyDetails[PublicKeyDetails["PKIX_ED25519"] = 7] = "PKIX_ED25519";
		    PublicKeyDetails[PublicKeyDetails["PKIX_ED25519_PH"] = 8] = "PKIX_ED25519_PH";
		    /**
		     * PKIX_ECDSA_P384_SHA_256 - These algorithms are deprecated and should not be used, but they
		     * were/are being used by most Sigstore clients implementations.
		     *
		     * @deprecated
		     */
		    PublicKeyDetails[PublicKeyDetails["PKIX_ECDSA_P384_SHA_256"] = 19] = "PKIX_ECDSA_P384_SHA_256";
		    /** @deprecated */
		    PublicKeyDetails[PublicKeyDetails["PKIX_ECDSA_P521_SHA_256"] = 20] = "PKIX_ECDSA_P521_SHA_256";
		    /**
		     * LMS_SHA256 - LMS and LM-OTS
		     *
		     * These algorithms are deprecated and should not be used.
		     * There are no plans to support SLH-DSA at this time.
		     *
		     * USER WARNING: LMS and LM-OTS are both stateful signature schemes.
		     * Using them correctly requires discretion and careful consideration
		     * to ensure that individual secret keys are not used more than once.
		     * In addition, LM-OTS is a single-use scheme, meaning that it
		     * MUST NOT be used for more than one signature per LM-OTS key.
		     * If you cannot maintain these invariants, you MUST NOT use these
		     * schemes.
		     *
		     * @deprecated
		     */
		    PublicKeyDetails[PublicKeyDetails["LMS_SHA256"] = 14] = "LMS_SHA256";
		    /** @deprecated */
		    PublicKeyDetails[PublicKeyDetails["LMOTS_SHA256"] = 15] = "LMOTS_SHA256";
		    /**
		     * ML_DSA_44 - ML-DSA
		     *
		     * These ML_DSA_44, ML_DSA_65 and ML-DSA_87 algorithms are the pure variants
		     * that take data to sign rather than the prehash variants (HashML-DSA), which
		     * take digests. While considered quantum-resistant, their usage
		     * involves tradeoffs in that signatures and keys are much larger, and
		     * this makes deployments more costly.
		     *
		     * USER WARNING: ML_DSA_44, ML_DSA_65 and ML_DSA_87 are experimental algorithms.
		     * In the future they MAY be used by private Sigstore deployments, but
		     * they are not yet fully functional. This warning will be removed when
		     * these algorithms are widely supported by Sigstore clients and servers,
		     * but care should still be taken for production environments.
		     *
		     * See NIST FIPS 204, RFC 9881 for algorithm identifiers
		     */
		    PublicKeyDetails[PublicKeyDetails["ML_DSA_44"] = 23] = "ML_DSA_44";
		    PublicKeyDetails[PublicKeyDetails["ML_DSA_65"] = 21] = "ML_DSA_65";
		    PublicKeyDetails[PublicKeyDetails["ML_DSA_87"] = 22] = "ML_DSA_87";
		})(PublicKeyDetails || (exports.PublicKeyDetails = PublicKeyDetails = {}));
		function publicKeyDetailsFromJSON(object) {
		    switch (object) {
		        case 0:
		        case "PUBLIC_KEY_DETAILS_UNSPECIFIED":
		            return PublicKeyDetails.PUBLIC_KEY_DETAILS_UNSPECIFIED;
		        case 1:
		        case "PKCS1_RSA_PKCS1V5":
		            return PublicKeyDetails.PKCS1_RSA_PKCS1V5;
		        case 2:
		        case "PKCS1_RSA_PSS":
		            return PublicKeyDetails.PKCS1_RSA_PSS;
		        case 3:
		        case "PKIX_RSA_PKCS1V5":
		            return PublicKeyDetails.PKIX_RSA_PKCS1V5;
		        case 4:
		        case "PKIX_RSA_PSS":
		            return PublicKeyDetails.PKIX_RSA_PSS;
		        case 9:
		        case "PKIX_RSA_PKCS1V15_2048_SHA256":
		            return PublicKeyDetails.PKIX_RSA_PKCS1V15_2048_SHA256;
		        case 10:
		        case "PKIX_RSA_PKCS1V15_3072_SHA256":
		            return PublicKeyDetails.PKIX_RSA_PKCS1V15_3072_SHA256;
		        case 11:
		        case "PKIX_RSA_PKCS1V15_4096_SHA256":
		            return PublicKeyDetails.PKIX_RSA_PKCS1V15_4096_SHA256;
		        case 16:
		        case "PKIX_RSA_PSS_2048_SHA256":
		            return PublicKeyDetails.PKIX_RSA_PSS_2048_SHA256;
		        case 17:
		        case "PKIX_RSA_PSS_3072_SHA256":
		            return PublicKeyDetails.PKIX_RSA_PSS_3072_SHA256;
		        case 18:
		        case "PKIX_RSA_PSS_4096_SHA256":
		            return PublicKeyDetails.PKIX_RSA_PSS_4096_SHA256;
		        case 6:
		        case "PKIX_ECDSA_P256_HMAC_SHA_256":
		            return PublicKeyDetails.PKIX_ECDSA_P256_HMAC_SHA_256;
		        case 5:
		        case "PKIX_ECDSA_P256_SHA_256":
		            return PublicKeyDetails.PKIX_ECDSA_P256_SHA_256;
		        case 12:
		        case "PKIX_ECDSA_P384_SHA_384":
		            return PublicKeyDetails.PKIX_ECDSA_P384_SHA_384;
		        case 13:
		        case "PKIX_ECDSA_P521_SHA_512":
		            return PublicKeyDetails.PKIX_ECDSA_P521_SHA_512;
		        case 7:
		        case "PKIX_ED25519":
		            return PublicKeyDetails.PKIX_ED25519;
		        case 8:
		        case "PKIX_ED25519_PH":
		            return PublicKeyDetails.PKIX_ED25519_PH;
		        case 19:
		        case "PKIX_ECDSA_P384_SHA_256":
		            return PublicKeyDetails.PKIX_ECDSA_P384_SHA_256;
		        case 20:
		        case "PKIX_ECDSA_P521_SHA_256":
		            return PublicKeyDetails.PKIX_ECDSA_P521_SHA_256;
		        case 14:
		        case "LMS_SHA256":
		            return PublicKeyDetails.LMS_SHA256;
		        case 15:
		        case "LMOTS_SHA256":
		            return PublicKeyDetails.LMOTS_SHA256;
		        case 23:
		        case "ML_DSA_44":
		            return PublicKeyDetails.ML_DSA_44;
		        case 21:
		        case "ML_DSA_65":
		            return PublicKeyDetails.ML_DSA_65;
		        case 22:
		        case "ML_DSA_87":
		            return PublicKeyDetails.ML_DSA_87;
		        default:
		            throw new globalThis.Error("Unrecognized enum value " + object + " for enum PublicKeyDetails");
		    }
		}
		function publicKeyDetailsToJSON(object) {
		    switch (object) {
		        case PublicKeyDetails.PUBLIC_KEY_DETAILS_UNSPECIFIED:
		            return "PUBLIC_KEY_DETAILS_UNSPECIFIED";
		        case PublicKeyDetails.PKCS1_RSA_PKCS1V5:
		            return "PKCS1_RSA_PKCS1V5";
		        case PublicKeyDetails.PKCS1_RSA_PSS:
		            return "PKCS1_RSA_PSS";
		        case PublicKeyDetails.PKIX_RSA_PKCS1V5:
		            return "PKIX_RSA_PKCS1V5";
		        case PublicKeyDetails.PKIX_RSA_PSS:
		            return "PKIX_RSA_PSS";
		        case PublicKeyDetails.PKIX_RSA_PKCS1V15_2048_SHA256:
		            return "PKIX_RSA_PKCS1V15_2048_SHA256";
		        case PublicKeyDetails.PKIX_RSA_PKCS1V15_3072_SHA256:
		            return "PKIX_RSA_PKCS1V15_3072_SHA256";
		        case PublicKeyDetails.PKIX_RSA_PKCS1V15_4096_SHA256:
		            return "PKIX_RSA_PKCS1V15_4096_SHA256";
		        case PublicKeyDetails.PKIX_RSA_PSS_2048_SHA256:
		            return "PKIX_RSA_PSS_2048_SHA256";
		        case PublicKeyDetails.PKIX_RSA_PSS_3072_SHA256:
		            return "PKIX_RSA_PSS_3072_SHA256";
		        case PublicKeyDetails.PKIX_RSA_PSS_4096_SHA256:
		            return "PKIX_RSA_PSS_4096_SHA256";
		        case PublicKeyDetails.PKIX_ECDSA_P256_HMAC_SHA_256:
		            return "PKIX_ECDSA_P256_HMAC_SHA_256";
		        case PublicKeyDetails.PKIX_ECDSA_P256_SHA_256:
		            return "PKIX_ECDSA_P256_SHA_256";
		        case PublicKeyDetails.PKIX_ECDSA_P384_SHA_384:
		            return "PKIX_ECDSA_P384_SHA_384";
		        case PublicKeyDetails.PKIX_ECDSA_P521_SHA_512:
		            return "PKIX_ECDSA_P521_SHA_512";
		        case PublicKeyDetails.PKIX_ED25519:
		            return "PKIX_ED25519";
		        case PublicKeyDetails.PKIX_ED25519_PH:
		            return "PKIX_ED25519_PH";
		        case PublicKeyDetails.PKIX_ECDSA_P384_SHA_256:
		            return "PKIX_ECDSA_P384_SHA_256";
		        case PublicKeyDetails.PKIX_ECDSA_P521_SHA_256:
		            return "PKIX_ECDSA_P521_SHA_256";
		        case PublicKeyDetails.LMS_SHA256:
		            return "LMS_SHA256";
		        case PublicKeyDetails.LMOTS_SHA256:
		            return "LMOTS_SHA256";
		        case PublicKeyDetails.ML_DSA_44:
		            return "ML_DSA_44";
		        case PublicKeyDetails.ML_DSA_65:
		            return "ML_DSA_65";
		        case PublicKeyDetails.ML_DSA_87:
		            return "ML_DSA_87";
		        default:
		            throw new globalThis.Error("Unrecognized enum value " + object + " for enum PublicKeyDetails");
		    }
		}
		var SubjectAlternativeNameType;
		(function (SubjectAlternativeNameType) {
		    SubjectAlternativeNameType[SubjectAlternativeNameType["SUBJECT_ALTERNATIVE_NAME_TYPE_UNSPECIFIED"] = 0] = "SUBJECT_ALTERNATIVE_NAME_TYPE_UNSPECIFIED";
		    SubjectAlternativeNameType[SubjectAlternativeNameType["EMAIL"] = 1] = "EMAIL";
		    SubjectAlternativeNameType[SubjectAlternativeNameType["URI"] = 2] = "URI";
		    /**
		     * OTHER_NAME - OID 1.3.6.1.4.1.57264.1.7
		     * See https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md#1361415726417--othername-san
		     * for more details.
		     */
		    SubjectAlternativeNameType[SubjectAlternativeNameType["OTHER_NAME"] = 3] = "OTHER_NAME";
		})(SubjectAlternativeNameType || (exports.SubjectAlternativeNameType = SubjectAlternativeNameType = {}));
		function subjectAlternativeNameTypeFromJSON(object) {
		    switch (object) {
		        case 0:
		        case "SUBJECT_ALTERNATIVE_NAME_TYPE_UNSPECIFIED":
		            return SubjectAlternativeNameType.SUBJECT_ALTERNATIVE_NAME_TYPE_UNSPECIFIED;
		        case 1:
		        case "EMAIL":
		            return SubjectAlternativeNameType.EMAIL;
		        case 2:
		        case "URI":
		            return SubjectAlternativeNameType.URI;
		        case 3:
		        case "OTHER_NAME":
		            return SubjectAlternativeNameType.OTHER_NAME;
		        default:
		            throw new globalThis.Error("Unrecognized enum value " + object + " for enum SubjectAlternativeNameType");
		    }
		}
		function subjectAlternativeNameTypeToJSON(object) {
		    switch (object) {
		        case SubjectAlternativeNameType.SUBJECT_ALTERNATIVE_NAME_TYPE_UNSPECIFIED:
		            return "SUBJECT_ALTERNATIVE_NAME_TYPE_UNSPECIFIED";
		        case SubjectAlternativeNameType.EMAIL:
		            return "EMAIL";
		        case SubjectAlternativeNameType.URI:
		            return "URI";
		        case SubjectAlternativeNameType.OTHER_NAME:
		            return "OTHER_NAME";
		        default:
		            throw new globalThis.Error("Unrecognized enum value " + object + " for enum SubjectAlternativeNameType");
		    }
		}
		exports.HashOutput = {
		    fromJSON(object) {
		        return {
		            algorithm: isSet(object.algorithm) ? hashAlgorithmFromJSON(object.algorithm) : 0,
		            digest: isSet(object.digest) ? Buffer.from(bytesFromBase64(object.digest)) : Buffer.alloc(0),
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.algorithm !== 0) {
		            obj.algorithm = hashAlgorithmToJSON(message.algorithm);
		        }
		        if (message.digest.length !== 0) {
		            obj.digest = base64FromBytes(message.digest);
		        }
		        return obj;
		    },
		};
		exports.MessageSignature = {
		    fromJSON(object) {
		        return {
		            messageDigest: isSet(object.messageDigest) ? exports.HashOutput.fromJSON(object.messageDigest) : undefined,
		            signature: isSet(object.signature) ? Buffer.from(bytesFromBase64(object.signature)) : Buffer.alloc(0),
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.messageDigest !== undefined) {
		            obj.messageDigest = exports.HashOutput.toJSON(message.messageDigest);
		        }
		        if (message.signature.length !== 0) {
		            obj.signature = base64FromBytes(message.signature);
		        }
		        return obj;
		    },
		};
		exports.LogId = {
		    fromJSON(object) {
		        return { keyId: isSet(object.keyId) ? Buffer.from(bytesFromBase64(object.keyId)) : Buffer.alloc(0) };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.keyId.length !== 0) {
		            obj.keyId = base64FromBytes(message.keyId);
		        }
		        return obj;
		    },
		};
		exports.RFC3161SignedTimestamp = {
		    fromJSON(object) {
		        return {
		            signedTimestamp: isSet(object.signedTimestamp)
		                ? Buffer.from(bytesFromBase64(object.signedTimestamp))
		                : Buffer.alloc(0),
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.signedTimestamp.length !== 0) {
		            obj.signedTimestamp = base64FromBytes(message.signedTimestamp);
		        }
		        return obj;
		    },
		};
		exports.PublicKey = {
		    fromJSON(object) {
		        return {
		            rawBytes: isSet(object.rawBytes) ? Buffer.from(bytesFromBase64(object.rawBytes)) : undefined,
		            keyDetails: isSet(object.keyDetails) ? publicKeyDetailsFromJSON(object.keyDetails) : 0,
		            validFor: isSet(object.validFor) ? exports.TimeRange.fromJSON(object.validFor) : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.rawBytes !== undefined) {
		            obj.rawBytes = base64FromBytes(message.rawBytes);
		        }
		        if (message.keyDetails !== 0) {
		            obj.keyDetails = publicKeyDetailsToJSON(message.keyDetails);
		        }
		        if (message.validFor !== undefined) {
		            obj.validFor = exports.TimeRange.toJSON(message.validFor);
		        }
		        return obj;
		    },
		};
		exports.PublicKeyIdentifier = {
		    fromJSON(object) {
		        return { hint: isSet(object.hint) ? globalThis.String(object.hint) : "" };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.hint !== "") {
		            obj.hint = message.hint;
		        }
		        return obj;
		    },
		};
		exports.ObjectIdentifier = {
		    fromJSON(object) {
		        return { id: globalThis.Array.isArray(object?.id) ? object.id.map((e) => globalThis.Number(e)) : [] };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.id?.length) {
		            obj.id = message.id.map((e) => Math.round(e));
		        }
		        return obj;
		    },
		};
		exports.ObjectIdentifierValuePair = {
		    fromJSON(object) {
		        return {
		            oid: isSet(object.oid) ? exports.ObjectIdentifier.fromJSON(object.oid) : undefined,
		            value: isSet(object.value) ? Buffer.from(bytesFromBase64(object.value)) : Buffer.alloc(0),
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.oid !== undefined) {
		            obj.oid = exports.ObjectIdentifier.toJSON(message.oid);
		        }
		        if (message.value.length !== 0) {
		            obj.value = base64FromBytes(message.value);
		        }
		        return obj;
		    },
		};
		exports.DistinguishedName = {
		    fromJSON(object) {
		        return {
		            organization: isSet(object.organization) ? globalThis.String(object.organization) : "",
		            commonName: isSet(object.commonName) ? globalThis.String(object.commonName) : "",
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.organization !== "") {
		            obj.organization = message.organization;
		        }
		        if (message.commonName !== "") {
		            obj.commonName = message.commonName;
		        }
		        return obj;
		    },
		};
		exports.X509Certificate = {
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
		exports.SubjectAlternativeName = {
		    fromJSON(object) {
		        return {
		            type: isSet(object.type) ? subjectAlternativeNameTypeFromJSON(object.type) : 0,
		            identity: isSet(object.regexp)
		                ? { $case: "regexp", regexp: globalThis.String(object.regexp) }
		                : isSet(object.value)
		                    ? { $case: "value", value: globalThis.String(object.value) }
		                    : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.type !== 0) {
		            obj.type = subjectAlternativeNameTypeToJSON(message.type);
		        }
		        if (message.identity?.$case === "regexp") {
		            obj.regexp = message.identity.regexp;
		        }
		        else if (message.identity?.$case === "value") {
		            obj.value = message.identity.value;
		        }
		        return obj;
		    },
		};
		exports.X509CertificateChain = {
		    fromJSON(object) {
		        return {
		            certificates: globalThis.Array.isArray(object?.certificates)
		                ? object.certificates.map((e) => exports.X509Certificate.fromJSON(e))
		                : [],
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.certificates?.length) {
		            obj.certificates = message.certificates.map((e) => exports.X509Certificate.toJSON(e));
		        }
		        return obj;
		    },
		};
		exports.TimeRange = {
		    fromJSON(object) {
		        return {
		            start: isSet(object.start) ? fromJsonTimestamp(object.start) : undefined,
		            end: isSet(object.end) ? fromJsonTimestamp(object.end) : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.start !== undefined) {
		            obj.start = message.start.toISOString();
		        }
		        if (message.end !== undefined) {
		            obj.end = message.end.toISOString();
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
		function fromTimestamp(t) {
		    let millis = (globalThis.Number(t.seconds) || 0) * 1_000;
		    millis += (t.nanos || 0) / 1_000_000;
		    return new globalThis.Date(millis);
		}
		function fromJsonTimestamp(o) {
		    if (o instanceof globalThis.Date) {
		        return o;
		    }
		    else if (typeof o === "string") {
		        return new globalThis.Date(o);
		    }
		    else {
		        return fromTimestamp(timestamp_1.Timestamp.fromJSON(o));
		    }
		}
		function isSet(value) {
		    return value !== null && value !== undefined;
		} 
	} (sigstore_common));
	return sigstore_common;
}

var sigstore_rekor = {};

var hasRequiredSigstore_rekor;

function requireSigstore_rekor () {
	if (hasRequiredSigstore_rekor) return sigstore_rekor;
	hasRequiredSigstore_rekor = 1;
	(function (exports) {
		// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
		// versions:
		//   protoc-gen-ts_proto  v2.12.0
		//   protoc               v7.35.1
		// source: sigstore_rekor.proto
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.TransparencyLogEntry = exports.InclusionPromise = exports.InclusionProof = exports.Checkpoint = exports.KindVersion = void 0;
		/* eslint-disable */
		const sigstore_common_1 = requireSigstore_common();
		exports.KindVersion = {
		    fromJSON(object) {
		        return {
		            kind: isSet(object.kind) ? globalThis.String(object.kind) : "",
		            version: isSet(object.version) ? globalThis.String(object.version) : "",
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.kind !== "") {
		            obj.kind = message.kind;
		        }
		        if (message.version !== "") {
		            obj.version = message.version;
		        }
		        return obj;
		    },
		};
		exports.Checkpoint = {
		    fromJSON(object) {
		        return { envelope: isSet(object.envelope) ? globalThis.String(object.envelope) : "" };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.envelope !== "") {
		            obj.envelope = message.envelope;
		        }
		        return obj;
		    },
		};
		exports.InclusionProof = {
		    fromJSON(object) {
		        return {
		            logIndex: isSet(object.logIndex) ? globalThis.String(object.logIndex) : "0",
		            rootHash: isSet(object.rootHash) ? Buffer.from(bytesFromBase64(object.rootHash)) : Buffer.alloc(0),
		            treeSize: isSet(object.treeSize) ? globalThis.String(object.treeSize) : "0",
		            hashes: globalThis.Array.isArray(object?.hashes)
		                ? object.hashes.map((e) => Buffer.from(bytesFromBase64(e)))
		                : [],
		            checkpoint: isSet(object.checkpoint) ? exports.Checkpoint.fromJSON(object.checkpoint) : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.logIndex !== "0") {
		            obj.logIndex = message.logIndex;
		        }
		        if (message.rootHash.length !== 0) {
		            obj.rootHash = base64FromBytes(message.rootHash);
		        }
		        if (message.treeSize !== "0") {
		            obj.treeSize = message.treeSize;
		        }
		        if (message.hashes?.length) {
		            obj.hashes = message.hashes.map((e) => base64FromBytes(e));
		        }
		        if (message.checkpoint !== undefined) {
		            obj.checkpoint = exports.Checkpoint.toJSON(message.checkpoint);
		        }
		        return obj;
		    },
		};
		exports.InclusionPromise = {
		    fromJSON(object) {
		        return {
		            signedEntryTimestamp: isSet(object.signedEntryTimestamp)
		                ? Buffer.from(bytesFromBase64(object.signedEntryTimestamp))
		                : Buffer.alloc(0),
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.signedEntryTimestamp.length !== 0) {
		            obj.signedEntryTimestamp = base64FromBytes(message.signedEntryTimestamp);
		        }
		        return obj;
		    },
		};
		exports.TransparencyLogEntry = {
		    fromJSON(object) {
		        return {
		            logIndex: isSet(object.logIndex) ? globalThis.String(object.logIndex) : "0",
		            logId: isSet(object.logId) ? sigstore_common_1.LogId.fromJSON(object.logId) : undefined,
		            kindVersion: isSet(object.kindVersion) ? exports.KindVersion.fromJSON(object.kindVersion) : undefined,
		            integratedTime: isSet(object.integratedTime) ? globalThis.String(object.integratedTime) : "0",
		            inclusionPromise: isSet(object.inclusionPromise) ? exports.InclusionPromise.fromJSON(object.inclusionPromise) : undefined,
		            inclusionProof: isSet(object.inclusionProof) ? exports.InclusionProof.fromJSON(object.inclusionProof) : undefined,
		            canonicalizedBody: isSet(object.canonicalizedBody)
		                ? Buffer.from(bytesFromBase64(object.canonicalizedBody))
		                : Buffer.alloc(0),
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.logIndex !== "0") {
		            obj.logIndex = message.logIndex;
		        }
		        if (message.logId !== undefined) {
		            obj.logId = sigstore_common_1.LogId.toJSON(message.logId);
		        }
		        if (message.kindVersion !== undefined) {
		            obj.kindVersion = exports.KindVersion.toJSON(message.kindVersion);
		        }
		        if (message.integratedTime !== "0") {
		            obj.integratedTime = message.integratedTime;
		        }
		        if (message.inclusionPromise !== undefined) {
		            obj.inclusionPromise = exports.InclusionPromise.toJSON(message.inclusionPromise);
		        }
		        if (message.inclusionProof !== undefined) {
		            obj.inclusionProof = exports.InclusionProof.toJSON(message.inclusionProof);
		        }
		        if (message.canonicalizedBody.length !== 0) {
		            obj.canonicalizedBody = base64FromBytes(message.canonicalizedBody);
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
	} (sigstore_rekor));
	return sigstore_rekor;
}

var hasRequiredSigstore_bundle;

function requireSigstore_bundle () {
	if (hasRequiredSigstore_bundle) return sigstore_bundle;
	hasRequiredSigstore_bundle = 1;
	(function (exports) {
		// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
		// versions:
		//   protoc-gen-ts_proto  v2.12.0
		//   protoc               v7.35.1
		// source: sigstore_bundle.proto
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.Bundle = exports.VerificationMaterial = exports.TimestampVerificationData = void 0;
		/* eslint-disable */
		const envelope_1 = requireEnvelope();
		const sigstore_common_1 = requireSigstore_common();
		const sigstore_rekor_1 = requireSigstore_rekor();
		exports.TimestampVerificationData = {
		    fromJSON(object) {
		        return {
		            rfc3161Timestamps: globalThis.Array.isArray(object?.rfc3161Timestamps)
		                ? object.rfc3161Timestamps.map((e) => sigstore_common_1.RFC3161SignedTimestamp.fromJSON(e))
		                : [],
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.rfc3161Timestamps?.length) {
		            obj.rfc3161Timestamps = message.rfc3161Timestamps.map((e) => sigstore_common_1.RFC3161SignedTimestamp.toJSON(e));
		        }
		        return obj;
		    },
		};
		exports.VerificationMaterial = {
		    fromJSON(object) {
		        return {
		            content: isSet(object.publicKey)
		                ? { $case: "publicKey", publicKey: sigstore_common_1.PublicKeyIdentifier.fromJSON(object.publicKey) }
		                : isSet(object.x509CertificateChain)
		                    ? {
		                        $case: "x509CertificateChain",
		                        x509CertificateChain: sigstore_common_1.X509CertificateChain.fromJSON(object.x509CertificateChain),
		                    }
		                    : isSet(object.certificate)
		                        ? { $case: "certificate", certificate: sigstore_common_1.X509Certificate.fromJSON(object.certificate) }
		                        : undefined,
		            tlogEntries: globalThis.Array.isArray(object?.tlogEntries)
		                ? object.tlogEntries.map((e) => sigstore_rekor_1.TransparencyLogEntry.fromJSON(e))
		                : [],
		            timestampVerificationData: isSet(object.timestampVerificationData)
		                ? exports.TimestampVerificationData.fromJSON(object.timestampVerificationData)
		                : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.content?.$case === "publicKey") {
		            obj.publicKey = sigstore_common_1.PublicKeyIdentifier.toJSON(message.content.publicKey);
		        }
		        else if (message.content?.$case === "x509CertificateChain") {
		            obj.x509CertificateChain = sigstore_common_1.X509CertificateChain.toJSON(message.content.x509CertificateChain);
		        }
		        else if (message.content?.$case === "certificate") {
		            obj.certificate = sigstore_common_1.X509Certificate.toJSON(message.content.certificate);
		        }
		        if (message.tlogEntries?.length) {
		            obj.tlogEntries = message.tlogEntries.map((e) => sigstore_rekor_1.TransparencyLogEntry.toJSON(e));
		        }
		        if (message.timestampVerificationData !== undefined) {
		            obj.timestampVerificationData = exports.TimestampVerificationData.toJSON(message.timestampVerificationData);
		        }
		        return obj;
		    },
		};
		exports.Bundle = {
		    fromJSON(object) {
		        return {
		            mediaType: isSet(object.mediaType) ? globalThis.String(object.mediaType) : "",
		            verificationMaterial: isSet(object.verificationMaterial)
		                ? exports.VerificationMaterial.fromJSON(object.verificationMaterial)
		                : undefined,
		            content: isSet(object.messageSignature)
		                ? { $case: "messageSignature", messageSignature: sigstore_common_1.MessageSignature.fromJSON(object.messageSignature) }
		                : isSet(object.dsseEnvelope)
		                    ? { $case: "dsseEnvelope", dsseEnvelope: envelope_1.Envelope.fromJSON(object.dsseEnvelope) }
		                    : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.mediaType !== "") {
		            obj.mediaType = message.mediaType;
		        }
		        if (message.verificationMaterial !== undefined) {
		            obj.verificationMaterial = exports.VerificationMaterial.toJSON(message.verificationMaterial);
		        }
		        if (message.content?.$case === "messageSignature") {
		            obj.messageSignature = sigstore_common_1.MessageSignature.toJSON(message.content.messageSignature);
		        }
		        else if (message.content?.$case === "dsseEnvelope") {
		            obj.dsseEnvelope = envelope_1.Envelope.toJSON(message.content.dsseEnvelope);
		        }
		        return obj;
		    },
		};
		function isSet(value) {
		    return value !== null && value !== undefined;
		} 
	} (sigstore_bundle));
	return sigstore_bundle;
}

var sigstore_trustroot = {};

var hasRequiredSigstore_trustroot;

function requireSigstore_trustroot () {
	if (hasRequiredSigstore_trustroot) return sigstore_trustroot;
	hasRequiredSigstore_trustroot = 1;
	(function (exports) {
		// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
		// versions:
		//   protoc-gen-ts_proto  v2.12.0
		//   protoc               v7.35.1
		// source: sigstore_trustroot.proto
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.ClientTrustConfig = exports.ServiceConfiguration = exports.Service = exports.SigningConfig = exports.TrustedRoot = exports.CertificateAuthority = exports.TransparencyLogInstance = exports.ServiceSelector = void 0;
		exports.serviceSelectorFromJSON = serviceSelectorFromJSON;
		exports.serviceSelectorToJSON = serviceSelectorToJSON;
		/* eslint-disable */
		const sigstore_common_1 = requireSigstore_common();
		/**
		 * ServiceSelector specifies how a client SHOULD select a set of
		 * Services to connect to. A client SHOULD throw an error if
		 * the value is SERVICE_SELECTOR_UNDEFINED.
		 */
		var ServiceSelector;
		(function (ServiceSelector) {
		    ServiceSelector[ServiceSelector["SERVICE_SELECTOR_UNDEFINED"] = 0] = "SERVICE_SELECTOR_UNDEFINED";
		    /**
		     * ALL - Clients SHOULD select all Services based on supported API version
		     * and validity window.
		     */
		    ServiceSelector[ServiceSelector["ALL"] = 1] = "ALL";
		    /**
		     * ANY - Clients SHOULD select one Service based on supported API version
		     * and validity window. It is up to the client implementation to
		     * decide how to select the Service, e.g. random or round-robin.
		     */
		    ServiceSelector[ServiceSelector["ANY"] = 2] = "ANY";
		    /**
		     * EXACT - Clients SHOULD select a specific number of Services based on
		     * supported API version and validity window, using the provided
		     * `count`. It is up to the client implementation to decide how to
		     * select the Service, e.g. random or round-robin.
		     */
		    ServiceSelector[ServiceSelector["EXACT"] = 3] = "EXACT";
		})(ServiceSelector || (exports.ServiceSelector = ServiceSelector = {}));
		function serviceSelectorFromJSON(object) {
		    switch (object) {
		        case 0:
		        case "SERVICE_SELECTOR_UNDEFINED":
		            return ServiceSelector.SERVICE_SELECTOR_UNDEFINED;
		        case 1:
		        case "ALL":
		            return ServiceSelector.ALL;
		        case 2:
		        case "ANY":
		            return ServiceSelector.ANY;
		        case 3:
		        case "EXACT":
		            return ServiceSelector.EXACT;
		        default:
		            throw new globalThis.Error("Unrecognized enum value " + object + " for enum ServiceSelector");
		    }
		}
		function serviceSelectorToJSON(object) {
		    switch (object) {
		        case ServiceSelector.SERVICE_SELECTOR_UNDEFINED:
		            return "SERVICE_SELECTOR_UNDEFINED";
		        case ServiceSelector.ALL:
		            return "ALL";
		        case ServiceSelector.ANY:
		            return "ANY";
		        case ServiceSelector.EXACT:
		            return "EXACT";
		        default:
		            throw new globalThis.Error("Unrecognized enum value " + object + " for enum ServiceSelector");
		    }
		}
		exports.TransparencyLogInstance = {
		    fromJSON(object) {
		        return {
		            baseUrl: isSet(object.baseUrl) ? globalThis.String(object.baseUrl) : "",
		            hashAlgorithm: isSet(object.hashAlgorithm) ? (0, sigstore_common_1.hashAlgorithmFromJSON)(object.hashAlgorithm) : 0,
		            publicKey: isSet(object.publicKey) ? sigstore_common_1.PublicKey.fromJSON(object.publicKey) : undefined,
		            logId: isSet(object.logId) ? sigstore_common_1.LogId.fromJSON(object.logId) : undefined,
		            checkpointKeyId: isSet(object.checkpointKeyId) ? sigstore_common_1.LogId.fromJSON(object.checkpointKeyId) : undefined,
		            operator: isSet(object.operator) ? globalThis.String(object.operator) : "",
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.baseUrl !== "") {
		            obj.baseUrl = message.baseUrl;
		        }
		        if (message.hashAlgorithm !== 0) {
		            obj.hashAlgorithm = (0, sigstore_common_1.hashAlgorithmToJSON)(message.hashAlgorithm);
		        }
		        if (message.publicKey !== undefined) {
		            obj.publicKey = sigstore_common_1.PublicKey.toJSON(message.publicKey);
		        }
		        if (message.logId !== undefined) {
		            obj.logId = sigstore_common_1.LogId.toJSON(message.logId);
		        }
		        if (message.checkpointKeyId !== undefined) {
		            obj.checkpointKeyId = sigstore_common_1.LogId.toJSON(message.checkpointKeyId);
		        }
		        if (message.operator !== "") {
		            obj.operator = message.operator;
		        }
		        return obj;
		    },
		};
		exports.CertificateAuthority = {
		    fromJSON(object) {
		        return {
		            subject: isSet(object.subject) ? sigstore_common_1.DistinguishedName.fromJSON(object.subject) : undefined,
		            uri: isSet(object.uri) ? globalThis.String(object.uri) : "",
		            certChain: isSet(object.certChain) ? sigstore_common_1.X509CertificateChain.fromJSON(object.certChain) : undefined,
		            validFor: isSet(object.validFor) ? sigstore_common_1.TimeRange.fromJSON(object.validFor) : undefined,
		            operator: isSet(object.operator) ? globalThis.String(object.operator) : "",
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.subject !== undefined) {
		            obj.subject = sigstore_common_1.DistinguishedName.toJSON(message.subject);
		        }
		        if (message.uri !== "") {
		            obj.uri = message.uri;
		        }
		        if (message.certChain !== undefined) {
		            obj.certChain = sigstore_common_1.X509CertificateChain.toJSON(message.certChain);
		        }
		        if (message.validFor !== undefined) {
		            obj.validFor = sigstore_common_1.TimeRange.toJSON(message.validFor);
		        }
		        if (message.operator !== "") {
		            obj.operator = message.operator;
		        }
		        return obj;
		    },
		};
		exports.TrustedRoot = {
		    fromJSON(object) {
		        return {
		            mediaType: isSet(object.mediaType) ? globalThis.String(object.mediaType) : "",
		            tlogs: globalThis.Array.isArray(object?.tlogs)
		                ? object.tlogs.map((e) => exports.TransparencyLogInstance.fromJSON(e))
		                : [],
		            certificateAuthorities: globalThis.Array.isArray(object?.certificateAuthorities)
		                ? object.certificateAuthorities.map((e) => exports.CertificateAuthority.fromJSON(e))
		                : [],
		            ctlogs: globalThis.Array.isArray(object?.ctlogs)
		                ? object.ctlogs.map((e) => exports.TransparencyLogInstance.fromJSON(e))
		                : [],
		            timestampAuthorities: globalThis.Array.isArray(object?.timestampAuthorities)
		                ? object.timestampAuthorities.map((e) => exports.CertificateAuthority.fromJSON(e))
		                : [],
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.mediaType !== "") {
		            obj.mediaType = message.mediaType;
		        }
		        if (message.tlogs?.length) {
		            obj.tlogs = message.tlogs.map((e) => exports.TransparencyLogInstance.toJSON(e));
		        }
		        if (message.certificateAuthorities?.length) {
		            obj.certificateAuthorities = message.certificateAuthorities.map((e) => exports.CertificateAuthority.toJSON(e));
		        }
		        if (message.ctlogs?.length) {
		            obj.ctlogs = message.ctlogs.map((e) => exports.TransparencyLogInstance.toJSON(e));
		        }
		        if (message.timestampAuthorities?.length) {
		            obj.timestampAuthorities = message.timestampAuthorities.map((e) => exports.CertificateAuthority.toJSON(e));
		        }
		        return obj;
		    },
		};
		exports.SigningConfig = {
		    fromJSON(object) {
		        return {
		            mediaType: isSet(object.mediaType) ? globalThis.String(object.mediaType) : "",
		            caUrls: globalThis.Array.isArray(object?.caUrls) ? object.caUrls.map((e) => exports.Service.fromJSON(e)) : [],
		            oidcUrls: globalThis.Array.isArray(object?.oidcUrls) ? object.oidcUrls.map((e) => exports.Service.fromJSON(e)) : [],
		            rekorTlogUrls: globalThis.Array.isArray(object?.rekorTlogUrls)
		                ? object.rekorTlogUrls.map((e) => exports.Service.fromJSON(e))
		                : [],
		            rekorTlogConfig: isSet(object.rekorTlogConfig)
		                ? exports.ServiceConfiguration.fromJSON(object.rekorTlogConfig)
		                : undefined,
		            tsaUrls: globalThis.Array.isArray(object?.tsaUrls) ? object.tsaUrls.map((e) => exports.Service.fromJSON(e)) : [],
		            tsaConfig: isSet(object.tsaConfig) ? exports.ServiceConfiguration.fromJSON(object.tsaConfig) : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.mediaType !== "") {
		            obj.mediaType = message.mediaType;
		        }
		        if (message.caUrls?.length) {
		            obj.caUrls = message.caUrls.map((e) => exports.Service.toJSON(e));
		        }
		        if (message.oidcUrls?.length) {
		            obj.oidcUrls = message.oidcUrls.map((e) => exports.Service.toJSON(e));
		        }
		        if (message.rekorTlogUrls?.length) {
		            obj.rekorTlogUrls = message.rekorTlogUrls.map((e) => exports.Service.toJSON(e));
		        }
		        if (message.rekorTlogConfig !== undefined) {
		            obj.rekorTlogConfig = exports.ServiceConfiguration.toJSON(message.rekorTlogConfig);
		        }
		        if (message.tsaUrls?.length) {
		            obj.tsaUrls = message.tsaUrls.map((e) => exports.Service.toJSON(e));
		        }
		        if (message.tsaConfig !== undefined) {
		            obj.tsaConfig = exports.ServiceConfiguration.toJSON(message.tsaConfig);
		        }
		        return obj;
		    },
		};
		exports.Service = {
		    fromJSON(object) {
		        return {
		            url: isSet(object.url) ? globalThis.String(object.url) : "",
		            majorApiVersion: isSet(object.majorApiVersion) ? globalThis.Number(object.majorApiVersion) : 0,
		            validFor: isSet(object.validFor) ? sigstore_common_1.TimeRange.fromJSON(object.validFor) : undefined,
		            operator: isSet(object.operator) ? globalThis.String(object.operator) : "",
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.url !== "") {
		            obj.url = message.url;
		        }
		        if (message.majorApiVersion !== 0) {
		            obj.majorApiVersion = Math.round(message.majorApiVersion);
		        }
		        if (message.validFor !== undefined) {
		            obj.validFor = sigstore_common_1.TimeRange.toJSON(message.validFor);
		        }
		        if (message.operator !== "") {
		            obj.operator = message.operator;
		        }
		        return obj;
		    },
		};
		exports.ServiceConfiguration = {
		    fromJSON(object) {
		        return {
		            selector: isSet(object.selector) ? serviceSelectorFromJSON(object.selector) : 0,
		            count: isSet(object.count) ? globalThis.Number(object.count) : 0,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.selector !== 0) {
		            obj.selector = serviceSelectorToJSON(message.selector);
		        }
		        if (message.count !== 0) {
		            obj.count = Math.round(message.count);
		        }
		        return obj;
		    },
		};
		exports.ClientTrustConfig = {
		    fromJSON(object) {
		        return {
		            mediaType: isSet(object.mediaType) ? globalThis.String(object.mediaType) : "",
		            trustedRoot: isSet(object.trustedRoot) ? exports.TrustedRoot.fromJSON(object.trustedRoot) : undefined,
		            signingConfig: isSet(object.signingConfig) ? exports.SigningConfig.fromJSON(object.signingConfig) : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.mediaType !== "") {
		            obj.mediaType = message.mediaType;
		        }
		        if (message.trustedRoot !== undefined) {
		            obj.trustedRoot = exports.TrustedRoot.toJSON(message.trustedRoot);
		        }
		        if (message.signingConfig !== undefined) {
		            obj.signingConfig = exports.SigningConfig.toJSON(message.signingConfig);
		        }
		        return obj;
		    },
		};
		function isSet(value) {
		    return value !== null && value !== undefined;
		} 
	} (sigstore_trustroot));
	return sigstore_trustroot;
}

var sigstore_verification = {};

var hasRequiredSigstore_verification;

function requireSigstore_verification () {
	if (hasRequiredSigstore_verification) return sigstore_verification;
	hasRequiredSigstore_verification = 1;
	(function (exports) {
		// Code generated by protoc-gen-ts_proto. DO NOT EDIT.
		// versions:
		//   protoc-gen-ts_proto  v2.12.0
		//   protoc               v7.35.1
		// source: sigstore_verification.proto
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.Input = exports.Artifact = exports.ArtifactVerificationOptions_ObserverTimestampOptions = exports.ArtifactVerificationOptions_TlogIntegratedTimestampOptions = exports.ArtifactVerificationOptions_TimestampAuthorityOptions = exports.ArtifactVerificationOptions_CtlogOptions = exports.ArtifactVerificationOptions_TlogOptions = exports.ArtifactVerificationOptions = exports.PublicKeyIdentities = exports.CertificateIdentities = exports.CertificateIdentity = void 0;
		/* eslint-disable */
		const sigstore_bundle_1 = requireSigstore_bundle();
		const sigstore_common_1 = requireSigstore_common();
		const sigstore_trustroot_1 = requireSigstore_trustroot();
		exports.CertificateIdentity = {
		    fromJSON(object) {
		        return {
		            issuer: isSet(object.issuer) ? globalThis.String(object.issuer) : "",
		            san: isSet(object.san) ? sigstore_common_1.SubjectAlternativeName.fromJSON(object.san) : undefined,
		            oids: globalThis.Array.isArray(object?.oids)
		                ? object.oids.map((e) => sigstore_common_1.ObjectIdentifierValuePair.fromJSON(e))
		                : [],
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.issuer !== "") {
		            obj.issuer = message.issuer;
		        }
		        if (message.san !== undefined) {
		            obj.san = sigstore_common_1.SubjectAlternativeName.toJSON(message.san);
		        }
		        if (message.oids?.length) {
		            obj.oids = message.oids.map((e) => sigstore_common_1.ObjectIdentifierValuePair.toJSON(e));
		        }
		        return obj;
		    },
		};
		exports.CertificateIdentities = {
		    fromJSON(object) {
		        return {
		            identities: globalThis.Array.isArray(object?.identities)
		                ? object.identities.map((e) => exports.CertificateIdentity.fromJSON(e))
		                : [],
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.identities?.length) {
		            obj.identities = message.identities.map((e) => exports.CertificateIdentity.toJSON(e));
		        }
		        return obj;
		    },
		};
		exports.PublicKeyIdentities = {
		    fromJSON(object) {
		        return {
		            publicKeys: globalThis.Array.isArray(object?.publicKeys)
		                ? object.publicKeys.map((e) => sigstore_common_1.PublicKey.fromJSON(e))
		                : [],
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.publicKeys?.length) {
		            obj.publicKeys = message.publicKeys.map((e) => sigstore_common_1.PublicKey.toJSON(e));
		        }
		        return obj;
		    },
		};
		exports.ArtifactVerificationOptions = {
		    fromJSON(object) {
		        return {
		            signers: isSet(object.certificateIdentities)
		                ? {
		                    $case: "certificateIdentities",
		                    certificateIdentities: exports.CertificateIdentities.fromJSON(object.certificateIdentities),
		                }
		                : isSet(object.publicKeys)
		                    ? { $case: "publicKeys", publicKeys: exports.PublicKeyIdentities.fromJSON(object.publicKeys) }
		                    : undefined,
		            tlogOptions: isSet(object.tlogOptions)
		                ? exports.ArtifactVerificationOptions_TlogOptions.fromJSON(object.tlogOptions)
		                : undefined,
		            ctlogOptions: isSet(object.ctlogOptions)
		                ? exports.ArtifactVerificationOptions_CtlogOptions.fromJSON(object.ctlogOptions)
		                : undefined,
		            tsaOptions: isSet(object.tsaOptions)
		                ? exports.ArtifactVerificationOptions_TimestampAuthorityOptions.fromJSON(object.tsaOptions)
		                : undefined,
		            integratedTsOptions: isSet(object.integratedTsOptions)
		                ? exports.ArtifactVerificationOptions_TlogIntegratedTimestampOptions.fromJSON(object.integratedTsOptions)
		                : undefined,
		            observerOptions: isSet(object.observerOptions)
		                ? exports.ArtifactVerificationOptions_ObserverTimestampOptions.fromJSON(object.observerOptions)
		                : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.signers?.$case === "certificateIdentities") {
		            obj.certificateIdentities = exports.CertificateIdentities.toJSON(message.signers.certificateIdentities);
		        }
		        else if (message.signers?.$case === "publicKeys") {
		            obj.publicKeys = exports.PublicKeyIdentities.toJSON(message.signers.publicKeys);
		        }
		        if (message.tlogOptions !== undefined) {
		            obj.tlogOptions = exports.ArtifactVerificationOptions_TlogOptions.toJSON(message.tlogOptions);
		        }
		        if (message.ctlogOptions !== undefined) {
		            obj.ctlogOptions = exports.ArtifactVerificationOptions_CtlogOptions.toJSON(message.ctlogOptions);
		        }
		        if (message.tsaOptions !== undefined) {
		            obj.tsaOptions = exports.ArtifactVerificationOptions_TimestampAuthorityOptions.toJSON(message.tsaOptions);
		        }
		        if (message.integratedTsOptions !== undefined) {
		            obj.integratedTsOptions = exports.ArtifactVerificationOptions_TlogIntegratedTimestampOptions.toJSON(message.integratedTsOptions);
		        }
		        if (message.observerOptions !== undefined) {
		            obj.observerOptions = exports.ArtifactVerificationOptions_ObserverTimestampOptions.toJSON(message.observerOptions);
		        }
		        return obj;
		    },
		};
		exports.ArtifactVerificationOptions_TlogOptions = {
		    fromJSON(object) {
		        return {
		            threshold: isSet(object.threshold) ? globalThis.Number(object.threshold) : 0,
		            performOnlineVerification: isSet(object.performOnlineVerification)
		                ? globalThis.Boolean(object.performOnlineVerification)
		                : false,
		            disable: isSet(object.disable) ? globalThis.Boolean(object.disable) : false,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.threshold !== 0) {
		            obj.threshold = Math.round(message.threshold);
		        }
		        if (message.performOnlineVerification !== false) {
		            obj.performOnlineVerification = message.performOnlineVerification;
		        }
		        if (message.disable !== false) {
		            obj.disable = message.disable;
		        }
		        return obj;
		    },
		};
		exports.ArtifactVerificationOptions_CtlogOptions = {
		    fromJSON(object) {
		        return {
		            threshold: isSet(object.threshold) ? globalThis.Number(object.threshold) : 0,
		            disable: isSet(object.disable) ? globalThis.Boolean(object.disable) : false,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.threshold !== 0) {
		            obj.threshold = Math.round(message.threshold);
		        }
		        if (message.disable !== false) {
		            obj.disable = message.disable;
		        }
		        return obj;
		    },
		};
		exports.ArtifactVerificationOptions_TimestampAuthorityOptions = {
		    fromJSON(object) {
		        return {
		            threshold: isSet(object.threshold) ? globalThis.Number(object.threshold) : 0,
		            disable: isSet(object.disable) ? globalThis.Boolean(object.disable) : false,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.threshold !== 0) {
		            obj.threshold = Math.round(message.threshold);
		        }
		        if (message.disable !== false) {
		            obj.disable = message.disable;
		        }
		        return obj;
		    },
		};
		exports.ArtifactVerificationOptions_TlogIntegratedTimestampOptions = {
		    fromJSON(object) {
		        return {
		            threshold: isSet(object.threshold) ? globalThis.Number(object.threshold) : 0,
		            disable: isSet(object.disable) ? globalThis.Boolean(object.disable) : false,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.threshold !== 0) {
		            obj.threshold = Math.round(message.threshold);
		        }
		        if (message.disable !== false) {
		            obj.disable = message.disable;
		        }
		        return obj;
		    },
		};
		exports.ArtifactVerificationOptions_ObserverTimestampOptions = {
		    fromJSON(object) {
		        return {
		            threshold: isSet(object.threshold) ? globalThis.Number(object.threshold) : 0,
		            disable: isSet(object.disable) ? globalThis.Boolean(object.disable) : false,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.threshold !== 0) {
		            obj.threshold = Math.round(message.threshold);
		        }
		        if (message.disable !== false) {
		            obj.disable = message.disable;
		        }
		        return obj;
		    },
		};
		exports.Artifact = {
		    fromJSON(object) {
		        return {
		            data: isSet(object.artifactUri)
		                ? { $case: "artifactUri", artifactUri: globalThis.String(object.artifactUri) }
		                : isSet(object.artifact)
		                    ? { $case: "artifact", artifact: Buffer.from(bytesFromBase64(object.artifact)) }
		                    : isSet(object.artifactDigest)
		                        ? { $case: "artifactDigest", artifactDigest: sigstore_common_1.HashOutput.fromJSON(object.artifactDigest) }
		                        : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.data?.$case === "artifactUri") {
		            obj.artifactUri = message.data.artifactUri;
		        }
		        else if (message.data?.$case === "artifact") {
		            obj.artifact = base64FromBytes(message.data.artifact);
		        }
		        else if (message.data?.$case === "artifactDigest") {
		            obj.artifactDigest = sigstore_common_1.HashOutput.toJSON(message.data.artifactDigest);
		        }
		        return obj;
		    },
		};
		exports.Input = {
		    fromJSON(object) {
		        return {
		            artifactTrustRoot: isSet(object.artifactTrustRoot) ? sigstore_trustroot_1.TrustedRoot.fromJSON(object.artifactTrustRoot) : undefined,
		            artifactVerificationOptions: isSet(object.artifactVerificationOptions)
		                ? exports.ArtifactVerificationOptions.fromJSON(object.artifactVerificationOptions)
		                : undefined,
		            bundle: isSet(object.bundle) ? sigstore_bundle_1.Bundle.fromJSON(object.bundle) : undefined,
		            artifact: isSet(object.artifact) ? exports.Artifact.fromJSON(object.artifact) : undefined,
		        };
		    },
		    toJSON(message) {
		        const obj = {};
		        if (message.artifactTrustRoot !== undefined) {
		            obj.artifactTrustRoot = sigstore_trustroot_1.TrustedRoot.toJSON(message.artifactTrustRoot);
		        }
		        if (message.artifactVerificationOptions !== undefined) {
		            obj.artifactVerificationOptions = exports.ArtifactVerificationOptions.toJSON(message.artifactVerificationOptions);
		        }
		        if (message.bundle !== undefined) {
		            obj.bundle = sigstore_bundle_1.Bundle.toJSON(message.bundle);
		        }
		        if (message.artifact !== undefined) {
		            obj.artifact = exports.Artifact.toJSON(message.artifact);
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
	} (sigstore_verification));
	return sigstore_verification;
}

var hasRequiredDist$1;

function requireDist$1 () {
	if (hasRequiredDist$1) return dist;
	hasRequiredDist$1 = 1;
	(function (exports) {
		var __createBinding = (dist && dist.__createBinding) || (Object.create ? (function(o, m, k, k2) {
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
		var __exportStar = (dist && dist.__exportStar) || function(m, exports) {
		    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
		};
		Object.defineProperty(exports, "__esModule", { value: true });
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
		__exportStar(requireEnvelope(), exports);
		__exportStar(requireSigstore_bundle(), exports);
		__exportStar(requireSigstore_common(), exports);
		__exportStar(requireSigstore_rekor(), exports);
		__exportStar(requireSigstore_trustroot(), exports);
		__exportStar(requireSigstore_verification(), exports); 
	} (dist));
	return dist;
}

var bundle = {};

var hasRequiredBundle;

function requireBundle () {
	if (hasRequiredBundle) return bundle;
	hasRequiredBundle = 1;
	Object.defineProperty(bundle, "__esModule", { value: true });
	bundle.BUNDLE_V03_MEDIA_TYPE = bundle.BUNDLE_V03_LEGACY_MEDIA_TYPE = bundle.BUNDLE_V02_MEDIA_TYPE = bundle.BUNDLE_V01_MEDIA_TYPE = void 0;
	bundle.isBundleWithCertificateChain = isBundleWithCertificateChain;
	bundle.isBundleWithPublicKey = isBundleWithPublicKey;
	bundle.isBundleWithMessageSignature = isBundleWithMessageSignature;
	bundle.isBundleWithDsseEnvelope = isBundleWithDsseEnvelope;
	bundle.BUNDLE_V01_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
	bundle.BUNDLE_V02_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.2';
	bundle.BUNDLE_V03_LEGACY_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.3';
	bundle.BUNDLE_V03_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
	// Type guards for bundle variants.
	function isBundleWithCertificateChain(b) {
	    return b.verificationMaterial.content.$case === 'x509CertificateChain';
	}
	function isBundleWithPublicKey(b) {
	    return b.verificationMaterial.content.$case === 'publicKey';
	}
	function isBundleWithMessageSignature(b) {
	    return b.content.$case === 'messageSignature';
	}
	function isBundleWithDsseEnvelope(b) {
	    return b.content.$case === 'dsseEnvelope';
	}
	return bundle;
}

var hasRequiredBuild;

function requireBuild () {
	if (hasRequiredBuild) return build;
	hasRequiredBuild = 1;
	Object.defineProperty(build, "__esModule", { value: true });
	build.toMessageSignatureBundle = toMessageSignatureBundle;
	build.toDSSEBundle = toDSSEBundle;
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
	const protobuf_specs_1 = requireDist$1();
	const bundle_1 = requireBundle();
	// Message signature bundle - $case: 'messageSignature'
	function toMessageSignatureBundle(options) {
	    return {
	        mediaType: options.certificateChain
	            ? bundle_1.BUNDLE_V02_MEDIA_TYPE
	            : bundle_1.BUNDLE_V03_MEDIA_TYPE,
	        content: {
	            $case: 'messageSignature',
	            messageSignature: {
	                messageDigest: {
	                    algorithm: protobuf_specs_1.HashAlgorithm.SHA2_256,
	                    digest: options.digest,
	                },
	                signature: options.signature,
	            },
	        },
	        verificationMaterial: toVerificationMaterial(options),
	    };
	}
	// DSSE envelope bundle - $case: 'dsseEnvelope'
	function toDSSEBundle(options) {
	    return {
	        mediaType: options.certificateChain
	            ? bundle_1.BUNDLE_V02_MEDIA_TYPE
	            : bundle_1.BUNDLE_V03_MEDIA_TYPE,
	        content: {
	            $case: 'dsseEnvelope',
	            dsseEnvelope: toEnvelope(options),
	        },
	        verificationMaterial: toVerificationMaterial(options),
	    };
	}
	function toEnvelope(options) {
	    return {
	        payloadType: options.artifactType,
	        payload: options.artifact,
	        signatures: [toSignature(options)],
	    };
	}
	function toSignature(options) {
	    return {
	        keyid: options.keyHint || '',
	        sig: options.signature,
	    };
	}
	// Verification material
	function toVerificationMaterial(options) {
	    return {
	        content: toKeyContent(options),
	        tlogEntries: [],
	        timestampVerificationData: { rfc3161Timestamps: [] },
	    };
	}
	function toKeyContent(options) {
	    if (options.certificate) {
	        if (options.certificateChain) {
	            return {
	                $case: 'x509CertificateChain',
	                x509CertificateChain: {
	                    certificates: [{ rawBytes: options.certificate }],
	                },
	            };
	        }
	        else {
	            return {
	                $case: 'certificate',
	                certificate: { rawBytes: options.certificate },
	            };
	        }
	    }
	    else {
	        return {
	            $case: 'publicKey',
	            publicKey: {
	                hint: options.keyHint || '',
	            },
	        };
	    }
	}
	return build;
}

var error = {};

var hasRequiredError;

function requireError () {
	if (hasRequiredError) return error;
	hasRequiredError = 1;
	Object.defineProperty(error, "__esModule", { value: true });
	error.ValidationError = void 0;
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
	class ValidationError extends Error {
	    fields;
	    constructor(message, fields) {
	        super(message);
	        this.fields = fields;
	    }
	}
	error.ValidationError = ValidationError;
	return error;
}

var serialized = {};

var validate = {};

var hasRequiredValidate;

function requireValidate () {
	if (hasRequiredValidate) return validate;
	hasRequiredValidate = 1;
	Object.defineProperty(validate, "__esModule", { value: true });
	validate.assertBundle = assertBundle;
	validate.assertBundleV01 = assertBundleV01;
	validate.isBundleV01 = isBundleV01;
	validate.assertBundleV02 = assertBundleV02;
	validate.assertBundleLatest = assertBundleLatest;
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
	// Performs basic validation of a Sigstore bundle to ensure that all required
	// fields are populated. This is not a complete validation of the bundle, but
	// rather a check that the bundle is in a valid state to be processed by the
	// rest of the code.
	function assertBundle(b) {
	    const invalidValues = validateBundleBase(b);
	    if (invalidValues.length > 0) {
	        throw new error_1.ValidationError('invalid bundle', invalidValues);
	    }
	}
	// Asserts that the given bundle conforms to the v0.1 bundle format.
	function assertBundleV01(b) {
	    const invalidValues = [];
	    invalidValues.push(...validateBundleBase(b));
	    invalidValues.push(...validateInclusionPromise(b));
	    if (invalidValues.length > 0) {
	        throw new error_1.ValidationError('invalid v0.1 bundle', invalidValues);
	    }
	}
	// Type guard to determine if Bundle is a v0.1 bundle.
	function isBundleV01(b) {
	    try {
	        assertBundleV01(b);
	        return true;
	    }
	    catch (e) {
	        return false;
	    }
	}
	// Asserts that the given bundle conforms to the v0.2 bundle format.
	function assertBundleV02(b) {
	    const invalidValues = [];
	    invalidValues.push(...validateBundleBase(b));
	    invalidValues.push(...validateInclusionProof(b));
	    if (invalidValues.length > 0) {
	        throw new error_1.ValidationError('invalid v0.2 bundle', invalidValues);
	    }
	}
	// Asserts that the given bundle conforms to the newest (0.3) bundle format.
	function assertBundleLatest(b) {
	    const invalidValues = [];
	    invalidValues.push(...validateBundleBase(b));
	    invalidValues.push(...validateInclusionProof(b));
	    invalidValues.push(...validateNoCertificateChain(b));
	    if (invalidValues.length > 0) {
	        throw new error_1.ValidationError('invalid bundle', invalidValues);
	    }
	}
	function validateBundleBase(b) {
	    const invalidValues = [];
	    // Media type validation
	    if (b.mediaType === undefined ||
	        (!b.mediaType.match(/^application\/vnd\.dev\.sigstore\.bundle\+json;version=\d\.\d/) &&
	            !b.mediaType.match(/^application\/vnd\.dev\.sigstore\.bundle\.v\d\.\d\+json/))) {
	        invalidValues.push('mediaType');
	    }
	    // Content-related validation
	    if (b.content === undefined) {
	        invalidValues.push('content');
	    }
	    else {
	        switch (b.content.$case) {
	            case 'messageSignature':
	                if (b.content.messageSignature.messageDigest === undefined) {
	                    invalidValues.push('content.messageSignature.messageDigest');
	                }
	                else {
	                    if (b.content.messageSignature.messageDigest.digest.length === 0) {
	                        invalidValues.push('content.messageSignature.messageDigest.digest');
	                    }
	                }
	                if (b.content.messageSignature.signature.length === 0) {
	                    invalidValues.push('content.messageSignature.signature');
	                }
	                break;
	            case 'dsseEnvelope':
	                if (b.content.dsseEnvelope.payload.length === 0) {
	                    invalidValues.push('content.dsseEnvelope.payload');
	                }
	                if (b.content.dsseEnvelope.signatures.length !== 1) {
	                    invalidValues.push('content.dsseEnvelope.signatures');
	                }
	                else {
	                    if (b.content.dsseEnvelope.signatures[0].sig.length === 0) {
	                        invalidValues.push('content.dsseEnvelope.signatures[0].sig');
	                    }
	                }
	                break;
	        }
	    }
	    // Verification material-related validation
	    if (b.verificationMaterial === undefined) {
	        invalidValues.push('verificationMaterial');
	    }
	    else {
	        if (b.verificationMaterial.content === undefined) {
	            invalidValues.push('verificationMaterial.content');
	        }
	        else {
	            switch (b.verificationMaterial.content.$case) {
	                case 'x509CertificateChain':
	                    if (b.verificationMaterial.content.x509CertificateChain.certificates
	                        .length === 0) {
	                        invalidValues.push('verificationMaterial.content.x509CertificateChain.certificates');
	                    }
	                    b.verificationMaterial.content.x509CertificateChain.certificates.forEach((cert, i) => {
	                        if (cert.rawBytes.length === 0) {
	                            invalidValues.push(`verificationMaterial.content.x509CertificateChain.certificates[${i}].rawBytes`);
	                        }
	                    });
	                    break;
	                case 'certificate':
	                    if (b.verificationMaterial.content.certificate.rawBytes.length === 0) {
	                        invalidValues.push('verificationMaterial.content.certificate.rawBytes');
	                    }
	                    break;
	            }
	        }
	        if (b.verificationMaterial.tlogEntries === undefined) {
	            invalidValues.push('verificationMaterial.tlogEntries');
	        }
	        else {
	            if (b.verificationMaterial.tlogEntries.length > 0) {
	                b.verificationMaterial.tlogEntries.forEach((entry, i) => {
	                    if (entry.logId === undefined) {
	                        invalidValues.push(`verificationMaterial.tlogEntries[${i}].logId`);
	                    }
	                    if (entry.kindVersion === undefined) {
	                        invalidValues.push(`verificationMaterial.tlogEntries[${i}].kindVersion`);
	                    }
	                });
	            }
	        }
	    }
	    return invalidValues;
	}
	// Necessary for V01 bundles
	function validateInclusionPromise(b) {
	    const invalidValues = [];
	    if (b.verificationMaterial &&
	        b.verificationMaterial.tlogEntries?.length > 0) {
	        b.verificationMaterial.tlogEntries.forEach((entry, i) => {
	            if (entry.inclusionPromise === undefined) {
	                invalidValues.push(`verificationMaterial.tlogEntries[${i}].inclusionPromise`);
	            }
	        });
	    }
	    return invalidValues;
	}
	// Necessary for V02 and later bundles
	function validateInclusionProof(b) {
	    const invalidValues = [];
	    if (b.verificationMaterial &&
	        b.verificationMaterial.tlogEntries?.length > 0) {
	        b.verificationMaterial.tlogEntries.forEach((entry, i) => {
	            if (entry.inclusionProof === undefined) {
	                invalidValues.push(`verificationMaterial.tlogEntries[${i}].inclusionProof`);
	            }
	            else {
	                if (entry.inclusionProof.checkpoint === undefined) {
	                    invalidValues.push(`verificationMaterial.tlogEntries[${i}].inclusionProof.checkpoint`);
	                }
	            }
	        });
	    }
	    return invalidValues;
	}
	// Necessary for V03 and later bundles
	function validateNoCertificateChain(b) {
	    const invalidValues = [];
	    /* istanbul ignore next */
	    if (b.verificationMaterial?.content?.$case === 'x509CertificateChain') {
	        invalidValues.push('verificationMaterial.content.$case');
	    }
	    return invalidValues;
	}
	return validate;
}

var hasRequiredSerialized;

function requireSerialized () {
	if (hasRequiredSerialized) return serialized;
	hasRequiredSerialized = 1;
	Object.defineProperty(serialized, "__esModule", { value: true });
	serialized.envelopeToJSON = serialized.envelopeFromJSON = serialized.bundleToJSON = serialized.bundleFromJSON = void 0;
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
	const protobuf_specs_1 = requireDist$1();
	const bundle_1 = requireBundle();
	const validate_1 = requireValidate();
	const bundleFromJSON = (obj) => {
	    const bundle = protobuf_specs_1.Bundle.fromJSON(obj);
	    switch (bundle.mediaType) {
	        case bundle_1.BUNDLE_V01_MEDIA_TYPE:
	            (0, validate_1.assertBundleV01)(bundle);
	            break;
	        case bundle_1.BUNDLE_V02_MEDIA_TYPE:
	            (0, validate_1.assertBundleV02)(bundle);
	            break;
	        default:
	            (0, validate_1.assertBundleLatest)(bundle);
	            break;
	    }
	    return bundle;
	};
	serialized.bundleFromJSON = bundleFromJSON;
	const bundleToJSON = (bundle) => {
	    return protobuf_specs_1.Bundle.toJSON(bundle);
	};
	serialized.bundleToJSON = bundleToJSON;
	const envelopeFromJSON = (obj) => {
	    return protobuf_specs_1.Envelope.fromJSON(obj);
	};
	serialized.envelopeFromJSON = envelopeFromJSON;
	const envelopeToJSON = (envelope) => {
	    return protobuf_specs_1.Envelope.toJSON(envelope);
	};
	serialized.envelopeToJSON = envelopeToJSON;
	return serialized;
}

var hasRequiredDist;

function requireDist () {
	if (hasRequiredDist) return dist$1;
	hasRequiredDist = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.isBundleV01 = exports.assertBundleV02 = exports.assertBundleV01 = exports.assertBundleLatest = exports.assertBundle = exports.envelopeToJSON = exports.envelopeFromJSON = exports.bundleToJSON = exports.bundleFromJSON = exports.ValidationError = exports.isBundleWithPublicKey = exports.isBundleWithMessageSignature = exports.isBundleWithDsseEnvelope = exports.isBundleWithCertificateChain = exports.BUNDLE_V03_MEDIA_TYPE = exports.BUNDLE_V03_LEGACY_MEDIA_TYPE = exports.BUNDLE_V02_MEDIA_TYPE = exports.BUNDLE_V01_MEDIA_TYPE = exports.toMessageSignatureBundle = exports.toDSSEBundle = void 0;
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
		var build_1 = requireBuild();
		Object.defineProperty(exports, "toDSSEBundle", { enumerable: true, get: function () { return build_1.toDSSEBundle; } });
		Object.defineProperty(exports, "toMessageSignatureBundle", { enumerable: true, get: function () { return build_1.toMessageSignatureBundle; } });
		var bundle_1 = requireBundle();
		Object.defineProperty(exports, "BUNDLE_V01_MEDIA_TYPE", { enumerable: true, get: function () { return bundle_1.BUNDLE_V01_MEDIA_TYPE; } });
		Object.defineProperty(exports, "BUNDLE_V02_MEDIA_TYPE", { enumerable: true, get: function () { return bundle_1.BUNDLE_V02_MEDIA_TYPE; } });
		Object.defineProperty(exports, "BUNDLE_V03_LEGACY_MEDIA_TYPE", { enumerable: true, get: function () { return bundle_1.BUNDLE_V03_LEGACY_MEDIA_TYPE; } });
		Object.defineProperty(exports, "BUNDLE_V03_MEDIA_TYPE", { enumerable: true, get: function () { return bundle_1.BUNDLE_V03_MEDIA_TYPE; } });
		Object.defineProperty(exports, "isBundleWithCertificateChain", { enumerable: true, get: function () { return bundle_1.isBundleWithCertificateChain; } });
		Object.defineProperty(exports, "isBundleWithDsseEnvelope", { enumerable: true, get: function () { return bundle_1.isBundleWithDsseEnvelope; } });
		Object.defineProperty(exports, "isBundleWithMessageSignature", { enumerable: true, get: function () { return bundle_1.isBundleWithMessageSignature; } });
		Object.defineProperty(exports, "isBundleWithPublicKey", { enumerable: true, get: function () { return bundle_1.isBundleWithPublicKey; } });
		var error_1 = requireError();
		Object.defineProperty(exports, "ValidationError", { enumerable: true, get: function () { return error_1.ValidationError; } });
		var serialized_1 = requireSerialized();
		Object.defineProperty(exports, "bundleFromJSON", { enumerable: true, get: function () { return serialized_1.bundleFromJSON; } });
		Object.defineProperty(exports, "bundleToJSON", { enumerable: true, get: function () { return serialized_1.bundleToJSON; } });
		Object.defineProperty(exports, "envelopeFromJSON", { enumerable: true, get: function () { return serialized_1.envelopeFromJSON; } });
		Object.defineProperty(exports, "envelopeToJSON", { enumerable: true, get: function () { return serialized_1.envelopeToJSON; } });
		var validate_1 = requireValidate();
		Object.defineProperty(exports, "assertBundle", { enumerable: true, get: function () { return validate_1.assertBundle; } });
		Object.defineProperty(exports, "assertBundleLatest", { enumerable: true, get: function () { return validate_1.assertBundleLatest; } });
		Object.defineProperty(exports, "assertBundleV01", { enumerable: true, get: function () { return validate_1.assertBundleV01; } });
		Object.defineProperty(exports, "assertBundleV02", { enumerable: true, get: function () { return validate_1.assertBundleV02; } });
		Object.defineProperty(exports, "isBundleV01", { enumerable: true, get: function () { return validate_1.isBundleV01; } }); 
	} (dist$1));
	return dist$1;
}

const isDefaultSocketTimeoutEnabled = () => typeof process === "object" && process?.env?.AWS_ENABLE_DEFAULT_SOCKET_TIMEOUT_2026 === "true";
const getDefaultSocketTimeout = (requestHandler, timeoutMs) => {
    if (!isDefaultSocketTimeoutEnabled()) {
        return undefined;
    }
    if (typeof requestHandler?.handle === "function") {
        return undefined;
    }
    return timeoutMs;
};

class NoAuthSigner {
    async sign(httpRequest, identity, signingProperties) {
        return httpRequest;
    }
}

/**
 * Utilities for hex, bytes, CSPRNG.
 * @module
 */
/*! noble-ciphers - MIT License (c) 2023 Paul Miller (paulmillr.com) */
/**
 * Checks if something is Uint8Array. Be careful: nodejs Buffer will return true.
 * @param a - Value to inspect.
 * @returns `true` when the value is a Uint8Array view, including Node's `Buffer`.
 * @example
 * Guards a value before treating it as raw key material.
 *
 * ```ts
 * isBytes(new Uint8Array());
 * ```
 */
function isBytes(a) {
    // Plain `instanceof Uint8Array` is too strict for some Buffer / proxy /
    // cross-realm cases. The fallback still requires a real ArrayBuffer view
    // so plain JSON-deserialized `{ constructor: ... }`
    // spoofing is rejected, and `BYTES_PER_ELEMENT === 1` keeps the fallback on byte-oriented views.
    return (a instanceof Uint8Array ||
        (ArrayBuffer.isView(a) &&
            a.constructor.name === 'Uint8Array' &&
            'BYTES_PER_ELEMENT' in a &&
            a.BYTES_PER_ELEMENT === 1));
}
// Shared error-message prefix builder. Only called on throw paths, so assert
// success paths never pay for the string concatenation.
const atitle = (title) => (title ? `"${title}" ` : '');
/**
 * Asserts something is boolean.
 * @param value - Value to validate.
 * @returns The validated boolean.
 * @throws On wrong argument types. {@link TypeError}
 * @example
 * Validates a boolean option before branching on it.
 *
 * ```ts
 * abool(true);
 * ```
 */
function abool(value, title = '') {
    if (typeof value !== 'boolean')
        throw new TypeError(atitle(title) + 'expected boolean, got type=' + typeof value);
    return value;
}
/**
 * Asserts something is a non-negative safe integer.
 * @param n - Value to validate.
 * @returns The validated number.
 * @throws On wrong argument types. {@link TypeError}
 * @throws On wrong argument ranges or values. {@link RangeError}
 * @example
 * Validates a non-negative length or counter.
 *
 * ```ts
 * anumber(1);
 * ```
 */
function anumber(n, title = '') {
    if (typeof n !== 'number')
        throw new TypeError(atitle(title) + 'expected number, got ' + typeof n);
    if (!Number.isSafeInteger(n) || n < 0)
        throw new RangeError(atitle(title) + 'expected integer >= 0, got ' + n);
    return n;
}
/**
 * Asserts something is Uint8Array.
 * @param value - Value to validate.
 * @param length - Expected byte length.
 * @param title - Optional label used in error messages.
 * @returns The validated byte array.
 * On Node, `Buffer` is accepted too because it is a Uint8Array view.
 * @throws On wrong argument types. {@link TypeError}
 * @throws On wrong argument lengths. {@link RangeError}
 * @example
 * Validates a fixed-length nonce or key buffer.
 *
 * ```ts
 * abytes(new Uint8Array([1, 2]), 2);
 * ```
 */
function abytes(value, length, title = '') {
    // Success path first: this runs at the start of every update() / digestInto(), and the
    // common `abytes(data)` form must not pay for length handling it does not use.
    if (isBytes(value) && (length === undefined || value.length === length))
        return value;
    // Error path: recompute freely to build the exact message.
    if (length !== undefined)
        anumber(length, 'length');
    const bytes = isBytes(value);
    const ofLen = length !== undefined ? ` of length ${length}` : '';
    const got = bytes ? `length=${value.length}` : `type=${typeof value}`;
    const message = atitle(title) + 'expected Uint8Array' + ofLen + ', got ' + got;
    if (!bytes)
        throw new TypeError(message);
    throw new RangeError(message);
}
const aobject = (value, label) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw new TypeError(label === 'object'
            ? 'expected valid options object'
            : `"${label}" expected object, got type=${typeof value}`);
};
/**
 * Asserts a hash- or MAC-like instance has not been destroyed or finished.
 * @param instance - Stateful instance to validate.
 * @param checkFinished - Whether to reject finished instances.
 * When `false`, only `destroyed` is checked.
 * @throws If the hash instance has already been destroyed or finalized. {@link Error}
 * @example
 * Guards against calling `update()` or `digest()` on a finished hash.
 *
 * ```ts
 * aexists({ destroyed: false, finished: false });
 * ```
 */
function aexists(instance, checkFinished = true) {
    // Runs on every update()/digestInto(); the flags are library-owned booleans, so only their
    // truthiness is checked - re-validating their type per call was pure hot-path overhead.
    if (instance.destroyed)
        throw new Error('hash was destroyed');
    if (checkFinished && instance.finished)
        throw new Error('digest() was already called');
}
/**
 * Asserts output is a sufficiently-sized byte array.
 * @param out - Output buffer to validate.
 * @param instance - Hash-like instance providing `outputLen`.
 * This is the relaxed `digestInto()`-style contract: output must be at least `outputLen`,
 * unlike one-shot cipher helpers elsewhere in the repo that often require exact lengths.
 * @throws On wrong argument types. {@link TypeError}
 * @throws On wrong output buffer lengths. {@link RangeError}
 * @example
 * Verifies that a caller-provided output buffer is large enough.
 *
 * ```ts
 * aoutput(new Uint8Array(16), { outputLen: 16 });
 * ```
 */
function aoutput(out, instance) {
    abytes(out, undefined, 'output');
    // `outputLen` is a library-owned readonly number; the negated comparison keeps failing fast
    // when it is missing/NaN (comparisons with undefined/NaN are false) without an anumber() call.
    const min = instance.outputLen;
    if (!(out.length >= min)) {
        throw new RangeError('"output" expected length >= ' + min);
    }
}
/**
 * Casts a typed-array view to Uint32Array.
 * @param arr - Typed-array view to reinterpret.
 * @returns Uint32Array view over the same bytes. Callers are expected to provide a
 * 4-byte-aligned offset; trailing `1..3` bytes are silently dropped.
 * @example
 * Views a byte buffer as 32-bit words for block processing.
 *
 * ```ts
 * u32(new Uint8Array(4));
 * ```
 */
function u32(arr) {
    return new Uint32Array(arr.buffer, arr.byteOffset, Math.floor(arr.byteLength / 4));
}
/**
 * Zeroizes typed arrays in place.
 * Warning: JS provides no guarantees.
 * @param arrays - Arrays to wipe.
 * @example
 * Wipes a temporary key buffer after use.
 *
 * ```ts
 * const bytes = new Uint8Array([1]);
 * clean(bytes);
 * ```
 */
function clean(...arrays) {
    for (let i = 0; i < arrays.length; i++) {
        arrays[i].fill(0);
    }
}
/**
 * Whether the current platform is little-endian.
 * Most are; some IBM systems are not.
 */
const isLE = /* @__PURE__ */ (() => new Uint8Array(new Uint32Array([0x11223344]).buffer)[0] === 0x44)();
/**
 * Reverses byte order of one 32-bit word.
 * @param word - Unsigned 32-bit word to swap.
 * @returns The same word with bytes reversed.
 * @example
 * Swaps a big-endian word into little-endian byte order.
 *
 * ```ts
 * byteSwap(0x11223344);
 * ```
 */
function byteSwap(word) {
    return (((word << 24) & 0xff000000) |
        ((word << 8) & 0xff0000) |
        ((word >>> 8) & 0xff00) |
        ((word >>> 24) & 0xff));
}
/**
 * Byte-swaps every word of a Uint32Array in place.
 * @param arr - Uint32Array whose words should be swapped.
 * @returns The same array after in-place byte swapping.
 * @example
 * Swaps every 32-bit word in a word-view buffer.
 *
 * ```ts
 * byteSwap32(new Uint32Array([0x11223344]));
 * ```
 */
function byteSwap32(arr) {
    for (let i = 0; i < arr.length; i++) {
        arr[i] = byteSwap(arr[i]);
    }
    return arr;
}
/**
 * Normalizes a Uint32Array view to the little-endian representation expected by cipher cores.
 * @param u - Word view to normalize in place.
 * @returns Little-endian normalized word view.
 * @example
 * Normalizes a word-view buffer before block processing.
 *
 * ```ts
 * swap32IfBE(new Uint32Array([0x11223344]));
 * ```
 */
const swap32IfBE = isLE
    ? (u) => u
    : byteSwap32;
/**
 * Checks if two U8A use same underlying buffer and overlaps.
 * This is invalid and can corrupt data.
 * @param a - First byte view.
 * @param b - Second byte view.
 * @returns `true` when the views overlap in memory.
 * @example
 * Detects whether two slices alias the same backing buffer.
 *
 * ```ts
 * overlapBytes(new Uint8Array(4), new Uint8Array(4));
 * ```
 */
function overlapBytes(a, b) {
    // Zero-length views cannot overwrite anything, even if their offset sits inside another range.
    if (!a.byteLength || !b.byteLength)
        return false;
    return (a.buffer === b.buffer && // best we can do, may fail with an obscure Proxy
        a.byteOffset < b.byteOffset + b.byteLength && // a starts before b end
        b.byteOffset < a.byteOffset + a.byteLength // b starts before a end
    );
}
/**
 * If input and output overlap and input starts before output, we will overwrite end of input before
 * we start processing it, so this is not supported by forward-processing ciphers.
 * @param input - Input bytes.
 * @param output - Output bytes.
 * @throws If the output view would overwrite unread input bytes. {@link Error}
 * @example
 * Rejects an in-place layout that would overwrite unread input bytes.
 *
 * ```ts
 * const buffer = new Uint8Array(8);
 * complexOverlapBytes(buffer.subarray(0, 4), buffer.subarray(2, 6));
 * ```
 */
function complexOverlapBytes(input, output) {
    // This is very cursed. It works somehow, but I'm completely unsure,
    // reasoning about overlapping aligned windows is very hard.
    if (overlapBytes(input, output) && input.byteOffset < output.byteOffset)
        throw new Error('complex overlap of input and output is not supported');
}
/**
 * Merges user options into defaults.
 * @param defaults - Default option values.
 * @param opts - User-provided overrides.
 * @returns Combined options object.
 * `defaults` is a library-owned mutable object; user-provided `opts` only need to be
 * object-shaped, since "plain object" checks reject valid proxy/cross-realm containers.
 * The merge mutates `defaults` in place and returns the same object, so direct callers
 * should pass a fresh defaults object unless they intentionally want shared state updated.
 * @throws If options are missing or not an object. {@link Error}
 * @example
 * Applies user overrides to the default cipher options.
 *
 * ```ts
 * checkOpts({ rounds: 20 }, { rounds: 8 });
 * ```
 */
function checkOpts(defaults, opts) {
    aobject(defaults, 'defaults');
    aobject(opts, 'opts');
    // Mutates defaults by design. __proto__ follows Object.assign semantics here and can only
    // affect this local option object; callers already control this low-level options surface.
    const merged = Object.assign(defaults, opts);
    return merged;
}
/**
 * Compares two byte arrays in kinda constant time once lengths already match.
 * @param a - First byte array.
 * @param b - Second byte array.
 * @returns `true` when the arrays contain the same bytes. Different lengths still return early.
 * @example
 * Compares an expected authentication tag with the received one.
 *
 * ```ts
 * equalBytes(new Uint8Array([1]), new Uint8Array([1]));
 * ```
 */
function equalBytes(a, b) {
    a = abytes(a);
    b = abytes(b);
    if (a.length !== b.length)
        return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++)
        diff |= a[i] ^ b[i];
    return diff === 0;
}
/**
 * Wraps a keyed MAC constructor into a one-shot helper with `.create()`.
 * @param keyLen - Valid probe-key length used to read static metadata once.
 * The probe key is only used for `outputLen` / `blockLen`, so callers with several valid key sizes
 * can pass any representative size as long as those values stay fixed.
 * @param macCons - Keyed MAC constructor or factory.
 * @param fromMsg - Optional adapter that derives extra constructor args from the one-shot message.
 * @returns Callable MAC helper with `.create()`.
 */
function wrapMacConstructor(keyLen, macCons, fromMsg) {
    const mac = macCons;
    const getArgs = ((() => []));
    const macC = (msg, key) => mac(key, ...getArgs(msg))
        .update(msg)
        .digest();
    const tmp = mac(new Uint8Array(keyLen), ...getArgs(new Uint8Array(0)));
    macC.outputLen = tmp.outputLen;
    macC.blockLen = tmp.blockLen;
    macC.create = (key, ...args) => mac(key, ...args);
    return macC;
}
/**
 * Wraps a cipher: validates args, ensures encrypt() can only be called once.
 * Used internally by the exported cipher constructors.
 * Output-buffer support is inferred from the wrapped `encrypt` / `decrypt`
 * arity (`fn.length === 2`), so wrapped output-capable methods must use a normal
 * second parameter, not a default/rest parameter. AAD support is explicit in
 * `params.withAAD`; optional AAD starts after the nonce slot when one is present.
 * @__NO_SIDE_EFFECTS__
 * @param params - Static cipher metadata. See {@link CipherParams}.
 * @param constructor - Cipher constructor.
 * @returns Wrapped constructor with validation.
 */
const wrapCipher = (params, constructor) => {
    function wrappedCipher(key, ...args) {
        // Validate key
        abytes(key, undefined, 'key');
        // Validate nonce if nonceLength is present
        if (params.nonceLength !== undefined) {
            const nonce = args[0];
            abytes(nonce, params.varSizeNonce ? undefined : params.nonceLength, 'nonce');
        }
        // Keep tag length available for decrypt-size checks after constructor validation.
        const tagl = params.tagLength;
        const aadStart = params.nonceLength !== undefined ? 1 : 0;
        // No-AAD constructors otherwise silently ignore byte args meant as AAD.
        if (!params.withAAD) {
            for (let i = aadStart; i < args.length; i++)
                if (isBytes(args[i]))
                    throw new Error('AAD not supported');
        }
        // Validate the first AAD slot early; rest-arg AAD constructors validate the tail themselves.
        if (params.withAAD && args[aadStart] !== undefined)
            abytes(args[aadStart], undefined, 'AAD');
        const cipher = constructor(key, ...args);
        const checkOutput = (fnLength, output) => {
            if (output !== undefined) {
                if (fnLength !== 2)
                    throw new Error('cipher output not supported');
                abytes(output, undefined, 'output');
            }
        };
        // Create wrapped cipher with validation and single-use encryption
        let called = false;
        const wrCipher = {
            encrypt(data, output) {
                if (called)
                    throw new Error('cannot encrypt() twice with same key + nonce');
                // Any encrypt attempt consumes the instance, even if validation rejects below.
                called = true;
                abytes(data, undefined, 'data');
                checkOutput(cipher.encrypt.length, output);
                return cipher.encrypt(data, output);
            },
            decrypt(data, output) {
                abytes(data, undefined, 'data');
                if (tagl && data.length < tagl)
                    throw new Error('"ciphertext" expected length >= tagLength=' + tagl);
                checkOutput(cipher.decrypt.length, output);
                return cipher.decrypt(data, output);
            },
        };
        return wrCipher;
    }
    Object.assign(wrappedCipher, params);
    return wrappedCipher;
};
/**
 * By default, returns u8a of length.
 * When out is available, it checks it for validity and uses it.
 * @param expectedLength - Required output length.
 * @param out - Optional destination buffer.
 * @param onlyAligned - Whether `out` must be 4-byte aligned.
 * @returns Output buffer ready for writing.
 * @throws On wrong argument types. {@link TypeError}
 * @throws If the provided output buffer has the wrong size. {@link RangeError}
 * @throws If the provided output buffer has the wrong alignment. {@link Error}
 * @example
 * Reuses a caller-provided output buffer when lengths match.
 *
 * ```ts
 * getOutput(16, new Uint8Array(16));
 * ```
 */
function getOutput(expectedLength, out, onlyAligned = true) {
    if (out === undefined)
        return new Uint8Array(expectedLength);
    // Keep Buffer/cross-realm Uint8Array support here instead of trusting a shape-compatible object.
    abytes(out, expectedLength, 'output');
    if (onlyAligned && !isAligned32(out))
        throw new Error('invalid output, must be aligned');
    return out;
}
/**
 * Checks whether a byte array is aligned to a 4-byte offset.
 * @param bytes - Byte array to inspect.
 * @returns `true` when the view is 4-byte aligned.
 * @example
 * Checks whether a buffer can be safely viewed as Uint32Array.
 *
 * ```ts
 * isAligned32(new Uint8Array(4));
 * ```
 */
function isAligned32(bytes) {
    return bytes.byteOffset % 4 === 0;
}
/**
 * Copies bytes into a new Uint8Array.
 * @param bytes - Bytes to copy.
 * @returns Copied byte array.
 * @throws On wrong argument types. {@link TypeError}
 * @example
 * Copies input into an aligned Uint8Array before block processing.
 *
 * ```ts
 * copyBytes(new Uint8Array([1, 2]));
 * ```
 */
function copyBytes(bytes) {
    // `Uint8Array.from(...)` would also accept arrays / other typed arrays. Keep this helper strict
    // because callers use it at byte-validation boundaries before mutating the detached copy.
    return Uint8Array.from(abytes(bytes));
}

/**
 * Basic utils for ARX (add-rotate-xor) salsa and chacha ciphers.

RFC8439 requires multi-step cipher stream, where
authKey starts with counter: 0, actual msg with counter: 1.

For this, we need a way to re-use nonce / counter:

    const counter = new Uint8Array(4);
    chacha(..., counter, ...); // counter is now 1
    chacha(..., counter, ...); // counter is now 2

This is complicated:

- 32-bit counters are enough, no need for 64-bit: max ArrayBuffer size in JS is 4GB
- Original papers don't allow mutating counters
- Counter overflow is undefined [^1]
- Idea A: allow providing (nonce | counter) instead of just nonce, re-use it
- Caveat: Cannot be re-used through all cases:
- * chacha has (counter | nonce)
- * xchacha has (nonce16 | counter | nonce16)
- Idea B: separate nonce / counter and provide separate API for counter re-use
- Caveat: there are different counter sizes depending on an algorithm.
- salsa & chacha also differ in structures of key & sigma:
  salsa20:      s[0] | k(4) | s[1] | nonce(2) | cnt(2) | s[2] | k(4) | s[3]
  chacha:       s(4) | k(8) | cnt(1) | nonce(3)
  chacha20orig: s(4) | k(8) | cnt(2) | nonce(2)
- Idea C: helper method such as `setSalsaState(key, nonce, sigma, data)`
- Caveat: we can't re-use counter array

xchacha uses the subkey and remaining 8 byte nonce with ChaCha20 as normal
(prefixed by 4 NUL bytes, since RFC8439 specifies a 12-byte nonce).
Counter overflow is undefined; see {@link https://mailarchive.ietf.org/arch/msg/cfrg/gsOnTJzcbgG6OqD8Sc0GO5aR_tU/ | the CFRG thread}.
Current noble policy is strict non-wrap for the shared 32-bit counter path:
exported ARX ciphers reject initial `0xffffffff` and stop before any implicit
wrap back to zero.
See {@link https://datatracker.ietf.org/doc/html/draft-irtf-cfrg-xchacha#appendix-A.2 | the XChaCha appendix} for the extended-nonce construction.

 * @module
 */
// Replaces `TextEncoder` for ASCII literals, which is enough for sigma constants.
// Non-ASCII input would not match UTF-8 `TextEncoder` output.
const encodeStr = (str) => Uint8Array.from(str.split(''), (c) => c.charCodeAt(0));
// Raw `createCipher(...)` exports consume these native-endian `u32(...)` views directly.
// Public `wrapCipher(...)` APIs reject non-little-endian platforms before reaching this path.
// RFC 8439 §2.3 / RFC 7539 §2.3 only define the 256-bit-key constants; this 16-byte sigma is
// kept for legacy allowShortKeys Salsa/ChaCha variants.
const sigma16_32 = /* @__PURE__ */ (() => swap32IfBE(u32(encodeStr('expand 16-byte k'))))();
// RFC 8439 §2.3 / RFC 7539 §2.3 define words 0-3 as
// `0x61707865 0x3320646e 0x79622d32 0x6b206574`, i.e. `expand 32-byte k`.
const sigma32_32 = /* @__PURE__ */ (() => swap32IfBE(u32(encodeStr('expand 32-byte k'))))();
/**
 * Rotates a 32-bit word left.
 * @param a - Input word.
 * @param b - Rotation count in bits.
 * @returns Rotated 32-bit word.
 * @example
 * Moves the top byte of `0x12345678` into the low byte position.
 * ```ts
 * rotl(0x12345678, 8);
 * ```
 */
function rotl(a, b) {
    return (a << b) | (a >>> (32 - b));
}
// Salsa and Chacha block length is always 512-bit
const BLOCK_LEN = 64;
// RFC 8439 §2.2 / RFC 7539 §2.2: the ChaCha state has 16 32-bit words.
const BLOCK_LEN32 = 16;
// Counter policy for the shared public `counter` argument:
// - RFC/IETF ChaCha20 uses a 32-bit counter.
// - OpenSSL/Node `chacha20` instead treat the full 16-byte IV as a 128-bit
//   counter state and carry into the next word.
// - Raw `chacha20orig`, `salsa20`, `xsalsa20`, and `xchacha20` use 64-bit counters in libsodium
//   and libtomcrypt, while some libs (for example libtomcrypt's RFC/IETF path) reject the max
//   boundary instead of carrying.
// - AEAD wrappers diverge too: libsodium `xchacha20poly1305` uses the IETF payload counter from
//   block 1, while `secretstream_xchacha20poly1305` is a different protocol with rekey/reset.
// Noble intentionally throws instead of silently picking one wrap model for users. In the default
// path, even a 32-bit boundary would take 2^32 blocks * 64 bytes = 256 GiB, which is practically
// unreachable for normal JS callers; advanced users who pass `counter` explicitly can implement
// whatever wider carry / wrap policy they need on top.
const MAX_COUNTER = /* @__PURE__ */ (() => 2 ** 32 - 1)();
const U32_EMPTY = /* @__PURE__ */ Uint32Array.of();
function runCipher(core, sigma, key, nonce, data, output, counter, rounds) {
    const len = data.length;
    const block = new Uint8Array(BLOCK_LEN);
    const b32 = u32(block);
    // Make sure that buffers aligned to 4 bytes
    const isAligned = isLE && isAligned32(data) && isAligned32(output);
    const d32 = isAligned ? u32(data) : U32_EMPTY;
    const o32 = isAligned ? u32(output) : U32_EMPTY;
    // RFC 8439 §2.4.1 / RFC 7539 §2.4.1 allow XORing one keystream block at a time and
    // truncating the final partial block instead of materializing the whole keystream.
    if (!isLE) {
        for (let pos = 0; pos < len; counter++) {
            core(sigma, key, nonce, b32, counter, rounds);
            // RFC 8439 §2.4 / RFC 7539 §2.4 serialize keystream words in little-endian order.
            swap32IfBE(b32);
            if (counter >= MAX_COUNTER)
                throw new Error('arx: counter overflow');
            const take = Math.min(BLOCK_LEN, len - pos);
            for (let j = 0, posj; j < take; j++) {
                posj = pos + j;
                output[posj] = data[posj] ^ block[j];
            }
            pos += take;
        }
        return;
    }
    for (let pos = 0; pos < len; counter++) {
        core(sigma, key, nonce, b32, counter, rounds);
        // See MAX_COUNTER policy note above: never silently wrap the shared public counter.
        if (counter >= MAX_COUNTER)
            throw new Error('arx: counter overflow');
        const take = Math.min(BLOCK_LEN, len - pos);
        // aligned to 4 bytes
        if (isAligned && take === BLOCK_LEN) {
            const pos32 = pos / 4;
            if (pos % 4 !== 0)
                throw new Error('arx: invalid block position');
            for (let j = 0, posj; j < BLOCK_LEN32; j++) {
                posj = pos32 + j;
                o32[posj] = d32[posj] ^ b32[j];
            }
            pos += BLOCK_LEN;
            continue;
        }
        for (let j = 0, posj; j < take; j++) {
            posj = pos + j;
            output[posj] = data[posj] ^ block[j];
        }
        pos += take;
    }
}
/**
 * Creates an ARX stream cipher from a 32-bit core permutation.
 * Used internally to build the exported Salsa and ChaCha stream ciphers.
 * @param core - Core function that fills one keystream block.
 * @param opts - Cipher layout and nonce-extension options. See {@link CipherOpts}.
 * @returns Stream cipher function over byte arrays.
 * @throws If the core callback, key size, counter, or output sizing is invalid. {@link Error}
 */
function createCipher(core, opts) {
    const { allowShortKeys, extendNonceFn, counterLength, counterRight, rounds } = checkOpts({ allowShortKeys: false, counterLength: 8, counterRight: false, rounds: 20 }, opts);
    if (typeof core !== 'function')
        throw new Error('core must be a function');
    anumber(counterLength);
    anumber(rounds);
    abool(counterRight);
    abool(allowShortKeys);
    return (key, nonce, data, output, counter = 0) => {
        abytes(key, undefined, 'key');
        abytes(nonce, undefined, 'nonce');
        abytes(data, undefined, 'data');
        const len = data.length;
        // Raw XorStream APIs return ciphertext/plaintext bytes directly, so caller-provided outputs
        // must match the logical result length exactly instead of returning an oversized workspace.
        const hasOutput = output !== undefined;
        output = getOutput(len, output, false);
        if (hasOutput)
            complexOverlapBytes(data, output);
        anumber(counter);
        // See MAX_COUNTER policy note above: reject advanced explicit-counter requests before any wrap.
        if (counter < 0 || counter >= MAX_COUNTER)
            throw new Error('arx: counter overflow');
        const toClean = [];
        // Key & sigma
        // key=16 -> sigma16, k=key|key
        // key=32 -> sigma32, k=key
        let l = key.length;
        let k;
        let sigma;
        if (l === 32) {
            // Copy caller keys too: big-endian normalization, extended-nonce subkey derivation, and
            // final clean(...) all mutate or wipe the temporary buffer in place.
            toClean.push((k = copyBytes(key)));
            sigma = sigma32_32;
        }
        else if (l === 16 && allowShortKeys) {
            k = new Uint8Array(32);
            k.set(key);
            k.set(key, 16);
            sigma = sigma16_32;
            toClean.push(k);
        }
        else {
            abytes(key, 32, 'arx key');
            throw new Error('invalid key size');
            // throw new Error(`"arx key" expected Uint8Array of length 32, got length=${l}`);
        }
        // Nonce
        // salsa20:      8   (8-byte counter)
        // chacha20orig: 8   (8-byte counter)
        // chacha20:     12  (4-byte counter)
        // xsalsa20:     24  (16 -> hsalsa,  8 -> old nonce)
        // xchacha20:    24  (16 -> hchacha, 8 -> old nonce)
        // Copy before taking u32(...) views on misaligned inputs, and on big-endian so later
        // swap32IfBE(...) never mutates caller nonce bytes in place.
        if (!isLE || !isAligned32(nonce))
            toClean.push((nonce = copyBytes(nonce)));
        let k32 = u32(k);
        // hsalsa & hchacha: handle extended nonce
        if (extendNonceFn) {
            if (nonce.length !== 24)
                throw new Error('arx: extended nonce must be 24 bytes');
            const n16 = nonce.subarray(0, 16);
            if (isLE)
                extendNonceFn(sigma, k32, u32(n16), k32);
            else {
                const sigmaRaw = swap32IfBE(Uint32Array.from(sigma));
                extendNonceFn(sigmaRaw, k32, u32(n16), k32);
                clean(sigmaRaw);
                swap32IfBE(k32);
            }
            nonce = nonce.subarray(16);
        }
        else if (!isLE)
            swap32IfBE(k32);
        // Handle nonce counter
        const nonceNcLen = 16 - counterLength;
        if (nonceNcLen !== nonce.length)
            throw new Error(`arx: nonce must be ${nonceNcLen} or 16 bytes`);
        // Normalize 64-bit-nonce layouts to the 12-byte core input: ChaCha/XChaCha prefix 4 zero
        // counter bytes, while Salsa/XSalsa append them after the nonce words.
        if (nonceNcLen !== 12) {
            const nc = new Uint8Array(12);
            nc.set(nonce, counterRight ? 0 : 12 - nonce.length);
            nonce = nc;
            toClean.push(nonce);
        }
        const n32 = swap32IfBE(u32(nonce));
        // Ensure temporary key/nonce copies are wiped even if the remaining
        // runtime guard in runCipher(...) throws on counter overflow.
        try {
            runCipher(core, sigma, k32, n32, data, output, counter, rounds);
            return output;
        }
        finally {
            clean(...toClean);
        }
    };
}

/**
 * Poly1305 ({@link https://cr.yp.to/mac/poly1305-20050329.pdf | PDF},
 * {@link https://en.wikipedia.org/wiki/Poly1305 | wiki})
 * is a fast and parallel secret-key message-authentication code suitable for
 * a wide variety of applications. It was standardized in
 * {@link https://www.rfc-editor.org/rfc/rfc8439 | RFC 8439} and is now used in TLS 1.3.
 *
 * Polynomial MACs are not perfect for every situation:
 * they lack Random Key Robustness: the MAC can be forged, and can't be used in PAKE schemes.
 * See {@link https://keymaterial.net/2020/09/07/invisible-salamanders-in-aes-gcm-siv/ | the invisible salamanders attack writeup}.
 * To combat invisible salamanders, `hash(key)` can be included in ciphertext,
 * however, this would violate ciphertext indistinguishability:
 * an attacker would know which key was used - so `HKDF(key, i)`
 * could be used instead.
 *
 * Check out the {@link https://cr.yp.to/mac.html | original website}.
 * Based on public-domain {@link https://github.com/floodyberry/poly1305-donna | poly1305-donna}.
 * @module
 */
// prettier-ignore
// A simple-loop reference version (`poly1305_small`) lives in
// `test/misc/micro-ciphers.ts`, provided for auditability.
// Little-endian 2-byte load used by the Poly1305 limb decomposition.
function u8to16(a, i) {
    return (a[i++] & 0xff) | ((a[i++] & 0xff) << 8);
}
/**
 * Incremental Poly1305 MAC state.
 * Prefer `poly1305()` for one-shot use.
 * @param key - 32-byte Poly1305 one-time key.
 * @example
 * Feeds one chunk into an incremental Poly1305 state with a fresh one-time key.
 *
 * ```ts
 * import { Poly1305 } from '@noble/ciphers/_poly1305.js';
 * import { randomBytes } from '@noble/ciphers/utils.js';
 * const key = randomBytes(32);
 * const mac = new Poly1305(key);
 * mac.update(new Uint8Array([1, 2, 3]));
 * mac.digest();
 * ```
 */
class Poly1305 {
    blockLen = 16;
    outputLen = 16;
    buffer = new Uint8Array(16);
    r = new Uint16Array(10); // Allocating 1 array with .subarray() here is slower than 3
    h = new Uint16Array(10);
    pad = new Uint16Array(8);
    pos = 0;
    finished = false;
    destroyed = false;
    // Can be speed-up using BigUint64Array, at the cost of complexity
    constructor(key) {
        key = copyBytes(abytes(key, 32, 'key'));
        const t0 = u8to16(key, 0);
        const t1 = u8to16(key, 2);
        const t2 = u8to16(key, 4);
        const t3 = u8to16(key, 6);
        const t4 = u8to16(key, 8);
        const t5 = u8to16(key, 10);
        const t6 = u8to16(key, 12);
        const t7 = u8to16(key, 14);
        // RFC 8439 §2.5.1 / RFC 7539 §2.5.1 clamp r before multiplication.
        // These masks unpack that clamped value into 13-bit limbs, while pad
        // keeps the raw s half for finalize().
        // {@link https://github.com/floodyberry/poly1305-donna/blob/e6ad6e091d30d7f4ec2d4f978be1fcfcbce72781/poly1305-donna-16.h#L47 | poly1305-donna reference}
        this.r[0] = t0 & 0x1fff;
        this.r[1] = ((t0 >>> 13) | (t1 << 3)) & 0x1fff;
        this.r[2] = ((t1 >>> 10) | (t2 << 6)) & 0x1f03;
        this.r[3] = ((t2 >>> 7) | (t3 << 9)) & 0x1fff;
        this.r[4] = ((t3 >>> 4) | (t4 << 12)) & 0x00ff;
        this.r[5] = (t4 >>> 1) & 0x1ffe;
        this.r[6] = ((t4 >>> 14) | (t5 << 2)) & 0x1fff;
        this.r[7] = ((t5 >>> 11) | (t6 << 5)) & 0x1f81;
        this.r[8] = ((t6 >>> 8) | (t7 << 8)) & 0x1fff;
        this.r[9] = (t7 >>> 5) & 0x007f;
        for (let i = 0; i < 8; i++)
            this.pad[i] = u8to16(key, 16 + 2 * i);
    }
    process(data, offset, isLast = false) {
        // RFC 8439 §2.5 / §2.5.1 and RFC 7539 §2.5 / §2.5.1 add an extra high
        // bit to every full 16-byte block. The final partial block gets its
        // explicit `1` byte during digestInto(), so `hibit` stays zero there.
        const hibit = isLast ? 0 : 1 << 11;
        const { h, r } = this;
        const r0 = r[0];
        const r1 = r[1];
        const r2 = r[2];
        const r3 = r[3];
        const r4 = r[4];
        const r5 = r[5];
        const r6 = r[6];
        const r7 = r[7];
        const r8 = r[8];
        const r9 = r[9];
        const t0 = u8to16(data, offset + 0);
        const t1 = u8to16(data, offset + 2);
        const t2 = u8to16(data, offset + 4);
        const t3 = u8to16(data, offset + 6);
        const t4 = u8to16(data, offset + 8);
        const t5 = u8to16(data, offset + 10);
        const t6 = u8to16(data, offset + 12);
        const t7 = u8to16(data, offset + 14);
        let h0 = h[0] + (t0 & 0x1fff);
        let h1 = h[1] + (((t0 >>> 13) | (t1 << 3)) & 0x1fff);
        let h2 = h[2] + (((t1 >>> 10) | (t2 << 6)) & 0x1fff);
        let h3 = h[3] + (((t2 >>> 7) | (t3 << 9)) & 0x1fff);
        let h4 = h[4] + (((t3 >>> 4) | (t4 << 12)) & 0x1fff);
        let h5 = h[5] + ((t4 >>> 1) & 0x1fff);
        let h6 = h[6] + (((t4 >>> 14) | (t5 << 2)) & 0x1fff);
        let h7 = h[7] + (((t5 >>> 11) | (t6 << 5)) & 0x1fff);
        let h8 = h[8] + (((t6 >>> 8) | (t7 << 8)) & 0x1fff);
        let h9 = h[9] + ((t7 >>> 5) | hibit);
        let c = 0;
        let d0 = c + h0 * r0 + h1 * (5 * r9) + h2 * (5 * r8) + h3 * (5 * r7) + h4 * (5 * r6);
        c = d0 >>> 13;
        d0 &= 0x1fff;
        d0 += h5 * (5 * r5) + h6 * (5 * r4) + h7 * (5 * r3) + h8 * (5 * r2) + h9 * (5 * r1);
        c += d0 >>> 13;
        d0 &= 0x1fff;
        let d1 = c + h0 * r1 + h1 * r0 + h2 * (5 * r9) + h3 * (5 * r8) + h4 * (5 * r7);
        c = d1 >>> 13;
        d1 &= 0x1fff;
        d1 += h5 * (5 * r6) + h6 * (5 * r5) + h7 * (5 * r4) + h8 * (5 * r3) + h9 * (5 * r2);
        c += d1 >>> 13;
        d1 &= 0x1fff;
        let d2 = c + h0 * r2 + h1 * r1 + h2 * r0 + h3 * (5 * r9) + h4 * (5 * r8);
        c = d2 >>> 13;
        d2 &= 0x1fff;
        d2 += h5 * (5 * r7) + h6 * (5 * r6) + h7 * (5 * r5) + h8 * (5 * r4) + h9 * (5 * r3);
        c += d2 >>> 13;
        d2 &= 0x1fff;
        let d3 = c + h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * (5 * r9);
        c = d3 >>> 13;
        d3 &= 0x1fff;
        d3 += h5 * (5 * r8) + h6 * (5 * r7) + h7 * (5 * r6) + h8 * (5 * r5) + h9 * (5 * r4);
        c += d3 >>> 13;
        d3 &= 0x1fff;
        let d4 = c + h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
        c = d4 >>> 13;
        d4 &= 0x1fff;
        d4 += h5 * (5 * r9) + h6 * (5 * r8) + h7 * (5 * r7) + h8 * (5 * r6) + h9 * (5 * r5);
        c += d4 >>> 13;
        d4 &= 0x1fff;
        let d5 = c + h0 * r5 + h1 * r4 + h2 * r3 + h3 * r2 + h4 * r1;
        c = d5 >>> 13;
        d5 &= 0x1fff;
        d5 += h5 * r0 + h6 * (5 * r9) + h7 * (5 * r8) + h8 * (5 * r7) + h9 * (5 * r6);
        c += d5 >>> 13;
        d5 &= 0x1fff;
        let d6 = c + h0 * r6 + h1 * r5 + h2 * r4 + h3 * r3 + h4 * r2;
        c = d6 >>> 13;
        d6 &= 0x1fff;
        d6 += h5 * r1 + h6 * r0 + h7 * (5 * r9) + h8 * (5 * r8) + h9 * (5 * r7);
        c += d6 >>> 13;
        d6 &= 0x1fff;
        let d7 = c + h0 * r7 + h1 * r6 + h2 * r5 + h3 * r4 + h4 * r3;
        c = d7 >>> 13;
        d7 &= 0x1fff;
        d7 += h5 * r2 + h6 * r1 + h7 * r0 + h8 * (5 * r9) + h9 * (5 * r8);
        c += d7 >>> 13;
        d7 &= 0x1fff;
        let d8 = c + h0 * r8 + h1 * r7 + h2 * r6 + h3 * r5 + h4 * r4;
        c = d8 >>> 13;
        d8 &= 0x1fff;
        d8 += h5 * r3 + h6 * r2 + h7 * r1 + h8 * r0 + h9 * (5 * r9);
        c += d8 >>> 13;
        d8 &= 0x1fff;
        let d9 = c + h0 * r9 + h1 * r8 + h2 * r7 + h3 * r6 + h4 * r5;
        c = d9 >>> 13;
        d9 &= 0x1fff;
        d9 += h5 * r4 + h6 * r3 + h7 * r2 + h8 * r1 + h9 * r0;
        c += d9 >>> 13;
        d9 &= 0x1fff;
        c = ((c << 2) + c) | 0;
        c = (c + d0) | 0;
        d0 = c & 0x1fff;
        c = c >>> 13;
        d1 += c;
        h[0] = d0;
        h[1] = d1;
        h[2] = d2;
        h[3] = d3;
        h[4] = d4;
        h[5] = d5;
        h[6] = d6;
        h[7] = d7;
        h[8] = d8;
        h[9] = d9;
    }
    finalize() {
        const { h, pad } = this;
        const g = new Uint16Array(10);
        let c = h[1] >>> 13;
        h[1] &= 0x1fff;
        for (let i = 2; i < 10; i++) {
            h[i] += c;
            c = h[i] >>> 13;
            h[i] &= 0x1fff;
        }
        h[0] += c * 5;
        c = h[0] >>> 13;
        h[0] &= 0x1fff;
        h[1] += c;
        c = h[1] >>> 13;
        h[1] &= 0x1fff;
        h[2] += c;
        // RFC 8439 §2.5 / RFC 7539 §2.5 reduce modulo 2^130-5 before repacking
        // to 16-bit words and adding the raw s half.
        g[0] = h[0] + 5;
        c = g[0] >>> 13;
        g[0] &= 0x1fff;
        for (let i = 1; i < 10; i++) {
            g[i] = h[i] + c;
            c = g[i] >>> 13;
            g[i] &= 0x1fff;
        }
        g[9] -= 1 << 13;
        let mask = (c ^ 1) - 1;
        for (let i = 0; i < 10; i++)
            g[i] &= mask;
        mask = ~mask;
        for (let i = 0; i < 10; i++)
            h[i] = (h[i] & mask) | g[i];
        h[0] = (h[0] | (h[1] << 13)) & 0xffff;
        h[1] = ((h[1] >>> 3) | (h[2] << 10)) & 0xffff;
        h[2] = ((h[2] >>> 6) | (h[3] << 7)) & 0xffff;
        h[3] = ((h[3] >>> 9) | (h[4] << 4)) & 0xffff;
        h[4] = ((h[4] >>> 12) | (h[5] << 1) | (h[6] << 14)) & 0xffff;
        h[5] = ((h[6] >>> 2) | (h[7] << 11)) & 0xffff;
        h[6] = ((h[7] >>> 5) | (h[8] << 8)) & 0xffff;
        h[7] = ((h[8] >>> 8) | (h[9] << 5)) & 0xffff;
        let f = h[0] + pad[0];
        h[0] = f & 0xffff;
        for (let i = 1; i < 8; i++) {
            f = (((h[i] + pad[i]) | 0) + (f >>> 16)) | 0;
            h[i] = f & 0xffff;
        }
        clean(g);
    }
    update(data) {
        aexists(this);
        abytes(data);
        data = copyBytes(data);
        const { buffer, blockLen } = this;
        const len = data.length;
        for (let pos = 0; pos < len;) {
            const take = Math.min(blockLen - this.pos, len - pos);
            // Fast path: we have at least one block in input
            if (take === blockLen) {
                for (; blockLen <= len - pos; pos += blockLen)
                    this.process(data, pos);
                continue;
            }
            buffer.set(data.subarray(pos, pos + take), this.pos);
            this.pos += take;
            pos += take;
            if (this.pos === blockLen) {
                this.process(buffer, 0, false);
                this.pos = 0;
            }
        }
        return this;
    }
    destroy() {
        // `aexists(this)` guards update/digest paths, so destroy must mark the instance unusable too.
        this.destroyed = true;
        clean(this.h, this.r, this.buffer, this.pad);
    }
    digestInto(out) {
        aexists(this);
        aoutput(out, this);
        this.finished = true;
        const { buffer, h } = this;
        let { pos } = this;
        if (pos) {
            // RFC 8439 §2.5 / RFC 7539 §2.5: the final short block appends a
            // single `0x01` byte and zero-fills the remaining bytes before the
            // last multiplication step.
            buffer[pos++] = 1;
            for (; pos < 16; pos++)
                buffer[pos] = 0;
            this.process(buffer, 0, true);
        }
        this.finalize();
        let opos = 0;
        for (let i = 0; i < 8; i++) {
            out[opos++] = h[i] >>> 0;
            out[opos++] = h[i] >>> 8;
        }
    }
    digest() {
        const { buffer, outputLen } = this;
        this.digestInto(buffer);
        // Copy out before destroy() zeroes the internal buffer.
        const res = buffer.slice(0, outputLen);
        this.destroy();
        return res;
    }
}
/**
 * Poly1305 MAC from RFC 8439.
 * @param msg - Message bytes to authenticate.
 * @param key - 32-byte Poly1305 one-time key.
 * @returns 16-byte authentication tag.
 * @example
 * Authenticates one message with a one-shot Poly1305 call and a fresh key.
 *
 * ```ts
 * import { poly1305 } from '@noble/ciphers/_poly1305.js';
 * import { randomBytes } from '@noble/ciphers/utils.js';
 * const key = randomBytes(32);
 * poly1305(new Uint8Array(), key);
 * ```
 */
const poly1305 = /* @__PURE__ */ wrapMacConstructor(32, (key) => new Poly1305(key));

/**
 * Salsa20 stream cipher, released in 2005.
 * Salsa's goal was to implement AES replacement that does not rely on S-Boxes,
 * which are hard to implement in a constant-time manner.
 * Salsa20 is usually faster than AES, a big deal on slow, budget mobile phones.
 *
 * - {@link https://cr.yp.to/snuffle/xsalsa-20110204.pdf | XSalsa20},
 *   extended-nonce
 *   variant was released in 2008. It extends Salsa20's 64-bit nonce to 192 bits,
 *   and became safe to be picked at random.
 * - Nacl / Libsodium popularized term "secretbox", - which is just xsalsa20poly1305.
 *   We provide the alias and corresponding seal / open methods.
 *   "crypto_box" and "sealedbox" are available in package
 *   {@link https://github.com/serenity-kit/noble-sodium | noble-sodium}.
 * - Check out
 *   {@link https://cr.yp.to/snuffle/salsafamily-20071225.pdf | PDF}
 *   and {@link https://cr.yp.to/snuffle.html | website}.
 * @module
 */
/**
 * Salsa20 core function. Uses an unrolled loop (salsaCore, hsalsa) - 4x
 * faster than a simple loop, but larger & harder to read. A simple-loop
 * reference version lives in `test/misc/micro-ciphers.ts`;
 * `test/arx.test.ts` keeps the two aligned.
 * The specific implementation is selected in `createCipher` below.
 * Performance numbers for 1MB inputs:
 * * default x 779 ops/sec @ 1ms/op
 * * if salsa+hsalsa are merged x 459 ops/sec @ 2ms/op
 * * small x 132 ops/sec @ 7ms/op
 */
/** Uses only the low 32 bits of Salsa20's 64-bit counter state. */
// prettier-ignore
function salsaCore(s, k, n, out, cnt, rounds = 20, cntHi = 0) {
    // Public wrappers expose only the low 32 bits of Salsa20's 64-bit counter; y09 stays zero
    // there. hsalsa reuses this core with its input words 2-3 in the counter positions.
    // Based on {@link https://cr.yp.to/salsa20.html | the Salsa20 reference page}.
    let y00 = s[0], y01 = k[0], y02 = k[1], y03 = k[2], // "expa" Key     Key     Key
    y04 = k[3], y05 = s[1], y06 = n[0], y07 = n[1], // Key    "nd 3"  Nonce   Nonce
    y08 = cnt, y09 = cntHi, y10 = s[2], y11 = k[4], // Pos.   Pos.    "2-by"	Key
    y12 = k[5], y13 = k[6], y14 = k[7], y15 = s[3]; // Key    Key     Key     "te k"
    // Save state to temporary variables
    let x00 = y00, x01 = y01, x02 = y02, x03 = y03, x04 = y04, x05 = y05, x06 = y06, x07 = y07, x08 = y08, x09 = y09, x10 = y10, x11 = y11, x12 = y12, x13 = y13, x14 = y14, x15 = y15;
    for (let r = 0; r < rounds; r += 2) {
        x04 ^= rotl(x00 + x12 | 0, 7);
        x08 ^= rotl(x04 + x00 | 0, 9);
        x12 ^= rotl(x08 + x04 | 0, 13);
        x00 ^= rotl(x12 + x08 | 0, 18);
        x09 ^= rotl(x05 + x01 | 0, 7);
        x13 ^= rotl(x09 + x05 | 0, 9);
        x01 ^= rotl(x13 + x09 | 0, 13);
        x05 ^= rotl(x01 + x13 | 0, 18);
        x14 ^= rotl(x10 + x06 | 0, 7);
        x02 ^= rotl(x14 + x10 | 0, 9);
        x06 ^= rotl(x02 + x14 | 0, 13);
        x10 ^= rotl(x06 + x02 | 0, 18);
        x03 ^= rotl(x15 + x11 | 0, 7);
        x07 ^= rotl(x03 + x15 | 0, 9);
        x11 ^= rotl(x07 + x03 | 0, 13);
        x15 ^= rotl(x11 + x07 | 0, 18);
        x01 ^= rotl(x00 + x03 | 0, 7);
        x02 ^= rotl(x01 + x00 | 0, 9);
        x03 ^= rotl(x02 + x01 | 0, 13);
        x00 ^= rotl(x03 + x02 | 0, 18);
        x06 ^= rotl(x05 + x04 | 0, 7);
        x07 ^= rotl(x06 + x05 | 0, 9);
        x04 ^= rotl(x07 + x06 | 0, 13);
        x05 ^= rotl(x04 + x07 | 0, 18);
        x11 ^= rotl(x10 + x09 | 0, 7);
        x08 ^= rotl(x11 + x10 | 0, 9);
        x09 ^= rotl(x08 + x11 | 0, 13);
        x10 ^= rotl(x09 + x08 | 0, 18);
        x12 ^= rotl(x15 + x14 | 0, 7);
        x13 ^= rotl(x12 + x15 | 0, 9);
        x14 ^= rotl(x13 + x12 | 0, 13);
        x15 ^= rotl(x14 + x13 | 0, 18);
    }
    // Write output
    let oi = 0;
    out[oi++] = (y00 + x00) | 0;
    out[oi++] = (y01 + x01) | 0;
    out[oi++] = (y02 + x02) | 0;
    out[oi++] = (y03 + x03) | 0;
    out[oi++] = (y04 + x04) | 0;
    out[oi++] = (y05 + x05) | 0;
    out[oi++] = (y06 + x06) | 0;
    out[oi++] = (y07 + x07) | 0;
    out[oi++] = (y08 + x08) | 0;
    out[oi++] = (y09 + x09) | 0;
    out[oi++] = (y10 + x10) | 0;
    out[oi++] = (y11 + x11) | 0;
    out[oi++] = (y12 + x12) | 0;
    out[oi++] = (y13 + x13) | 0;
    out[oi++] = (y14 + x14) | 0;
    out[oi++] = (y15 + x15) | 0;
}
/**
 * hsalsa hashes key and nonce-prefix words into the 32-byte subkey used by XSalsa20.
 * Algorithmically identical to `hsalsa_small` from `test/misc/micro-ciphers.ts`,
 * but this exported path normalizes word order on big-endian hosts.
 * Reuses `salsaCore` and subtracts its feed-forward, keeping the hot per-block
 * path untouched.
 * @param s - Sigma constants as 32-bit words.
 * @param k - Key words.
 * @param i - Nonce-prefix words.
 * @param out - Output buffer for the derived subkey.
 * @example
 * Derives the XSalsa20 subkey from sigma, key, and nonce-prefix words.
 *
 * ```ts
 * const sigma = new Uint32Array(4);
 * const key = new Uint32Array(8);
 * const nonce = new Uint32Array(4);
 * const out = new Uint32Array(8);
 * hsalsa(sigma, key, nonce, out);
 * ```
 */
// prettier-ignore
function hsalsa(s, k, i, out) {
    // Runs the shared salsaCore permutation, then subtracts the feed-forward it applies,
    // recovering the raw permutation words hsalsa needs.
    // LE hosts read the caller arrays in place (no copies); BE hosts get
    // byte-swapped scratch copies, wiped before returning.
    const s2 = isLE ? s : swap32IfBE(s.slice(0, 4));
    const k2 = isLE ? k : swap32IfBE(k.slice(0, 8));
    const i2 = isLE ? i : swap32IfBE(i.slice(0, 4));
    const t = new Uint32Array(16);
    salsaCore(s2, k2, i2.subarray(0, 2), t, i2[2], 20, i2[3]);
    let oi = 0;
    // XSalsa20 takes words 0,5,10,15 and 6,7,8,9 as the 32-byte subkey material.
    out[oi++] = (t[0] - s2[0]) | 0;
    out[oi++] = (t[5] - s2[1]) | 0;
    out[oi++] = (t[10] - s2[2]) | 0;
    out[oi++] = (t[15] - s2[3]) | 0;
    out[oi++] = (t[6] - i2[0]) | 0;
    out[oi++] = (t[7] - i2[1]) | 0;
    out[oi++] = (t[8] - i2[2]) | 0;
    out[oi++] = (t[9] - i2[3]) | 0;
    swap32IfBE(out);
    if (!isLE)
        clean(s2, k2, i2);
    clean(t);
}
/**
 * XSalsa20 extended-nonce salsa.
 * With 24-byte nonce, it's safe to make it random (CSPRNG).
 * @param key - 32-byte key.
 * This XSalsa20 wrapper does not enable Salsa20's 16-byte legacy key mode.
 * @param nonce - 24-byte nonce.
 * @param data - Input bytes to xor with the keystream.
 * @param output - Optional destination buffer.
 * @param counter - Initial block counter.
 * @returns Encrypted or decrypted bytes.
 * @example
 * Encrypts bytes with XSalsa20 and a random 24-byte nonce.
 *
 * ```ts
 * import { xsalsa20 } from '@noble/ciphers/salsa.js';
 * import { randomBytes } from '@noble/ciphers/utils.js';
 * const key = randomBytes(32);
 * const nonce = randomBytes(24);
 * xsalsa20(key, nonce, new Uint8Array([1, 2, 3, 4]));
 * ```
 */
const xsalsa20 = /* @__PURE__ */ createCipher(salsaCore, {
    counterRight: true,
    extendNonceFn: hsalsa,
});
/**
 * xsalsa20-poly1305 eXtended-nonce (24 bytes) salsa.
 * With 24-byte nonce, it's safe to make it random (CSPRNG).
 * Also known as `secretbox` from libsodium / nacl.
 * No AAD input is supported here. Caller-provided `output` buffers for
 * `encrypt()` / `decrypt()` must be `input.length + 32` bytes because the
 * implementation uses a 32-byte leading scratch area before returning `+16`.
 * @param key - 32-byte key.
 * @param nonce - 24-byte nonce.
 * @param AAD - Must be omitted; XSalsa20-Poly1305 secretbox does not support associated data.
 * @returns AEAD cipher instance.
 * @example
 * Encrypts and authenticates plaintext with XSalsa20-Poly1305.
 *
 * ```ts
 * import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js';
 * import { randomBytes } from '@noble/ciphers/utils.js';
 * const key = randomBytes(32);
 * const nonce = randomBytes(24);
 * const cipher = xsalsa20poly1305(key, nonce);
 * cipher.encrypt(new Uint8Array([1, 2, 3]));
 * ```
 */
const xsalsa20poly1305 = /* @__PURE__ */ wrapCipher({ blockSize: 64, nonceLength: 24, tagLength: 16 }, (key, nonce) => {
    // This borrows caller key/nonce buffers by reference; mutating them after construction changes
    // later encrypt/decrypt outputs.
    return {
        encrypt(plaintext, output) {
            // xsalsa20poly1305 optimizes by calculating auth key during the same call as encryption.
            // Unfortunately, makes it hard to separate tag calculation & encryption itself,
            // because 32 bytes is half-block of 64-byte salsa.
            // Need 32 extra bytes up front for the auth-key scratch area described above.
            output = getOutput(plaintext.length + 32, output, false);
            // output[0..32] = Poly1305 auth key, output[32..] = plaintext then ciphertext.
            const authKey = output.subarray(0, 32);
            const ciphPlaintext = output.subarray(32);
            output.set(plaintext, 32);
            // authKey is produced by xoring the first 32 bytes with zeros.
            clean(authKey);
            // output = stream ^ output; authKey = stream ^ zeros(32)
            xsalsa20(key, nonce, output, output);
            const tag = poly1305(ciphPlaintext, authKey);
            output.set(tag, 16);
            // Clean up auth-key remnants and the temporary tag copy.
            clean(output.subarray(0, 16), tag);
            // Return output[16..].
            return output.subarray(16);
        },
        decrypt(ciphertext, output) {
            // tmp part     passed tag    ciphertext
            // [0..32]      [32..48]      [48..]
            // Authenticate the ciphertext before decrypting it; on tag failure the scratch/output
            // buffer may already contain copied ciphertext and derived auth-key material.
            abytes(ciphertext, undefined, 'data');
            output = getOutput(ciphertext.length + 32, output, false);
            // output[0..32] is auth-key scratch, output[32..48] is passed tag,
            // output[48..] is ciphertext then plaintext.
            const tmp = output.subarray(0, 32);
            const passedTag = output.subarray(32, 48);
            const ciphPlaintext = output.subarray(48);
            output.set(ciphertext, 32);
            // authKey is produced by xoring the scratch area with zeros.
            clean(tmp);
            const authKey = xsalsa20(key, nonce, tmp, tmp);
            const tag = poly1305(ciphPlaintext, authKey);
            if (!equalBytes(passedTag, tag)) {
                clean(output);
                throw new Error('invalid tag');
            }
            // output = stream ^ output[16..]
            xsalsa20(key, nonce, output.subarray(16), output.subarray(16));
            clean(tmp, passedTag, tag);
            // Return output[48..], skipping zeroized output[0..48].
            return ciphPlaintext;
        },
    };
});
/**
 * Alias to `xsalsa20poly1305`, for compatibility with libsodium / nacl.
 * Check out {@link https://github.com/serenity-kit/noble-sodium | noble-sodium}
 * for `crypto_box`.
 * @param key - 32-byte key.
 * @param nonce - 24-byte nonce.
 * @returns Wrapper with `seal()` and `open()` helpers.
 * @example
 * Uses the libsodium-style `seal()` and `open()` wrapper.
 *
 * ```ts
 * import { secretbox } from '@noble/ciphers/salsa.js';
 * import { randomBytes } from '@noble/ciphers/utils.js';
 * const key = randomBytes(32);
 * const nonce = randomBytes(24);
 * const box = secretbox(key, nonce);
 * box.seal(new Uint8Array([1, 2, 3]));
 * ```
 */
function secretbox(key, nonce) {
    const xs = xsalsa20poly1305(key, nonce);
    return { seal: xs.encrypt, open: xs.decrypt };
}

var salsa = /*#__PURE__*/Object.freeze({
    __proto__: null,
    hsalsa: hsalsa,
    secretbox: secretbox,
    xsalsa20: xsalsa20,
    xsalsa20poly1305: xsalsa20poly1305
});

var version = "3.998.4";
var packageInfo = {
	version: version};

export { NoAuthSigner as N, requireSigstore_common as a, requireEnvelope as b, requireDist$1 as c, collect as d, getDefaultSocketTimeout as g, packageInfo as p, requireDist as r, salsa as s };
