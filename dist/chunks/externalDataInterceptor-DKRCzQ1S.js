import { t as tokenIntercept } from './getSSOTokenFromFile-B4kT3MEQ.js';
import { g as fileIntercept } from './node-http-handler-DWRWDm_1.js';

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
