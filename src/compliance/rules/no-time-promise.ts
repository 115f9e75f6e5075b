import { isHedgedBefore, isQuestionAfter } from '../clause.ts';
import { sentenceBounds } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { CLAUSE_BREAK, clauseAfter, clauseBefore, matchAll, type TextView } from '../text-view.ts';

/**
 * No promised shipping or arrival time (seed 000 二(10) and 三(10); seed 004 违背承诺).
 * A promise is a time word followed, within a few modal/adverb tokens, by a ship or arrive
 * verb: 今天一定给您发货, 明天就能到, 3天内送达, 24小时内发货, 马上就到. A leading 保证/一定/
 * 肯定 belongs to the span (保证您今天收到), so no-certainty-words does not report it again.
 * Fine: hedged (正常今天可以发出, 预计明天到), negated (无法保证明天到, 今天发不了), questions,
 * conditionals (如果…/…的话), past facts without a modal (今天发的货, 今天到了一批新货), and a shop's
 * standing cut-off (下午4点前的订单当天发出，之后的次日发出: a rule for every order, not a promise).
 */

const NUM_CHARS = '一二两三四五六七八九十几半';
const NUM = `(?:\\d+|[${NUM_CHARS}]+)`;
const DAY_WORDS = ['今天', '今日', '今晚', '当天', '当日', '明天', '明日', '明早', '后天', '次日', '隔天', '第二天'];
/** Colloquial days (明儿, 今儿, 明晚, 大后天, 晚上): a seller's "今晚给您发走" is a promise too. */
const COLLOQUIAL_DAYS = ['大后天', '明儿', '今儿', '明晚', '明早上', '今早', '晚上', '傍晚'];
/** Weekdays (周五前, 下周一, 星期三, 礼拜天) and dates of the month (20号前). */
const WEEKDAY = '(?:下|这|本)?(?:个)?(?:周|星期|礼拜)[一二三四五六日天末]';
const MONTH_DATE = '(?:\\d{1,2}月)?\\d{1,2}号';
/**
 * Days only in the future: with them 就…了 / …了 is still a promise (后天就给您寄出了呢), while
 * 今天就发了 / 今天发了 can report what was done.
 */
const FUTURE_DAY = new RegExp(`^(?:明|后|大后|次日|隔天|第二天|今晚|晚上|傍晚|${WEEKDAY}|${MONTH_DATE})`);
const DAY =
  `(?:${[...COLLOQUIAL_DAYS, ...DAY_WORDS].join('|')}|${WEEKDAY}|${MONTH_DATE}|` +
  `${NUM}(?:[-~到至]${NUM})?个?(?:工作日|天|日)|${NUM}(?:[-~到至]${NUM})?个?小时)`;
const SOON_WORDS = ['马上', '立刻', '立马'];
/** Modal and filler tokens allowed between the time word and the verb. */
const MODAL = '就|能|可以|可|一定|肯定|保证|准|绝对|必定|必须|必|会|马上|立刻|立即|立马|准时|按时';
const FILLER = `${MODAL}|之内|以内|内|之前|前|上午|下午|中午|晚上|早上|一早|统一|都|也|全部|直接|给您|帮您|为您|让您|您`;
const LEAD = '(?:(?:保证|一定|肯定|绝对|准保|保准|包)(?:能|会|可以)?(?:让|给)?您(?:在)?|(?:保证|一定|肯定|绝对|准保|保准)(?:能|会|可以)?(?:在)?)';
const SHIP = '(?:安排发货|安排发出|发货|发出去|发出|发走|发过去|寄出去|寄出|寄过去|出库|发)';
const ARRIVE =
  '(?:(?:送到|送达|到达|到)(?:您手上|您手里|您那边|您那里|您那)?|到货|收到(?:货|宝贝|包裹|快递|商品)?|签收)';
/** The verb must end the phrase: punctuation, a particle, another time word, or the end. */
const END = '(?=$|[^\\u4e00-\\u9fff]|[哦呢哈啦呀啊嘛吧喔噢哟哒的了]|明天|后天|次日|隔天|第二天)';

const DAY_PROMISE = new RegExp(`(${LEAD})?(${DAY})((?:${FILLER}){0,5})(?:(${SHIP})|(${ARRIVE}))${END}`, 'g');
const SOON_ARRIVAL = new RegExp(`(${LEAD})?(${SOON_WORDS.join('|')})((?:就|能|会|可以|给您){0,3})()(${ARRIVE})${END}`, 'g');

const MODAL_RE = new RegExp(`(?:${MODAL})`);
/** Negation in the same clause; reassurances and connectives (不用担心, 不好意思, 不过, 不管) do not count. */
const NEGATED = /(不|无法|没|未|别|难以|很难|谁也)[^不无没未别]{0,5}$/;
const REASSURANCE = /不用担心|不要担心|别担心|别着急|不着急|不好意思|不客气|没关系|没问题|不过|不管|不论/g;
/** A past day or a done deed before the time word: 昨天晚上发了, 上周五给您寄出了, 已经…. */
const PAST_BEFORE = /(昨|前天|上周|上个?星期|上个?礼拜|已经|刚才|刚刚)/;
const CONDITION = /如果|假如|要是|万一|若|的话|是否/;
/** A time of day: 4点, 四点半, 16点30分, 17:00 (：is ':' in `norm`). */
const CLOCK = '(?:\\d{1,2}(?::\\d{2}|点(?:半|钟|\\d{1,2}分?)?)|[一二两三四五六七八九十]{1,3}点(?:半|钟)?)';
/** A cut-off condition for all orders: 下午4点前的订单, 17:00之前付款, 四点以前拍下. */
const CUT_OFF = new RegExp(`${CLOCK}(?:前|之前|以前)[^,.!?;:。\\n]{0,6}?(?:订单|付款|下单|拍下|支付)`, 'g');
/** The clause for the orders after the cut-off: …，之后的次日发出 / 以后的第二天发. */
const AFTER_CUT_OFF = /^\s*(?:之后|以后)的?/;
/** A guarantee in the filler (当天一定发, 当天必发): with a cut-off it is still a promise (4点前拍下保证当天发货). */
const CERTAIN = /一定|肯定|保证|绝对|必|准/;
/** Verbs that give a cut-off's own clause its consequence (4点前的订单当天发出). */
const CONSEQUENCE_VERB = /[发寄到收送]/;

export interface TimePromise {
  start: number;
  end: number;
  kind: 'ship' | 'arrive';
  day: string;
  verb: string;
}

function isQuestion(view: TextView, start: number, end: number): boolean {
  return isQuestionAfter(view, end, /[吗么]|还是/) || /还是|是否/.test(clauseBefore(view, start, 12));
}

/**
 * A shop's standing cut-off governs the time word: `before` (its sentence up to the time word)
 * holds a cut-off condition, and the time word is in the clause it governs — the cut-off's own
 * clause (4点前的订单当天发出), the next clause when the cut-off's clause is only the condition
 * (17:00前付款，当天发货), or a 之后的/以后的 clause (…，之后的次日发出). A promise in a later
 * clause of its own (…，您的订单今天一定发货) is still a promise, and so is a guarantee (see CERTAIN).
 */
function isCutOffRule(before: string): boolean {
  let restStart = -1;
  for (const m of before.matchAll(CUT_OFF)) restStart = m.index + m[0].length;
  if (restStart < 0) return false;
  const clauses = before.slice(restStart).split(CLAUSE_BREAK);
  if (clauses.length === 1) return true;
  if (clauses.length === 2 && !CONSEQUENCE_VERB.test(clauses[0]!)) return true;
  return AFTER_CUT_OFF.test(clauses[clauses.length - 1]!);
}

/** 如果…/…的话 earlier in the sentence, or a standing cut-off for a plain (not guaranteed) time: a conditional, not a promise. */
function isConditional(view: TextView, start: number, guaranteed: boolean): boolean {
  const [s] = sentenceBounds(view.norm, start, start, 40);
  const before = view.norm.slice(s, start);
  return CONDITION.test(before) || (!guaranteed && isCutOffRule(before));
}

/** Time promises in the reply, after the hedge, negation, question and condition checks. */
export function findTimePromises(view: TextView): TimePromise[] {
  const found: TimePromise[] = [];
  for (const re of [DAY_PROMISE, SOON_ARRIVAL]) {
    for (const m of matchAll(view, re)) {
      const [lead, day = '', filler = '', ship, arrive] = m.groups;
      const modal = re === SOON_ARRIVAL || lead !== undefined || MODAL_RE.test(filler);
      const next = view.norm[m.end];
      const future = FUTURE_DAY.test(day);
      // 今天发的货 / 今天到了一批新货: without a modal, 的/了 mark a fact, not a promise.
      if (!modal && (next === '的' || (next === '了' && !future))) continue;
      // 今天就发了，您看下物流: 就…了 after a ship verb reports what was done (not after 后天/明天).
      if (ship && next === '了' && !future && lead === undefined && !MODAL_RE.test(filler.replace(/就/g, ''))) continue;
      if (found.some((f) => m.start < f.end && f.start < m.end)) continue;
      const before = clauseBefore(view, m.start, 12).replace(REASSURANCE, '');
      if (PAST_BEFORE.test(before) || view.norm[m.start - 1] === '上') continue;
      const guaranteed = lead !== undefined || CERTAIN.test(filler);
      if (NEGATED.test(before) || isHedgedBefore(view, m.start) || isConditional(view, m.start, guaranteed)) continue;
      if (clauseAfter(view, m.end, 4).startsWith('的话') || isQuestion(view, m.start, m.end)) continue;
      found.push({ start: m.start, end: m.end, kind: ship ? 'ship' : 'arrive', day, verb: ship || arrive || '' });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** 正常情况下 + the time word + 可以 + a neutral verb: the manual's hedged wording. */
function hedged(p: TimePromise): string {
  const day = p.day === '马上' || p.day === '立刻' || p.day === '立马' ? '很快' : p.day;
  const verb = p.kind === 'ship' ? '发出' : p.verb.startsWith('收到') ? '收到' : '到';
  return `正常情况下${day}可以${verb}`;
}

export default defineRule({
  meta: {
    id: 'no-time-promise',
    description:
      'No promised shipping or arrival time (今天一定发货, 明天就能到, 3天内送达, 保证今天收到); hedged (正常/预计), negated, conditional and question forms pass.',
    defaultSeverity: 'error',
    penaltyPoints: 4,
    source:
      'seed 000 二(10) 不要轻易承诺…今天发货，明天可以到，保证今天收到宝贝 / 三(10); seed 004 违背承诺 (4分、6分、12分，按情节轻重; 取最低4分)',
    fixable: false,
    hasSuggestions: true,
    // Every promise holds a day word, a count before 天/日/工作日/小时 (3天, 两个工作日, 24小时) or 马上/立刻/立马.
    keywords: [
      ...DAY_WORDS,
      ...COLLOQUIAL_DAYS,
      ...['周', '星期', '礼拜', '号'],
      ...SOON_WORDS,
      '工作日',
      '小时',
      ...[...'0123456789', ...NUM_CHARS, '个'].flatMap((n) => [`${n}天`, `${n}日`]),
    ],
    messages: {
      zh: {
        shipPromise: '不要承诺具体的发货时间（“{text}”），请改为“尽快为您安排发货”或“正常情况下…可以发出”。',
        arrivePromise: '不要承诺具体的到货时间（“{text}”），快递时效我们无法保证，请改为“我们会尽力帮您催促快递”或“正常情况下…”。',
        suggestShip: '改为“尽快为您安排发货”',
        suggestUrge: '改为“我们会尽力帮您催促快递”',
        suggestHedge: '改为“{text}”',
      },
      en: {
        shipPromise: 'Do not promise a shipping time ("{text}"); write 尽快为您安排发货 (we will ship as soon as possible) or 正常情况下…可以发出 (normally … ships).',
        arrivePromise: 'Do not promise an arrival time ("{text}"): courier times are not ours to guarantee; write 我们会尽力帮您催促快递 (we will chase the courier) or 正常情况下… (normally …).',
        suggestShip: 'Replace with 尽快为您安排发货',
        suggestUrge: 'Replace with 我们会尽力帮您催促快递',
        suggestHedge: 'Replace with "{text}"',
      },
    },
  },
  check({ view, report }) {
    for (const p of findTimePromises(view)) {
      const text = view.original.slice(p.start, p.end);
      const soft = hedged(p);
      // For an arrival, the urging sentence replaces a bare subject before it (快递/您的包裹/我们)
      // and a trailing 了, so 快递明天就到了 becomes 我们会尽力帮您催促快递.
      const lead = clauseBefore(view, p.start, 8);
      const bareSubject = /^(?:亲|您|的|快递|包裹|宝贝|货|订单|我们|这边)+$/.test(lead);
      const urgeStart = bareSubject ? p.start - lead.length : p.start;
      const urgeEnd = view.norm[p.end] === '了' ? p.end + 1 : p.end;
      report({
        messageId: p.kind === 'ship' ? 'shipPromise' : 'arrivePromise',
        data: { text },
        start: p.start,
        end: p.end,
        suggest: [
          p.kind === 'ship'
            ? { messageId: 'suggestShip', text: '尽快为您安排发货' }
            : { messageId: 'suggestUrge', text: '我们会尽力帮您催促快递', start: urgeStart, end: urgeEnd },
          { messageId: 'suggestHedge', data: { text: soft }, text: soft },
        ],
      });
    }
  },
});
