// The console's inline head script (src/console/serve.ts builds it into the HTML, allowed by its
// hash in the page's CSP): asks for /me and the data of the page named by the address while the
// HTML is still being parsed, before the bundle is read from the cache, compiled and run (issue
// 16, first render under 200 ms: from the bundle, the queue's request started some 50-70 ms
// after the page's own). api.js takes each answer once, by path and language (window.weibaoEarly).
// The reads that do not depend on the language go first: the page's first localStorage read is a
// synchronous round trip to the browser process that loads the origin's storage (1-36 ms in
// Chromium's traces of bench/console.ts on this machine), and they need not wait for it.
import { firstData, routeOf } from './paths.js';

const early = {};
const ask = (path, language) =>
  (early[`${path}|${language ?? ''}`] = fetch(path, {
    credentials: 'same-origin',
    headers: language ? { 'accept-language': language } : {},
  }).catch((e) => e));
const reads = [['/me'], ...firstData(routeOf(location.hash))];
for (const [path, inLanguage] of reads) if (!inLanguage) ask(path);
const lang = localStorage.getItem('weibao.lang') === 'en' ? 'en' : 'zh-CN'; // as i18n.js reads it
for (const [path, inLanguage] of reads) if (inLanguage) ask(path, lang);
window.weibaoEarly = early;
