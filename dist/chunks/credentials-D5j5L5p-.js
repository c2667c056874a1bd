import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { readFile } = __nodeBuiltin('node:fs/promises');
const os = __nodeBuiltin('node:os');
const path = __nodeBuiltin('node:path');

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

export { dockerConfigPath, loadDockerCredentials };
