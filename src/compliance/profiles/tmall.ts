/**
 * Strict: every rule at its default severity. The default for anything sent automatically.
 */
export const tmallProfile = {
  id: 'tmall',
  description: '天猫严格模式：全部规则按默认级别检查，自动回复默认使用。',
  severities: {},
};
