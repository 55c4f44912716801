// The console's inline head script (src/console/serve.ts builds it into the HTML, allowed by its
// hash in the page's CSP): asks for /me and the data of the page named by the address while the
// HTML is still being parsed, before the bundle is read from the cache, compiled and run (issue
// 16, first render under 200 ms: from the bundle, the queue's request started some 50-70 ms
// after the page's own). api.js takes each answer once, by path and language (window.weibaoEarly).
import { firstData, routeOf } from './paths.js';

const lang = localStorage.getItem('weibao.lang') === 'en' ? 'en' : 'zh-CN'; // as i18n.js reads it
const early = {};
for (const [path, language] of [['/me'], ...firstData(routeOf(location.hash), lang)])
  early[`${path}|${language ?? ''}`] = fetch(path, {
    credentials: 'same-origin',
    headers: language ? { 'accept-language': language } : {},
  }).catch((e) => e);
window.weibaoEarly = early;
