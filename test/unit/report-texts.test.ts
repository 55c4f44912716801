// Issue 15: a report's every text comes from the report catalogue (src/i18n/messages/reports-*.ts)
// in zh-CN and en. This reads src/reports from the TypeScript syntax tree and fails on a string
// or template literal with Chinese in it (comments may cite 运维记录): such a text would print
// in Chinese whatever language the reader asked for. It also checks the catalogue itself: every
// entry has both languages, the same `{values}` in each, and Chinese only where it belongs.
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import type { Texts } from '../../src/i18n/report-text';
import { COLUMN_LABELS } from '../../src/i18n/messages/reports-columns';
import * as common from '../../src/i18n/messages/reports-common';
import * as sla from '../../src/i18n/messages/reports-sla';
import * as statement from '../../src/i18n/messages/reports-statement';
import * as om from '../../src/i18n/messages/reports-om';
import * as acceptance from '../../src/i18n/messages/reports-acceptance';

const REPORTS = path.join(__dirname, '../../src/reports');
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

function chineseLiterals(dir: string): string[] {
  const found: string[] = [];
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const file = ts.createSourceFile(rel, fs.readFileSync(path.join(dir, rel), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      const text =
        ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)
          ? n.text
          : ts.isTemplateExpression(n)
            ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join('')
            : undefined;
      if (text !== undefined && CJK.test(text))
        found.push(`${rel}:${file.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${text}`);
      ts.forEachChild(n, visit);
    };
    visit(file);
  }
  return found;
}

/** Every Texts entry of the catalogue modules, named by where it is. */
function entries(): [string, Texts][] {
  const out: [string, Texts][] = [];
  const walk = (where: string, v: unknown) => {
    if (v && typeof v === 'object' && 'zh-CN' in v && 'en' in v) out.push([where, v as Texts]);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(`${where}.${k}`, x);
  };
  for (const [name, m] of Object.entries({ COLUMN_LABELS, common, sla, statement, om, acceptance })) walk(name, m);
  return out;
}
const marks = (s: string) => [...s.matchAll(/\{([a-zA-Z0-9]+)\}/g)].map((m) => m[1]).sort();

describe('the texts of the reports', () => {
  it('when src/reports is read, then no string in it is Chinese: every text is the catalogue’s', () => {
    expect(chineseLiterals(REPORTS)).toEqual([]);
  });

  it('when this check reads a file with a Chinese literal, then it finds it (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(tmpdir(), 'report-texts-'));
    fs.writeFileSync(
      path.join(dir, 'x.ts'),
      "// 注释 is fine\nexport const t = `第${1}页`;\nexport const ok = 'page';\n",
    );
    expect(chineseLiterals(dir)).toEqual(['x.ts:2 第页']);
    fs.rmSync(dir, { recursive: true });
  });

  it('when the catalogue is read, then every entry has its zh-CN and en with the same values, and its en has no Chinese', () => {
    const all = entries();
    expect(all.length).toBeGreaterThan(150);
    const wrong = all.filter(
      ([, t]) => !t['zh-CN'] || !t.en || CJK.test(t.en) || marks(t['zh-CN']).join() !== marks(t.en).join(),
    );
    // Two entries take a different value per language on purpose: the month's name (2025年1月 /
    // January 2025) and the SLA file name's grouping (按月 in Chinese, its key month in English).
    expect(wrong.map(([where]) => where)).toEqual(['common.PERIOD_TEXT.month', 'sla.SLA_TEXT.file']);
  });
});
