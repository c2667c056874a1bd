import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { existsSync, readFileSync } = __nodeBuiltin('node:fs');

function readWorkflowContext(env = process.env) {
    const file = env.GITHUB_EVENT_PATH;
    let payload = {};
    if (file) {
        if (!existsSync(file))
            throw new Error(`GITHUB_EVENT_PATH ${file} does not exist`);
        try {
            payload = JSON.parse(readFileSync(file, 'utf8'));
        }
        catch (error) {
            throw new Error(`GITHUB_EVENT_PATH ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    const runId = Number(env.GITHUB_RUN_ID);
    return {
        event: {
            eventName: env.GITHUB_EVENT_NAME ?? '',
            ref: env.GITHUB_REF ?? '',
            sha: env.GITHUB_SHA ?? '',
            payload
        },
        repository: owner && repo ? { owner, repo } : undefined,
        runId: Number.isSafeInteger(runId) && runId > 0 ? runId : undefined
    };
}

export { readWorkflowContext as r };
