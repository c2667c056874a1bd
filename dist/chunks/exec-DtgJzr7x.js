import { constants } from 'node:os';

// Loaded on the first command: a publish given its version and repository runs none, and
// node:child_process (with net and dgram) costs about 2 ms of every start.
const childProcess = () => import('node:child_process');
/**
 * The one way falco-publish runs a program (git, docker, skopeo, driverkit...): an argument
 * list that no shell sees, its exit status returned rather than thrown, so each caller says
 * what a failure means in its own words.
 */
function runCommand(command, args, options = {}) {
    return childProcess().then(({ spawn }) => runWith(spawn, command, args, options));
}
function runWith(spawn, command, args, options) {
    return new Promise((resolve) => {
        const child = spawn(command, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        const out = [];
        const err = [];
        child.stdout.on('data', (b) => (options.output ? options.output(b) : out.push(b)));
        child.stderr.on('data', (b) => (options.output ? options.output(b) : err.push(b)));
        let settled = false;
        const settle = (result) => {
            if (settled)
                return;
            settled = true;
            resolve({
                ...result,
                stdout: Buffer.concat(out).toString('utf8'),
                stderr: Buffer.concat(err).toString('utf8')
            });
        };
        child.on('error', (error) => settle({ code: 127, startError: error }));
        child.on('close', (code, signal) => settle({ code: code ?? 128 + (signal ? constants.signals[signal] : 0) }));
    });
}

export { runCommand as r };
