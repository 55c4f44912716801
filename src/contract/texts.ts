// The contract's own words, served to people (issue 15): every clause of the tender text in
// its original Chinese (binding) with the working English translation, and the fault levels
// of 4.9.3 with the response deadlines of 4.9.4. Data in the repository (clauses.json, copied
// from ../shared/contract: 000_921a290d04fe7899.txt and clauses.md); nothing is read from
// outside the repository at run time. Pure.
import data from './clauses.json';
import type { Locale } from '../i18n/locale';
import type { ContractTerms, FaultLevel } from '../domain/terms';
import { FAULT_LEVELS } from '../domain/faults';

type Both = Record<Locale, string>;
interface ClauseData {
  id: string;
  printedAs?: string;
  title: Both;
  text: Both;
}
const CLAUSES = data.clauses as ClauseData[];

export interface ClauseText {
  id: string;
  /** The number the tender prints when it differs (6.2.1 is printed "6.6.1"). */
  printedAs?: string;
  title: string;
  text: string;
  /** The binding original (Chinese); equal to text in zh-CN. */
  original: string;
}

const inLocale = (c: ClauseData, locale: Locale): ClauseText => ({
  id: c.id,
  ...(c.printedAs ? { printedAs: c.printedAs } : {}),
  title: c.title[locale],
  text: c.text[locale],
  original: c.text['zh-CN'],
});

export function contractTexts(locale: Locale) {
  return {
    language: locale,
    title: data.title[locale],
    source: data.source,
    note: data.note[locale],
    clauses: CLAUSES.map((c) => inLocale(c, locale)),
  };
}

/** One clause, or undefined. A sub-clause is its own entry (4.9.3); a section (4) has its heading only. */
export function clauseText(id: string, locale: Locale): ClauseText | undefined {
  const c = CLAUSES.find((x) => x.id === id || x.printedAs === id);
  return c && inLocale(c, locale);
}

// 4.9.3, level by level, as the original states it and in translation.
const LEVELS: Record<FaultLevel, { name: Both; definition: Both }> = {
  1: {
    name: { 'zh-CN': '一级故障', en: 'Level 1' },
    definition: {
      'zh-CN': '自身系统瘫痪所有业务功能均不可用，或由于因本系统瘫痪导致其他业务系统不能正常使用',
      en: 'the system itself is down and all business functions are unavailable, or its failure stops other business systems from working normally',
    },
  },
  2: {
    name: { 'zh-CN': '二级故障', en: 'Level 2' },
    definition: {
      'zh-CN': '自身出现严重影响系统可用性的问题，导致部分业务不能使用',
      en: "a problem that seriously affects the system's availability, so that part of the business cannot be used",
    },
  },
  3: {
    name: { 'zh-CN': '三级故障', en: 'Level 3' },
    definition: {
      'zh-CN': '自身系统故障影响系统可用性，导致业务响应变慢',
      en: 'a fault of the system that affects its availability, so that business responses slow down',
    },
  },
  4: {
    name: { 'zh-CN': '四级故障', en: 'Level 4' },
    definition: {
      'zh-CN': '影响系统的主机系统，数据库，网络传输中断等故障',
      en: 'a fault such as an interruption of the host system, database or network transport that affects the system',
    },
  },
  5: {
    name: { 'zh-CN': '五级故障', en: 'Level 5' },
    definition: {
      'zh-CN': '遇到系统操作疑难或者系统出现不正常运行状态',
      en: 'a difficulty in operating the system, or the system runs in an abnormal state',
    },
  },
};

/** The level's name as people say it: 一级故障 / Level 1. */
export const faultLevelName = (level: number, locale: Locale): string =>
  LEVELS[level as FaultLevel]?.name[locale] ?? String(level);

const duration = (min: number, locale: Locale) =>
  min % 60 === 0
    ? locale === 'en'
      ? `${min / 60} h`
      : `${min / 60} 小时`
    : locale === 'en'
      ? `${min} min`
      : `${min} 分钟`;

/** The five levels of 4.9.3 with the response deadline of 4.9.4 under these terms (the contract's, or the defaults). */
export function faultLevels(terms: ContractTerms, locale: Locale) {
  return {
    language: locale,
    clause: '4.9.3' as const,
    levels: FAULT_LEVELS.map((level) => {
      const minutes = terms.faults.responseMinutes[level];
      return {
        level,
        name: LEVELS[level].name[locale],
        definition: LEVELS[level].definition[locale],
        original: LEVELS[level].definition['zh-CN'],
        response: { minutes, text: duration(minutes, locale), clause: '4.9.4' as const },
      };
    }),
  };
}
