import { t as tokenIntercept } from './getSSOTokenFromFile-Dfdt0gF8.js';
import { f as fileIntercept } from './extended-encode-uri-component-C5uGydbz.js';

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
