import { testRule } from '../rule-tester.ts';
import rule from './polite-you.ts';

testRule(rule, {
  valid: ['您好，请问有什么可以帮您？', '感谢您的耐心等待。', '您们的订单已经合并发出。'],
  nearMisses: ['这款是迷你款，适合随身携带。', '你们公司的发票已经开好了。', '“你发货了吗”这个问题我来帮您查一下。'],
  invalid: [
    { text: '你好，请问有什么可以帮你？', errors: [{ span: '你' }, { span: '你', occurrence: 1 }], output: '您好，请问有什么可以帮您？' },
    { text: '妳好，歡迎光臨', name: 'traditional 妳', errors: [{ span: '妳' }], output: '您好，歡迎光臨' },
    { text: '你的迷你风扇已发出', errors: [{ span: '你' }], output: '您的迷你风扇已发出' },
    { text: '麻烦你，帮你们查一下', errors: [{ span: '你' }], output: '麻烦您，帮你们查一下' },
  ],
});
