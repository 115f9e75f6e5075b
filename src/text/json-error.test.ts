import { describe, expect, it } from 'vitest';
import { jsonProblem, jsonProblemText } from './json-error.ts';

const problemOf = (source: string) => {
  try {
    JSON.parse(source);
  } catch (err) {
    return jsonProblem(source, err);
  }
  throw new Error('parsed');
};

describe('jsonProblem', () => {
  it.each([
    ['{"buyer": ', { line: 1, column: 10, message: '内容不完整（括号或引号没有闭合）' }],
    ['{\n  "a": 1,\n}', { line: 3, column: 1, message: '属性名要用双引号（或最后一项后面多了逗号）' }],
    ['{\n  a: 1\n}', { line: 2, column: 3, message: '属性名要用双引号' }],
    ['[1 2]', { line: 1, column: 4, message: '缺少逗号或 ]' }],
    ['{"a": 1} x', { line: 1, column: 10, message: 'JSON 结束后还有多余的内容' }],
  ])('%j', (source, expected) => {
    expect(problemOf(source)).toEqual(expected);
  });

  it('says where when it knows', () => {
    expect(jsonProblemText('c.json', { line: 2, column: 3, message: 'x' })).toBe('c.json:2:3');
    expect(jsonProblemText('c.json', { message: 'x' })).toBe('c.json');
    expect(jsonProblem('', new Error('something new')).message).toBe('语法有误');
  });
});
