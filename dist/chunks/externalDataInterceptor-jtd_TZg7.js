import { t as tokenIntercept } from './getSSOTokenFromFile-Bf8EWPFo.js';
import { g as fileIntercept } from './node-http-handler-DuqEon4J.js';

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
