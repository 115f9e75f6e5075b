/**
 * Relaxed: the friendly tone of the Taobao haggling manual (seed 002) — 亲, 哦, ~ — is allowed
 * and the 不-wording table only advises. Promises, off-platform payment or contact, data leaks
 * and every rule with Tmall penalty points stay errors.
 */
export const taobaoProfile = {
  id: 'taobao',
  description: '淘宝宽松模式：允许“亲”“哦”等亲切语气，“不”字措辞仅作提醒；承诺、站外交易与联系、泄露信息等仍为错误。',
  severities: {
    'no-particle-o': 'off',
    'no-intimate-address': 'off',
    'no-bu-phrasing': 'warning',
    'no-interjection-en': 'warning',
    'adlaw-superlative': 'warning',
    'adlaw-figure-claim': 'warning',
  },
};
