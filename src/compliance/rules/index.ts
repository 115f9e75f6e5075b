import type { Rule } from '../rule.ts';
import politeYou from './polite-you.ts';
// wording (batch A): imports here
import noCurtReply from './no-curt-reply.ts';
import noParticleO from './no-particle-o.ts';
import noInterjectionEn from './no-interjection-en.ts';
import noCurtZhidao from './no-curt-zhidao.ts';
import noDismissive from './no-dismissive.ts';
import noBuPhrasing from './no-bu-phrasing.ts';
import noIntimateAddress from './no-intimate-address.ts';
import noRude from './no-rude.ts';
// promises and money (batch B): imports here
import noTimePromise from './no-time-promise.ts';
import noCertaintyWords from './no-certainty-words.ts';
import invoiceRefusal from './invoice-refusal.ts';
import invoiceExtraCharge from './invoice-extra-charge.ts';
import offplatformPayment from './offplatform-payment.ts';
import creditCardRefusal from './credit-card-refusal.ts';
import installmentRefusal from './installment-refusal.ts';
import noExtraFeeDemand from './no-extra-fee-demand.ts';
import postageContradiction from './postage-contradiction.ts';
// contact, data, orders (batch C): imports here
import offplatformContactHandle from './offplatform-contact-handle.ts';
import offplatformPhone from './offplatform-phone.ts';
import offplatformLink from './offplatform-link.ts';
import buyerDataLeak from './buyer-data-leak.ts';
import closeOrder from './close-order.ts';
import noRefuseReturn from './no-refuse-return.ts';
import askBuyerPhone from './ask-buyer-phone.ts';
// claims (batch D): imports here
import reviewCashback from './review-cashback.ts';
import fakeUrgency from './fake-urgency.ts';
import noStockoutWord from './no-stockout-word.ts';
import noStockoutRefusal from './no-stockout-refusal.ts';
import authenticityWording from './authenticity-wording.ts';
import adlawSuperlative from './adlaw-superlative.ts';
import adlawFigureClaim from './adlaw-figure-claim.ts';

/** Every rule, in the order of the rule index (docs/rules.md). */
export const allRules: readonly Rule[] = [
  politeYou,
  // wording (batch A): entries here
  noCurtReply,
  noParticleO,
  noInterjectionEn,
  noCurtZhidao,
  noDismissive,
  noBuPhrasing,
  noIntimateAddress,
  noRude,
  // promises and money (batch B): entries here
  noTimePromise,
  noCertaintyWords,
  invoiceRefusal,
  invoiceExtraCharge,
  offplatformPayment,
  creditCardRefusal,
  installmentRefusal,
  noExtraFeeDemand,
  postageContradiction,
  // contact, data, orders (batch C): entries here
  offplatformContactHandle,
  offplatformPhone,
  offplatformLink,
  buyerDataLeak,
  closeOrder,
  noRefuseReturn,
  askBuyerPhone,
  // claims (batch D): entries here
  reviewCashback,
  fakeUrgency,
  noStockoutWord,
  noStockoutRefusal,
  authenticityWording,
  adlawSuperlative,
  adlawFigureClaim,
];
