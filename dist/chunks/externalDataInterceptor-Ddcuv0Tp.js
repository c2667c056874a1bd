import { t as tokenIntercept } from './getSSOTokenFromFile-B-_u46zV.js';
import { g as fileIntercept } from './node-http-handler-Gqlb7Bxe.js';

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
