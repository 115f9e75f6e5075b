import { extractEntities, type Entity } from '../nlu/entities/index.ts';
import { normalizeMessage } from '../nlu/normalize.ts';
import { NUMERAL, parseNumeral } from '../nlu/numbers.ts';
import { CHANNEL } from '../compliance/rules/offplatform-contact-handle.ts';
import { BARE_DOMAIN, URL } from '../compliance/rules/offplatform-link.ts';
import { normalizeSameLength } from '../text/normalize.ts';
import { EMAIL } from './mask.ts';

/**
 * The facts of a reply, and what a rephrasing changed about them. A fact is compared by its
 * meaning, not its spelling: 十二块 and 12元 are the same amount (the NLU money extractor reads
 * both), 顺丰 and SF the same courier, full-width digits and traditional characters the same
 * text. Besides the facts the original states, a rephrasing must not add a number, a phone
 * number, a link, a contact handle or a promise word the original did not have, and must not
 * turn a service statement around (暂时无货 → 有货, 无法再低 → 可以再便宜) or add a new one.
 */

export const FACT_KINDS = [
  'money',
  'discount',
  'percent',
  'order_id',
  'phone',
  'courier',
  'date',
  'days',
  'height',
  'weight',
  'size',
  'color',
  'number',
  'product',
  'link',
  'contact',
  'promise',
  'claim',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface Fact {
  kind: FactKind;
  /** What two spellings of the same fact share: `money:12`, `courier:顺丰`, `date:m11d11`. */
  key: string;
  /** As written, for messages. */
  text: string;
  /** For numeric facts: the value, so a bare 694 and 694元 count as the same number. */
  value?: number;
  /** For claims: the service topic and whether the reply grants or denies it. */
  claim?: { topic: string; granted: boolean };
}

export interface FactOptions {
  /** The shop's product names: each one the original names must stay. */
  productNames?: readonly string[];
}

export type FactProblemCode =
  | 'missing_fact'
  | 'changed_fact'
  | 'new_fact'
  | 'new_number'
  | 'new_phone'
  | 'new_link'
  | 'new_contact'
  | 'new_promise';

export interface FactProblem {
  code: FactProblemCode;
  kind: FactKind;
  /** Chinese, named to the model in the retry prompt. */
  message: string;
}

function dateKey(e: Extract<Entity, { type: 'date' }>): string {
  const parts = [
    e.offsetDays !== undefined ? `o${e.offsetDays}` : '',
    e.weekday !== undefined ? `w${e.weekday}` : '',
    e.month !== undefined ? `m${e.month}` : '',
    e.day !== undefined ? `d${e.day}` : '',
    e.before ? 'before' : '',
  ];
  return `date:${parts.join('')}`;
}

function entityFact(e: Entity): Fact {
  switch (e.type) {
    case 'money':
      return { kind: 'money', key: `money:${e.amount}`, text: e.text, value: e.amount };
    case 'discount':
      return { kind: 'discount', key: `discount:${e.rate ?? 'any'}`, text: e.text };
    case 'order_id':
      return { kind: 'order_id', key: `order_id:${e.value}`, text: e.text };
    case 'phone':
      return { kind: 'phone', key: `phone:${e.value}`, text: e.text };
    case 'courier':
      return { kind: 'courier', key: `courier:${e.name}`, text: e.text };
    case 'date':
      return { kind: 'date', key: dateKey(e), text: e.text };
    case 'days':
      return { kind: 'days', key: `days:${e.days}`, text: e.text, value: e.days };
    case 'height':
      return { kind: 'height', key: `height:${e.cm}`, text: e.text, value: e.cm };
    case 'weight':
      return { kind: 'weight', key: `weight:${e.kg}`, text: e.text, value: e.kg };
    case 'size':
      return { kind: 'size', key: `size:${e.value}`, text: e.text };
    case 'color':
      return { kind: 'color', key: `color:${e.name}`, text: e.text };
  }
}

interface Span {
  start: number;
  end: number;
}

const inside = (spans: readonly Span[], start: number, end: number): boolean => spans.some((s) => start < s.end && s.start < end);

const PERCENT = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*%|百分之(${NUMERAL})`, 'g');
// Links and off-platform channels as the compliance rules see them (offplatform-link,
// offplatform-contact-handle), plus the invitations that go with a channel (加我, 私聊) and e-mail.
const LINK = new RegExp(`${URL.source}|${BARE_DOMAIN.source}`, 'g');
const CONTACT = new RegExp(`${CHANNEL.source}|加我|加好友|私聊|私信|扫码|${EMAIL.source}`, 'g');
// Words that commit the shop to an outcome or a time (保证/一定/明天到/马上发 …).
const PROMISE =
  /(?:今天|今日|明天|明日|当天|后天)(?:就|能|会|可以)*(?:到|发|送达|寄出)|保证|一定|肯定|绝对|必定|必然|准保|保准|包您|包你|包退|包换|包邮|包赔|百分之?百|100%|马上|立刻|立即|立马|第一时间|今天就|当天就|明天就|次日达|当日达|准时|按时|必须|放心吧|没问题/g;
// A Chinese numeral of two or more before a measure word (两张, 三件); 一 alone is mostly an article (一份, 一下).
const CHINESE_COUNT = new RegExp(`(${NUMERAL})\\s*(?=[件个张份次双条套瓶盒包袋箱支只台块斤年月小时分钟秒周岁倍])`, 'g');
const DIGITS = /\d+(?:\.\d+)?/g;

function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    yield m;
  }
}

function stripTrailingPunctuation(link: string): string {
  return link.replace(/[.,;:!?)\]]+$/, '');
}

/** Service topics a reply may grant or deny, by the words that name them. */
const CLAIM_TOPICS: [topic: string, words: RegExp][] = [
  ['stock', /有货|现货|库存/],
  ['ship', /发货|发出|寄出/],
  ['return', /退货|退款|退换|换货/],
  ['free_shipping', /包邮|免运费|免邮/],
  // Concessions only: 价格很优惠 describes, 再便宜/优惠券 grants.
  ['price', /再低|再便宜|再优惠|再让|让价|降价|改价|优惠券|便宜一点|便宜点/],
  ['gift', /赠送|赠品|送您/],
  ['invoice', /发票|开票/],
  ['modify', /修改|改地址|更改/],
  ['restock', /补货/],
  ['payment', /货到付款|分期|信用卡|花呗/],
];
const CLAIM_WORDS = new RegExp(CLAIM_TOPICS.map(([, re]) => re.source).join('|'), 'g');
/** Denials that name the topic themselves (暂时无货). */
const OUT_OF_STOCK = /无货|缺货|没货|断货|售罄|卖完了/;
/** A negation earlier in the clause: 暂时无法再低, 不支持货到付款, 还没有发出. */
const NEGATION = /不|无法|没法|没办法|没有|没|未|暂不|无/;
/** Phrases with a negation character that deny nothing (不好意思, 不用担心, 7天无理由, 无门槛). */
const NOT_NEGATION = /不好意思|不客气|不用担心|不要担心|不用着急|不着急|不过|不管|不论|不仅|不但|无论|没关系|没问题|毫无疑问|无理由|无门槛/g;
const CLAUSE = /[^,.!?;:~，。！？；：、…\n]*/g;

function claimFacts(norm: string): Fact[] {
  const facts: Fact[] = [];
  for (const clauseMatch of matchesOf(CLAUSE, norm)) {
    const clause = clauseMatch[0].replace(NOT_NEGATION, (m) => '　'.repeat(m.length));
    if (OUT_OF_STOCK.test(clause)) facts.push({ kind: 'claim', key: 'claim:stock:no', text: clauseMatch[0].trim(), claim: { topic: 'stock', granted: false } });
    for (const m of matchesOf(CLAIM_WORDS, clause)) {
      const topic = CLAIM_TOPICS.find(([, re]) => re.test(m[0]))![0];
      const granted = !NEGATION.test(clause.slice(0, m.index));
      facts.push({ kind: 'claim', key: `claim:${topic}:${granted ? 'yes' : 'no'}`, text: clauseMatch[0].trim(), claim: { topic, granted } });
    }
  }
  return facts;
}

/** Every fact of a text. */
export function extractFacts(text: string, options: FactOptions = {}): Fact[] {
  const facts: Fact[] = [];
  // Entities as the NLU reads them; their spans are offsets into `text`.
  const entities = extractEntities(normalizeMessage(text));
  for (const e of entities) facts.push(entityFact(e));
  // Same-length normalisation for the rest, so positions are `text`'s and spans compare.
  const norm = normalizeSameLength(text);
  const taken: Span[] = entities.map((e) => ({ start: e.start, end: e.end }));

  for (const m of matchesOf(LINK, norm)) {
    const link = stripTrailingPunctuation(m[0]);
    facts.push({ kind: 'link', key: `link:${link.replace(/^https?:\/\//, '').replace(/^www\./, '')}`, text: link });
    taken.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const m of matchesOf(PERCENT, norm)) {
    if (inside(taken, m.index, m.index + m[0].length)) continue;
    const value = parseNumeral(m[1] ?? m[2] ?? '');
    if (value === undefined) continue;
    facts.push({ kind: 'percent', key: `percent:${value}`, text: m[0], value });
    taken.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const m of matchesOf(CHINESE_COUNT, norm)) {
    const value = parseNumeral(m[1]!);
    if (value === undefined || value < 2 || inside(taken, m.index, m.index + m[0].length)) continue;
    facts.push({ kind: 'number', key: `number:${value}`, text: m[1]!, value });
    taken.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const m of matchesOf(DIGITS, norm)) {
    if (inside(taken, m.index, m.index + m[0].length)) continue;
    const value = Number(m[0]);
    facts.push({ kind: 'number', key: `number:${value}`, text: text.slice(m.index, m.index + m[0].length), value });
  }
  for (const name of options.productNames ?? []) {
    const needle = normalizeSameLength(name.trim());
    if (needle.length > 0 && norm.includes(needle)) facts.push({ kind: 'product', key: `product:${needle}`, text: name });
  }
  for (const m of matchesOf(CONTACT, norm)) facts.push({ kind: 'contact', key: `contact:${m[0].replace(/[\s\-._*·+➕]/g, '')}`, text: m[0] });
  for (const m of matchesOf(PROMISE, norm)) facts.push({ kind: 'promise', key: `promise:${m[0]}`, text: m[0] });
  facts.push(...claimFacts(norm));
  return facts;
}

/** Numeric kinds whose values may stand in for each other: the original's 694 and the rephrasing's 694元. */
const LOOSE_NUMBERS: ReadonlySet<FactKind> = new Set(['money', 'number', 'percent']);

const ADDED_CODE: Partial<Record<FactKind, FactProblemCode>> = {
  money: 'new_number',
  number: 'new_number',
  percent: 'new_number',
  discount: 'new_number',
  days: 'new_number',
  phone: 'new_phone',
  link: 'new_link',
  contact: 'new_contact',
  promise: 'new_promise',
};

const ADDED_MESSAGE: Record<FactProblemCode, (f: Fact) => string> = {
  missing_fact: (f) => `遗漏了原话术中的“${f.text}”`,
  changed_fact: (f) => `改动了“${f.text}”`,
  new_fact: (f) => `新增了原话术没有的“${f.text}”`,
  new_number: (f) => `新增了原话术没有的数字“${f.text}”`,
  new_phone: (f) => `新增了电话号码“${f.text}”`,
  new_link: (f) => `新增了链接“${f.text}”`,
  new_contact: (f) => `新增了站外联系方式“${f.text}”`,
  new_promise: (f) => `新增了承诺用语“${f.text}”`,
};

/** Facts of `facts` whose key (or, for loose numbers, value) does not occur in `other`. */
function absent(facts: readonly Fact[], other: readonly Fact[]): Fact[] {
  const keys = new Set(other.map((f) => f.key));
  const values = new Set(other.filter((f) => LOOSE_NUMBERS.has(f.kind)).map((f) => f.value));
  const seen = new Set<string>();
  return facts.filter((f) => {
    if (seen.has(f.key)) return false;
    seen.add(f.key);
    if (keys.has(f.key)) return false;
    return !(LOOSE_NUMBERS.has(f.kind) && values.has(f.value));
  });
}

/**
 * Claims are compared by topic: a rephrasing may drop one (it says less), but may not grant what
 * the original denied, deny what it granted, or make a statement about a topic it did not touch.
 */
function claimProblems(before: readonly Fact[], added: readonly Fact[]): FactProblem[] {
  const problems: FactProblem[] = [];
  const reported = new Set<string>();
  for (const fact of added) {
    if (fact.claim === undefined) continue;
    const { topic } = fact.claim;
    if (reported.has(topic)) continue;
    reported.add(topic);
    const original = before.find((f) => f.claim?.topic === topic);
    problems.push(
      original
        ? { code: 'changed_fact', kind: 'claim', message: `改变了原话术“${original.text}”的意思（改为“${fact.text}”）` }
        : { code: 'new_promise', kind: 'claim', message: `新增了原话术没有的说法“${fact.text}”` },
    );
  }
  return problems;
}

/**
 * What the candidate changed about the original's facts; empty when it kept every fact and added
 * none. A missing and an added fact of the same kind are reported as one change (12元 → 15元).
 */
export function compareFacts(original: string, candidate: string, options: FactOptions = {}): FactProblem[] {
  const before = extractFacts(original, options);
  const after = extractFacts(candidate, options);
  const missing = absent(before, after);
  const added = absent(after, before);
  const problems: FactProblem[] = [];
  for (const kind of FACT_KINDS) {
    if (kind === 'claim') {
      problems.push(...claimProblems(before, added));
      continue;
    }
    const gone = missing.filter((f) => f.kind === kind);
    const fresh = added.filter((f) => f.kind === kind);
    const pairs = Math.min(gone.length, fresh.length);
    for (let i = 0; i < pairs; i++) {
      problems.push({ code: 'changed_fact', kind, message: `把原话术中的“${gone[i]!.text}”改成了“${fresh[i]!.text}”` });
    }
    for (const f of gone.slice(pairs)) problems.push({ code: 'missing_fact', kind, message: ADDED_MESSAGE.missing_fact(f) });
    for (const f of fresh.slice(pairs)) {
      const code = ADDED_CODE[kind] ?? 'new_fact';
      problems.push({ code, kind, message: ADDED_MESSAGE[code](f) });
    }
  }
  return problems;
}
