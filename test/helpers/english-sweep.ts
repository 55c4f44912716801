// The measurement of issue 15 ("zh-CN for every message the platform writes"): every string of
// a Chinese answer that reads as an English sentence (three or more latin words in a row) and is
// not one of the few things that stay as they are. The allow-list is small on purpose: each
// entry says why the English is right in a Chinese answer.

/**
 * Three or more latin words in a row, separated by spaces or light punctuation ("of the contract",
 * "no longer applies"). A hyphenated word is one word: enum values and key names
 * (quarter-last-day, test-hospital-operator) are codes, not sentences.
 */
const SENTENCE = /[A-Za-z]{2,}(?:[ ,;:'()/]+[A-Za-z][A-Za-z-]+){2,}/;

/** Keys whose value is English by design in every language. */
const ENGLISH_BY_DESIGN: { key: RegExp; why: string }[] = [
  {
    key: /^en$/,
    why: 'the English of a bilingual pair ({ zh-CN, en }) served with the Chinese, for the console switch',
  },
  { key: /^(link|url|href|next|self|target)$/, why: 'a URL' },
  { key: /^(key|id|\w+Id|\w+Key)$/, why: 'an id' },
  {
    key: /^comment$/,
    why: "a Temporal schedule's calendar comment: Temporal's own field, written once in both languages for the Web UI",
  },
  // not `action`: a history line's action is a code, or the platform's sentence about the fact (read back by template)
  { key: /^(code|topic|type|status|kind|channel|role)$/, why: 'a code or an enum value' },
];

/** A string leaf of `v` found at path `at`, with the path of keys (and indices) to it. */
export interface Finding {
  route: string;
  at: string;
  text: string;
}

/** Every English sentence of `body` (a JSON answer) not allowed by its key; `typed` lists what the test typed itself. */
export function englishIn(route: string, body: unknown, typed: readonly string[] = []): Finding[] {
  const found: Finding[] = [];
  const walk = (v: unknown, at: string, key: string) => {
    if (typeof v === 'string') {
      if (!SENTENCE.test(v)) return;
      if (ENGLISH_BY_DESIGN.some((a) => a.key.test(key))) return;
      if (typed.some((t) => v.includes(t))) return;
      found.push({ route, at, text: v });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`, key));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, at ? `${at}.${k}` : k, k);
  };
  walk(body, '', '');
  return found;
}

/** The findings in one line each, deduplicated by route shape, path shape and text shape, for a failure message a person can read. */
export function summarise(findings: Finding[]): string[] {
  const shape = (s: string) => s.replace(/\[\d+\]/g, '[]').replace(/\d+/g, 'N');
  return [...new Set(findings.map((f) => `${shape(f.route)} ${shape(f.at)}: ${f.text.slice(0, 160)}`))].sort();
}
