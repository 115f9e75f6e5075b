import type { Rule } from '../rule.ts';
import politeYou from './polite-you.ts';
// wording (batch A): imports here
// promises and money (batch B): imports here
// contact, data, orders (batch C): imports here
import offplatformContactHandle from './offplatform-contact-handle.ts';
import offplatformPhone from './offplatform-phone.ts';
import offplatformLink from './offplatform-link.ts';
import buyerDataLeak from './buyer-data-leak.ts';
import closeOrder from './close-order.ts';
import noRefuseReturn from './no-refuse-return.ts';
// claims (batch D): imports here
import reviewCashback from './review-cashback.ts';
import fakeUrgency from './fake-urgency.ts';
import noStockoutWord from './no-stockout-word.ts';
import noStockoutRefusal from './no-stockout-refusal.ts';
import authenticityWording from './authenticity-wording.ts';
import adlawSuperlative from './adlaw-superlative.ts';

/** Every rule, in the order of the rule index (docs/rules.md). */
export const allRules: readonly Rule[] = [
  politeYou,
  // wording (batch A): entries here
  // promises and money (batch B): entries here
  // contact, data, orders (batch C): entries here
  offplatformContactHandle,
  offplatformPhone,
  offplatformLink,
  buyerDataLeak,
  closeOrder,
  noRefuseReturn,
  // claims (batch D): entries here
  reviewCashback,
  fakeUrgency,
  noStockoutWord,
  noStockoutRefusal,
  authenticityWording,
  adlawSuperlative,
];
