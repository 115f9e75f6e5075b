/**
 * Short Chinese names of the rules, for people who read the notebooks (问题记录, 服务统计) and
 * pick a rule in a filter. The rule id stays the key everywhere; a test requires a name for
 * every rule of `allRules`.
 */
export const RULE_NAMES_ZH: Readonly<Record<string, string>> = {
  'polite-you': '称呼用“您”',
  'no-curt-reply': '一字真言（敷衍回复）',
  'no-particle-o': '语气词“哦”',
  'no-interjection-en': '语气词“嗯/恩”',
  'no-curt-zhidao': '生硬的“知道了”',
  'no-dismissive': '推诿搪塞',
  'no-bu-phrasing': '带“不”字的说法',
  'no-intimate-address': '过于亲密的称呼',
  'no-rude': '粗鲁或轻视顾客',
  'no-time-promise': '承诺发货或到货时间',
  'no-certainty-words': '“保证/肯定/绝对”等字样',
  'invoice-refusal': '拒开发票',
  'invoice-extra-charge': '开发票另收费用',
  'offplatform-payment': '站外付款',
  'credit-card-refusal': '拒收信用卡等付款方式',
  'installment-refusal': '拒绝分期付款',
  'no-extra-fee-demand': '索要额外费用',
  'postage-contradiction': '运费与运费模板不符',
  'offplatform-contact-handle': '引导站外联系（QQ/微信）',
  'offplatform-phone': '发送电话号码',
  'offplatform-link': '站外链接或淘口令',
  'buyer-data-leak': '泄露其他买家信息',
  'close-order': '客服关闭订单',
  'no-refuse-return': '拒绝退换货',
  'ask-buyer-phone': '索要买家联系方式',
  'review-cashback': '好评返现',
  'fake-urgency': '虚假紧迫感',
  'no-stockout-word': '使用“缺货”一词',
  'no-stockout-refusal': '以缺货为由拒绝发货',
  'authenticity-wording': '正品说法不当',
  'adlaw-superlative': '广告法极限用语',
  'adlaw-figure-claim': '无法证实的数据宣传',
};

/** The rule's Chinese name; an unknown id (a rule since removed) shows as it is. */
export function ruleName(ruleId: string): string {
  return RULE_NAMES_ZH[ruleId] ?? ruleId;
}
