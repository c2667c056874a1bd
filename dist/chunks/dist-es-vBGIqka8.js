import { f as fromEnv } from './node-http-handler-C4JgONuk.js';
export { E as ENV_ACCOUNT_ID, a as ENV_CREDENTIAL_SCOPE, b as ENV_EXPIRATION, c as ENV_KEY, d as ENV_SECRET, e as ENV_SESSION } from './node-http-handler-C4JgONuk.js';
import 'node:fs';
import './extended-encode-uri-component-C5uGydbz.js';
import 'node:path';
import 'node:os';
import 'node:fs/promises';
import 'node:stream';
import 'node:process';
import 'node:crypto';
import 'node:https';



export { fromEnv };
