import { at, matches } from './found.ts';
import type { Entity } from './schema.ts';

type OrderId = Extract<Entity, { type: 'order_id' }>;
type Phone = Extract<Entity, { type: 'phone' }>;

// Taobao/Tmall order numbers are 15–20 digits; shorter runs are amounts, phones or tracking numbers.
const ORDER_ID = /(?<!\d)\d{15,20}(?!\d)/g;

export function findOrderIds(text: string): OrderId[] {
  return [...matches(ORDER_ID, text)].map((m) => at<OrderId>(m, { type: 'order_id', value: m[0] }));
}

// Mobile numbers, also written 138 1234 5678 / 138-1234-5678; landlines 0571-88886666; 400/800 lines.
const PHONE = /(?<![\d.])(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}-\d{7,8}|[48]00-?\d{3}-?\d{4})(?![\d.])/g;

export function findPhones(text: string): Phone[] {
  return [...matches(PHONE, text)].map((m) => at<Phone>(m, { type: 'phone', value: m[0].replace(/\D/g, '') }));
}
