import { t as tokenIntercept } from './getSSOTokenFromFile-7cAI6fjf.js';
import { g as fileIntercept } from './node-http-handler-k4KU5WPQ.js';

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
