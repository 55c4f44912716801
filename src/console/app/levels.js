// The fault levels of 4.9.3 as the API states them (GET /contract/fault-levels): each level's
// name, definition and 4.9.4 response time, in the person's language, with a contract's own
// response minutes when the page is about one contract. The page keeps no copy of them: what the
// workflow enforces and what the reporter reads come from one text (src/contract/texts.ts).
import { api } from './api.js';
import { faultLevelsPath } from './paths.js';
import { lang } from './i18n.js';
import { useLoad } from './ui.js';

const asked = new Map(); // one request per language and contract while the page is open
export function faultLevels(contractId) {
  const key = `${lang}|${contractId ?? ''}`;
  if (!asked.has(key)) {
    const answer = api('GET', faultLevelsPath(contractId), undefined, { 'accept-language': lang });
    answer.catch(() => asked.delete(key)); // asked again next time, not remembered as failed
    asked.set(key, answer);
  }
  return asked.get(key);
}

/** The levels (by number) once they are loaded, {} until then; contractId null = not known yet (nothing asked). */
export function useFaultLevels(contractId) {
  const [data] = useLoad(
    () => (contractId === null ? Promise.resolve(undefined) : faultLevels(contractId)),
    [contractId, lang],
  );
  return Object.fromEntries((data?.levels ?? []).map((l) => [l.level, l]));
}
