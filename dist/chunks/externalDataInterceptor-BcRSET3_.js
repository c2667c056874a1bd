import { t as tokenIntercept } from './getSSOTokenFromFile-_cXAb6hQ.js';
import { g as fileIntercept } from './node-http-handler-DaVr1g1w.js';

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
