import { t as tokenIntercept } from './getSSOTokenFromFile-Bvq_D0qQ.js';
import { g as fileIntercept } from './node-http-handler-C2wM3Bzy.js';

const externalDataInterceptor = {
    getFileRecord() {
        return fileIntercept;
    },
    interceptFile(path, contents) {
        fileIntercept[path] = Promise.resolve(contents);
    },
    getTokenRecord() {
        return tokenIntercept;
    },
    interceptToken(id, contents) {
        tokenIntercept[id] = contents;
    },
};

export { externalDataInterceptor as e };
