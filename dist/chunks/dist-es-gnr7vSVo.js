import { f as fromEnv } from './node-http-handler-Gqlb7Bxe.js';
export { E as ENV_ACCOUNT_ID, a as ENV_CREDENTIAL_SCOPE, b as ENV_EXPIRATION, c as ENV_KEY, d as ENV_SECRET, e as ENV_SESSION } from './node-http-handler-Gqlb7Bxe.js';



export { fromEnv };
