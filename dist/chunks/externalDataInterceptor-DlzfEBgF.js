import { t as tokenIntercept } from './getSSOTokenFromFile-D0__Q3TB.js';
import { g as fileIntercept } from './node-http-handler-cWFzXXjw.js';

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
