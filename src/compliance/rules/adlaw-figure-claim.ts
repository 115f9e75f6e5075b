import { isNegatedBefore, isQuestionAfter } from '../clause.ts';
import { claimMatches } from '../patterns/claim.ts';
import { sentenceBounds } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { clauseBefore } from '../text-view.ts';

/**
 * Unverifiable figures as product claims (《广告法》第十一条、第二十八条: data, statistics and
 * results quoted in an ad must be true and sourced; an agent cannot source them in a chat):
 * a share of buyers (98%的人都说好, 百分之九十的顾客都选), a performance gain (保暖性能提升200%,
 * 比普通棉快3倍), an efficacy rate (除螨率高达99.9%, 回购率90%). An absolute 100% is
 * adlaw-superlative's.
 * Not flagged: compositions (含棉量95%, 成分：棉95% 氨纶5% — facts on the label), prices,
 * discounts and fees (便宜了20%, 优惠10%, 税率13%), the shop's platform rating (好评率98%:
 * the buyer sees it on the page), points (双倍积分), negations and questions.
 */
const NUM = '(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百几]+(?:点[一二三四五六七八九十]+)?)';
const PERCENT = `(?:\\d+(?:\\.\\d+)?%|百分之${NUM})`;
const TIMES = `${NUM}倍`;
const PEOPLE = '(?:人|顾客|买家|客户|用户|宝妈|消费者|回头客|老顾客|老客户|女生|男生)';
/** 98%的人 / 百分之九十的顾客. */
const SHARE = new RegExp(`${PERCENT}(?:以上|左右)?的?${PEOPLE}`, 'g');
/** 提升200% / 快3倍 / 提高了百分之五十 / 耐用两倍. */
const GAIN = new RegExp(
  `(?:提升|提高|增加|增强|加强|降低|减少|减轻|快|强|高|好|耐用|暖和?|保暖|轻|薄|厚)了?(?:近|约|超过|高达|达到|达)?(?:${PERCENT}|${TIMES})`,
  'g',
);
/** 除螨率高达99.9% / 满意度98% / 回购率90%: an efficacy or satisfaction rate. */
const RATE = new RegExp(
  `(?:除螨|防螨|抗菌|抑菌|杀菌|除菌|去污|去渍|祛[\\u4e00-\\u9fff]|有效|治愈|保暖|吸湿|防水|防晒|阻燃|过滤|回购|复购|满意|好转|修复|美白|回弹|抗皱|透气)(?:率|度|性)(?:高达|达到|达|超过|超|为|是|在)?(?:${PERCENT})`,
  'g',
);
/** 100% is adlaw-superlative's (an absolute term): one finding for one problem. */
const ABSOLUTE = /(?<![\d.])100%|百分之百/;
/** Price, money and fee words in the clause: the figure is a price or a fee, not a claim. */
const MONEY = /价|钱|元|块|折|优惠|便宜|贵|运费|邮费|红包|券|积分|税|手续费|利息|满减|定金|差价/;
/** A composition on the label: 含棉量95%, 成分…, 面料是…. */
const COMPOSITION = /含|成分|材质|占比|比例|充绒|面料[是为:]|标签/;

export default defineRule({
  meta: {
    id: 'adlaw-figure-claim',
    description:
      'Unverifiable figures as product claims (98%的人都说好, 保暖性能提升200%, 快3倍, 除螨率99.9%); compositions, prices, fees and the platform rating pass.',
    defaultSeverity: 'error',
    source: 'Advertising Law art. 11 and 28 《广告法》第十一条 (数据、统计资料应当真实、准确，并表明出处), 第二十八条 (虚假广告)',
    fixable: false,
    hasSuggestions: false,
    // Every finding holds a figure: %, 百分之 or 倍.
    keywords: ['%', '百分之', '倍'],
    messages: {
      zh: {
        figure: '“{text}”是无法核实的数据宣传（广告法要求数据真实并有出处），请改用客观的描述，例如“保暖性很好，很多顾客反馈不错”。',
      },
      en: {
        figure: '“{text}” is an unverifiable figure used as a claim (the Advertising Law requires true, sourced data); describe the product objectively, e.g. 保暖性很好，很多顾客反馈不错.',
      },
    },
  },
  check({ view, report }) {
    const claims = claimMatches(view, [RATE, SHARE, GAIN], (m) => {
      const before = clauseBefore(view, m.start, 16);
      if (ABSOLUTE.test(m.text) || MONEY.test(before) || MONEY.test(m.text) || COMPOSITION.test(before)) return false;
      const [s, e] = sentenceBounds(view.norm, m.start, m.end);
      if (MONEY.test(view.norm.slice(m.end, Math.min(e, m.end + 4)))) return false; // 降低20%的价格
      if (s < m.start && /好评率/.test(view.norm.slice(s, m.start))) return false;
      return !isNegatedBefore(view, m.start) && !isQuestionAfter(view, m.end, /[吗么]/);
    });
    for (const m of claims) {
      report({ messageId: 'figure', data: { text: view.original.slice(m.start, m.end) }, start: m.start, end: m.end });
    }
  },
});
