import type { z } from 'zod';

/**
 * A zod issue in Chinese, for the API's 400s and for files (shop, orders, scripts) with their
 * line: a message the schema wrote in Chinese is shown as it is; otherwise it is said by its code
 * (zod's own messages are English). Whether the value is missing is the caller's to say.
 */

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  record: '对象',
  date: '日期',
};

const HAN = /\p{Script=Han}/u;

export const typeName = (expected: string): string => TYPE_NAMES[expected] ?? expected;

export function describeZodIssue(issue: z.core.$ZodIssue): string {
  if (HAN.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `应为${typeName(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${issue.minimum} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `最多 ${issue.maximum} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'invalid_value':
      return `应为 ${issue.values.map(String).join('、')} 之一`;
    case 'unrecognized_keys':
      return `不认识的字段 ${issue.keys.join('、')}`;
    case 'invalid_format':
      return issue.format === 'datetime' ? '应为 ISO 8601 时间（例如 2025-11-20T14:30:00+08:00）' : '格式有误';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    default:
      return '取值有误';
  }
}
