import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BuyerMessageBodySchema, OwnerBodySchema } from './conversation-routes.ts';
import { HttpError } from './errors.ts';
import { parseBody } from './validate.ts';

function messageOf(schema: z.ZodType, body: unknown): string {
  try {
    parseBody(schema, body);
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).code).toBe('invalid_body');
    return (err as HttpError).message;
  }
  throw new Error('expected a validation error');
}

describe('body validation messages (Chinese, naming the field)', () => {
  it('names a missing field', () => {
    expect(messageOf(BuyerMessageBodySchema, { text: '在吗' })).toBe('字段 buyerId：缺少此字段');
  });
  it('names a field of the wrong type', () => {
    expect(messageOf(BuyerMessageBodySchema, { buyerId: 'b1', text: 12 })).toBe('字段 text：应为字符串');
  });
  it('says an empty or whitespace-only text is empty, and a long one too long', () => {
    expect(messageOf(BuyerMessageBodySchema, { buyerId: 'b1', text: '   ' })).toBe('字段 text：不能为空');
    expect(messageOf(BuyerMessageBodySchema, { buyerId: 'b1', text: '好'.repeat(2001) })).toBe('字段 text：最多 2000 个字符');
  });
  it('lists the allowed values of an enum', () => {
    expect(messageOf(BuyerMessageBodySchema, { buyerId: 'b1', text: '在吗', mode: 'manual' })).toBe('字段 mode：应为 auto、assist 之一');
    expect(messageOf(OwnerBodySchema, { action: 'kick', agent: '小禾' })).toBe('字段 action：应为 join、leave 之一');
  });
  it('refuses unknown fields and malformed ids', () => {
    expect(messageOf(BuyerMessageBodySchema, { buyerId: 'b1', text: '在吗', extra: 1 })).toBe('请求体：不认识的字段 extra');
    expect(messageOf(BuyerMessageBodySchema, { buyerId: 'b 1/..', text: '在吗' })).toBe('字段 buyerId：格式有误');
  });
  it('explains a body that is not an object', () => {
    for (const body of [null, 3, 'text', [1, 2], undefined]) expect(messageOf(BuyerMessageBodySchema, body)).toBe('请求体应为 JSON 对象');
  });
  it('returns the parsed, trimmed body when it is valid', () => {
    expect(parseBody(BuyerMessageBodySchema, { buyerId: 'b1', text: ' 在吗 ' })).toEqual({ buyerId: 'b1', text: '在吗' });
  });
});
