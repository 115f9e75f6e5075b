import { isQuestionAfter } from '../clause.ts';
import { defineRule, type ReportSuggestion } from '../rule.ts';
import { clauseBefore, matchAll, type TextView } from '../text-view.ts';
import { findTimePromises } from './no-time-promise.ts';

/**
 * No 保证/肯定/绝对/一定 as a promise of outcome (seed 002 凡事留有余地: 不要用“肯定，保证，
 * 绝对”; seed 000 二(10)). Left alone, by design:
 * - the manual's own hedges: 保证不了, 无法/不能/不敢/很难保证, 不一定;
 * - nouns and adjectives: 保证金/保证书/质量保证期, 得到您的肯定/给予肯定, 一定量/一定程度/
 *   有一定的弹性/一定的色差, 绝对值;
 * - 一定要/一定得, 您肯定要/肯定想: advice or the buyer's own wish (您一定要当面验货);
 * - questions and guesses (您肯定是想要大一码的吧？);
 * - words inside a span no-time-promise reports (保证您今天收到): that rule owns the promise.
 */

const WORD_LIST = ['保证', '肯定', '绝对', '一定'];
const WORDS = new RegExp(WORD_LIST.join('|'), 'g');

/** Hedges before the word (无法保证, 不敢百分百保证, 不一定). */
const HEDGED_BEFORE = /(不|无法|没法|没办法|难以|很难|不敢|谁也|没人|未必|并非)(能|敢|太|好|可能)?(百分之?百|百分百|100%|完全)?$/;

/** What follows a word that makes it a noun, an adjective or advice rather than a promise. */
const NOT_PROMISE_AFTER: Record<string, RegExp> = {
  保证: /^(金|书|期|函|卡|人|不了|不到)/,
  肯定: /^(想|需要|句)/,
  绝对: /^(值(?!得)|温度|湿度|零度|位置|路径|定位|坐标)/,
  一定: /^(要|得|的|之|量|程度|时间|时期|范围|比例|数量|期限|区别|差异|色差|误差|偏差|影响|难度|道理|规模|作用|帮助|效果|条件|关系|距离|数额|金额|标准|基础|经验|水平|空间|弹性|伸缩)/,
};
/** What precedes a word that makes it a noun or an adjective (您的肯定, 有一定, 在一定程度上). */
const NOT_PROMISE_BEFORE: Record<string, RegExp> = {
  肯定: /(予|得到|受到|获得|赢得|加以|一致)(您|大家|客户|顾客|买家|您们)?的?$/,
  绝对: /相对和?$/,
  一定: /(有|在|具有|具备|某|达到|到|带)$/,
};

/**
 * Softer wording for the word at [start, end): 我们一定会 → 我们会尽力, 一定给您 → 尽量, 保证您 → 尽力让,
 * 有保证/正品保证 → 保障, 保证+noun → 尽力保障; otherwise (肯定是正品, 绝对不会) drop the word.
 */
function suggestions(view: TextView, start: number, end: number): ReportSuggestion<SuggestionId>[] {
  const word = view.norm.slice(start, end);
  const next = view.norm.slice(end, end + 2);
  // 会尽力 only when the shop is the subject (我们一定会…); 您肯定会喜欢 just loses the word.
  if (next.startsWith('会') && /我|这边|客服|仓库|售后|同事|财务/.test(clauseBefore(view, start, 12))) {
    return [{ messageId: 'useHuiJinli', text: '会尽力', end: end + 1 }];
  }
  if (/^(给您|帮您|为您|替您|让您)/.test(next)) return [{ messageId: 'useJinliang', text: '尽量' }];
  if (word === '保证') {
    if (next.startsWith('您')) return [{ messageId: 'useJinliRang', text: '尽力让' }];
    // 有保证 / 正品保证。 — the noun: 保障 says the same without the promise.
    if (view.norm[start - 1] === '有' || !/^[\u4e00-\u9fff]/.test(next)) return [{ messageId: 'useBaozhang', text: '保障' }];
    if (/^[\u4e00-\u9fff]/.test(next) && !/^[是不没无能可]/.test(next)) return [{ messageId: 'useJinliBaozhang', text: '尽力保障' }];
  }
  return [{ messageId: 'dropWord', text: '' }];
}

type SuggestionId = 'useHuiJinli' | 'useJinliang' | 'useJinliRang' | 'useBaozhang' | 'useJinliBaozhang' | 'dropWord';

export default defineRule({
  meta: {
    id: 'no-certainty-words',
    description:
      'No 保证/肯定/绝对/一定 as a promise of outcome; hedges (保证不了, 无法保证, 不一定), nouns (保证金, 您的肯定), adjectives (一定程度, 有一定的) and advice (一定要) pass.',
    defaultSeverity: 'error',
    source: 'seed 002 溝通技巧 不要用“肯定，保證，絕對”等字樣 (用盡量、努力、爭取); seed 000 二(10) 不要轻易承诺…保证不了哦只能尽力帮您催促',
    fixable: false,
    hasSuggestions: true,
    keywords: WORD_LIST,
    messages: {
      zh: {
        certainty: '凡事留有余地，不要用“{word}”向顾客作保证，请改用“尽力”“尽量”“争取”等说法。',
        useHuiJinli: '改为“会尽力”',
        useJinliang: '改为“尽量”',
        useJinliRang: '改为“尽力让”',
        useBaozhang: '改为“保障”',
        useJinliBaozhang: '改为“尽力保障”',
        dropWord: '删去“{word}”',
      },
      en: {
        certainty: 'Leave room: do not promise outcomes with "{word}"; use 尽力/尽量/争取 (do our best / try) instead.',
        useHuiJinli: 'Replace with 会尽力',
        useJinliang: 'Replace with 尽量',
        useJinliRang: 'Replace with 尽力让',
        useBaozhang: 'Replace with 保障',
        useJinliBaozhang: 'Replace with 尽力保障',
        dropWord: 'Delete "{word}"',
      },
    },
  },
  check({ view, report }) {
    const owned = findTimePromises(view);
    for (const m of matchAll(view, WORDS)) {
      if (owned.some((p) => m.start >= p.start && m.end <= p.end)) continue;
      const after = view.norm.slice(m.end, m.end + 4);
      const before = clauseBefore(view, m.start, 12);
      if (NOT_PROMISE_AFTER[m.text]?.test(after) || NOT_PROMISE_BEFORE[m.text]?.test(before)) continue;
      // Questions and guesses (您肯定是想要大一码的吧？).
      if (HEDGED_BEFORE.test(before) || isQuestionAfter(view, m.end, /[吗吧]/)) continue;
      if (m.text === '肯定' && after.startsWith('要') && before.endsWith('您')) continue;
      // 感谢您的肯定！ — the noun: 的 before, and nothing verb-like after.
      if (m.text === '肯定' && before.endsWith('的') && (/^(和|与|$)/.test(after) || !/^[\u4e00-\u9fff]/.test(after))) continue;
      const word = view.original.slice(m.start, m.end);
      report({
        messageId: 'certainty',
        data: { word },
        start: m.start,
        end: m.end,
        suggest: suggestions(view, m.start, m.end).map((s) => ({ ...s, data: { word } })),
      });
    }
  },
});
