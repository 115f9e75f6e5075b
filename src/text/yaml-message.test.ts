import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { yamlSyntaxMessage } from './yaml-message.ts';

const messageOf = (source: string) => yamlSyntaxMessage(parseDocument(source, { prettyErrors: true }).errors[0]!);

describe('yamlSyntaxMessage', () => {
  it.each([
    ['agents: [小禾\nb: 1\n', 'YAML 语法有误：方括号 [ 没有闭合（缺少 ]），或下一行缩进不够（第 1 列）'],
    ['a: 1\na: 2\n', 'YAML 语法有误：同一层里有重复的键（第 1 列）'],
    ['a:\n\tb: 1\n', 'YAML 语法有误：不能用制表符（Tab）缩进，请用空格（第 1 列）'],
    ['a: "x\n', 'YAML 语法有误：引号或括号没有闭合（第 1 列）'],
    ['a: b: c\n', 'YAML 语法有误：一行里不能写两层映射（“a: b: c”），请换行缩进（第 4 列）'],
  ])('%j', (source, message) => {
    expect(messageOf(source)).toBe(message);
  });
});
