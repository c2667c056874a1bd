import { t as tokenIntercept } from './getSSOTokenFromFile-BAMf8F2w.js';
import { g as fileIntercept } from './node-http-handler-B8J1gLeX.js';

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
