// The API paths each console page reads, and which of them the page named by an address needs
// for its first render. One copy, used by the pages (bundled into main.js) and by boot.js (the
// page's inline head script, src/console/serve.ts), which asks for them before the bundle runs.
// Plain functions of strings: no import, no DOM, so both builds can take them.

export const QUEUE_PATH = '/me/queue';

/** A fault case has its own page (GET /faults/{id}); every other family's is GET /cases/{id}. */
export const isFault = (caseId) => String(caseId ?? '').startsWith('fault:');
export const caseDataPath = (caseId) => `/faults/${encodeURIComponent(caseId)}`;
export const workCasePath = (caseId) => `/cases/${encodeURIComponent(caseId)}`;

/** The contract of a case, from its id: every case id is `<kind>:<contractId>[:...]` (migration 020). */
export const contractOfCase = (caseId) => caseId.split(':')[1] ?? '';

export const caseDocumentsPath = (caseId) =>
  `/contracts/${encodeURIComponent(contractOfCase(caseId))}/documents?subject=${encodeURIComponent(caseId)}`;

/** The 4.9.3 level texts (levels.js), a contract's own response times with its id; asked in the person's language. */
export const faultLevelsPath = (contractId) =>
  `/contract/fault-levels${contractId ? `?contractId=${encodeURIComponent(contractId)}` : ''}`;

/**
 * A contract page's one read (pages/contract.js): the contract with every section, each as its own
 * route answers it (src/api/routes/contract-overview.ts). Eleven reads were two waves: a browser
 * sends at most six requests at once to one origin.
 */
export const contractOverviewPath = (contractId) => `/contracts/${encodeURIComponent(contractId)}/overview`;
export const CONTRACTS_PATH = '/contracts';

/** The address's page and its argument: #/case/<id> is { page: 'case', arg: id }. */
export function routeOf(hash) {
  const [page, ...rest] = hash.replace(/^#\/?/, '').split('/');
  return { page, arg: rest.map(decodeURIComponent).join('/') };
}

/**
 * What the page of an address reads for its first render, beside GET /me: [path, inLanguage]
 * pairs, inLanguage true where the answer is in the person's language (asked with their
 * Accept-Language). The empty address is the queue for every role but the service desk
 * (main.js): asked for anyway.
 */
export function firstData({ page, arg }) {
  if (page === 'queue' || !page) return [[QUEUE_PATH], [faultLevelsPath(), true]];
  if (page === 'case' && isFault(arg))
    return [[caseDataPath(arg)], [caseDocumentsPath(arg)], [faultLevelsPath(contractOfCase(arg)), true]];
  if (page === 'case') return [[workCasePath(arg)], [caseDocumentsPath(arg)]];
  if (page === 'contract' && arg) return [[contractOverviewPath(arg)]];
  if (page === 'contract' || page === 'reports') return [[CONTRACTS_PATH]];
  return [];
}
