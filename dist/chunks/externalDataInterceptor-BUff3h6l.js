import { t as tokenIntercept } from './getSSOTokenFromFile-C9ZJ0gDx.js';
import { g as fileIntercept } from './node-http-handler-BF9gKQfs.js';

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
