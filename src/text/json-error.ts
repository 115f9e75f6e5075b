/**
 * A JSON.parse error in Chinese with where it is (line and column, 1-based), for people who
 * edit a JSON file by hand; V8's messages are English and give an offset at best.
 */
export interface JsonProblem {
  line?: number;
  column?: number;
  message: string;
}

const DETAILS: readonly [RegExp, string][] = [
  [/^Unexpected end of JSON input/, '内容不完整（括号或引号没有闭合）'],
  [/^Expected double-quoted property name/, '属性名要用双引号（或最后一项后面多了逗号）'],
  [/^Expected property name or '\}'/, '属性名要用双引号'],
  [/^Expected ',' or '\]'/, '缺少逗号或 ]'],
  [/^Expected ',' or '\}'/, '缺少逗号或 }'],
  [/^Expected ':'/, '属性名后缺少冒号'],
  [/^Bad control character/, '字符串里有未转义的换行或控制字符'],
  [/^Bad escaped character/, '字符串里的转义写法有误'],
  [/^Unterminated string/, '字符串缺少结尾的双引号'],
  [/^Unexpected non-whitespace character after JSON/, 'JSON 结束后还有多余的内容'],
  [/^Unexpected token/, '有无法识别的内容（文字要加双引号，true/false/null 要小写）'],
];

function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

export function jsonProblem(source: string, error: unknown): JsonProblem {
  const english = error instanceof Error ? error.message : String(error);
  const message = DETAILS.find(([pattern]) => pattern.test(english))?.[1] ?? '语法有误';
  const at = /at position (\d+)/.exec(english);
  if (at) return { ...positionOf(source, Number(at[1])), message };
  if (/^Unexpected end of JSON input/.test(english)) return { ...positionOf(source, source.trimEnd().length), message };
  return { message };
}

/** `file:line:column` when the place is known, else the file. */
export function jsonProblemText(file: string, problem: JsonProblem): string {
  return problem.line === undefined ? file : `${file}:${problem.line}:${problem.column}`;
}
