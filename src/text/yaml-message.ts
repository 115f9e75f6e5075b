import type { YAMLError } from 'yaml';

/** What the yaml package's error codes mean, for whoever edits the file (its messages are English). */
const YAML_CODES: Record<string, string> = {
  BAD_INDENT: '缩进有误',
  TAB_AS_INDENT: '不能用制表符（Tab）缩进，请用空格',
  DUPLICATE_KEY: '同一层里有重复的键',
  MISSING_CHAR: '引号或括号没有闭合',
  UNEXPECTED_TOKEN: '这里有多余或位置不对的内容（检查缩进和冒号）',
  BLOCK_AS_IMPLICIT_KEY: '一行里不能写两层映射（“a: b: c”），请换行缩进',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（检查冒号后的空格和缩进）',
  BLOCK_IN_FLOW: '方括号或花括号里不能写换行缩进的列表或映射',
  BAD_SCALAR_START: '这个值以特殊字符开头，请加引号',
  BAD_DQ_ESCAPE: '双引号里的转义写法有误',
  KEY_OVER_1024_CHARS: '键太长（超过 1024 个字符）',
  MULTIPLE_DOCS: '一个文件只能有一个文档（去掉 ---）',
  BAD_ALIAS: '别名（*）指向不存在的锚点',
  ALIAS_PROPS: '别名（*）不能带锚点或标签',
  MULTIPLE_ANCHORS: '一个值只能有一个锚点（&）',
  MULTIPLE_TAGS: '一个值只能有一个标签（!）',
  TAG_RESOLVE_FAILED: '标签（!）无法识别',
};

/** A YAML syntax error in Chinese, with its column ("YAML 语法有误：方括号 [ 没有闭合（缺少 ]）（第 1 列）"). */
export function yamlSyntaxMessage(error: YAMLError): string {
  const english = error.message.split('\n')[0] ?? '';
  const what = /^Flow sequence/.test(english)
    ? '方括号 [ 没有闭合（缺少 ]），或下一行缩进不够'
    : /^Flow mapping/.test(english)
      ? '花括号 { 没有闭合（缺少 }），或下一行缩进不够'
      : (YAML_CODES[error.code] ?? `无法解析（${error.code}）`);
  const column = error.linePos?.[0]?.col;
  return `YAML 语法有误：${what}${column === undefined ? '' : `（第 ${column} 列）`}`;
}
