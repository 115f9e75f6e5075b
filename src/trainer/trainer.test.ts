import { beforeAll, describe, expect, it } from 'vitest';
import { checkFacts } from './load.ts';
import { idealLine, scoreDialogue } from './scorecard.ts';
import { BuyerSimulator } from './simulator.ts';
import { loadTrainerKit, type TrainerKit } from './kit.ts';
import { factParams, resolveFacts } from './world.ts';
import { loadDemoOrderProvider } from '../orders/demo-provider.ts';

let kit: TrainerKit;
beforeAll(async () => {
  kit = await loadTrainerKit();
});

describe('ideal trainee', () => {
  it('scores 100 on every scenario', () => {
    const failures: string[] = [];
    for (const scenario of kit.library.scenarios) {
      const persona = kit.library.persona('gentle')!;
      const sim = new BuyerSimulator(scenario, persona, kit.library.lines, kit.world, 7);
      const params = factParams(kit.world, resolveFacts(kit.world, scenario.facts));
      let line: string | undefined = sim.open();
      while (line !== undefined && !sim.done) line = sim.react(idealLine(sim.currentAsk!.ideal, kit.scripts, params));
      const card = scoreDialogue(scenario, sim.state, kit.world, kit.scripts);
      if (card.total !== 100 || card.misses.length > 0) {
        failures.push(`${scenario.id} ${card.total}: ${card.misses.map((m) => `${m.id} ${m.label}`).join('; ')}\n${sim.state.transcript.map((t) => `  ${t.role}: ${t.text}`).join('\n')}`);
      }
    }
    expect(failures.join('\n')).toBe('');
  });
});

describe('trainer data', () => {
  it('has at least 30 scenarios over every area, and the personas', () => {
    expect(kit.library.scenarios.length).toBeGreaterThanOrEqual(30);
    const areas = new Set(kit.library.scenarios.map((s) => s.area));
    expect([...areas].sort()).toEqual(['aftersale', 'bargaining', 'compliance', 'escalation', 'invoice', 'logistics', 'presale']);
    expect(kit.library.personas.length).toBeGreaterThanOrEqual(5);
  });

  it('names only buyers, orders, products and scripts that exist in the demo shop', async () => {
    expect(await checkFacts(kit.library, kit.world.shop, loadDemoOrderProvider(kit.world.shop), kit.scripts)).toEqual([]);
  });

  it('fills every placeholder of every buyer line from the scenario facts', () => {
    for (const scenario of kit.library.scenarios) {
      const sim = new BuyerSimulator(scenario, kit.library.persona('gentle')!, kit.library.lines, kit.world, 1);
      for (const ask of scenario.agenda) for (const line of ask.say ?? []) expect(sim.fill(line), scenario.id).not.toMatch(/\{\w+\}/);
      for (const line of scenario.objections ?? []) expect(sim.fill(line), scenario.id).not.toMatch(/\{\w+\}/);
    }
  });

  it('reports a fact that does not exist with its file and line', async () => {
    const { parseScenarioFile } = await import('./load.ts');
    const yaml = [
      'scenarios:',
      '  - id: bad',
      '    area: presale',
      '    title: 坏场景',
      '    facts: { buyer: tb_buyer_anna, product: NY-XX99, order: \'4189102557306612984\' }',
      '    agenda:',
      '      - say: [有货吗]',
      '        expect: [stock]',
      '        ideal: { script: presale.nope }',
      '    success: { outcome: info_given }',
    ].join('\n');
    const scenarios = parseScenarioFile(yaml, 'x.yaml');
    const problems = await checkFacts({ ...kit.library, scenarios }, kit.world.shop, loadDemoOrderProvider(kit.world.shop), kit.scripts);
    expect(problems).toEqual([
      'x.yaml:2: bad.facts.product: 店铺里没有商品 "NY-XX99"',
      'x.yaml:2: bad.agenda[0].ideal.script: 话术库里没有 "presale.nope"',
    ]);
    expect(() => parseScenarioFile(yaml.replace('expect: [stock]', 'expect: [stok]'), 'x.yaml')).toThrow(/x\.yaml:8: scenarios\[0\]\.agenda\[0\]\.expect\[0\]/);
    expect(() => parseScenarioFile('scenarios: [\n  - id: 1', 'y.yaml')).toThrow(/y\.yaml:\d+: YAML 语法有误/);
  });
});

describe('simulated buyer', () => {
  const play = (seed: number, reply: (sim: BuyerSimulator) => string, persona = 'chatty') => {
    const scenario = kit.library.scenario('haggle_promise')!;
    const sim = new BuyerSimulator(scenario, kit.library.persona(persona)!, kit.library.lines, kit.world, seed);
    const lines = [sim.open()];
    while (!sim.done) lines.push(sim.react(reply(sim))!);
    return { lines, sim };
  };

  it('is deterministic for a seed and reads differently for another seed', () => {
    const stall = () => '您好，请稍等。';
    expect(play(3, stall).lines).toEqual(play(3, stall).lines);
    const variety = new Set([1, 2, 3, 4, 5, 6].map((seed) => play(seed, stall).lines.join('|')));
    expect(variety.size).toBeGreaterThan(3);
  });

  it('loses patience when nothing is answered and gives up', () => {
    const { sim } = play(5, () => '您好，请稍等。');
    expect(sim.state.end).toBe('gave_up');
    expect(sim.state.asks[0]!.satisfiedAt).toBeUndefined();
  });

  it('answers the questions it can from its facts (body data, order id, invoice title, photos)', () => {
    const scenario = kit.library.scenario('size_advice')!;
    const sim = new BuyerSimulator(scenario, kit.library.persona('gentle')!, kit.library.lines, kit.world, 2);
    sim.open();
    const answer = sim.react('您好，麻烦您告诉我您的身高和体重，我帮您推荐尺码。')!;
    expect(answer).toMatch(/163/);
    expect(answer).toMatch(/53/);
    expect(sim.react('建议您选择M码。')).toBeDefined();
    expect(sim.state.end).toBe('completed');
    const invoice = new BuyerSimulator(kit.library.scenario('invoice_paid')!, kit.library.persona('gentle')!, kit.library.lines, kit.world, 2);
    invoice.open();
    expect(invoice.react('可以开发票的，请问发票抬头写个人还是公司名称呢？')).toMatch(/王博文/);
  });

  it('moves on after a concession and ends when handed over', () => {
    const { sim } = play(4, (s) => (s.state.asks[0]!.satisfiedAt === undefined ? '非常抱歉，这款的价格已经很实在了，暂时无法再低了。' : '好的，为您申请到一份袜子，会在订单上备注好。'), 'impatient');
    expect(sim.state.end).toBe('completed');
    const handed = play(4, () => '好的，已经为您转接人工客服，请您稍等。');
    expect(handed.sim.state.end).toBe('handed_off');
  });
});

describe('trainee with the classic mistakes', () => {
  /** The manuals' points for each classic mistake (seed 004), and the fact check for another buyer's order. */
  const MISTAKES: { text: (other: { id: string; name: string; phone: string }) => string; rule: string; points: number }[] = [
    { text: () => '你放心。', rule: 'polite-you', points: 1 },
    { text: () => '这款很保暖哦。', rule: 'no-particle-o', points: 1 },
    { text: () => '明天就能到。', rule: 'no-time-promise', points: 4 },
    { text: () => '这单发票开不了。', rule: 'invoice-refusal', points: 6 },
    { text: () => '有事加我QQ 12345678。', rule: 'offplatform-contact-handle', points: 3 },
    { text: (o) => `订单${o.id}的收货人是${o.name}，电话${o.phone}。`, rule: 'buyer-data-leak', points: 6 },
  ];
  const CONCESSION = '好的，为您申请到一份衣柜香薰袋一个，会在订单上备注好。';

  it('loses exactly the expected points, each miss with the scripts-library line as advice', () => {
    const failures: string[] = [];
    for (const scenario of kit.library.scenarios) {
      const sim = new BuyerSimulator(scenario, kit.library.persona('gentle')!, kit.library.lines, kit.world, 11);
      const resolved = resolveFacts(kit.world, scenario.facts);
      const params = factParams(kit.world, resolved);
      const other = resolved.otherOrders[0]!;
      const firstAskIsHaggle = scenario.agenda[0]!.step === 'first_ask_declined';
      const isInvoice = scenario.agenda.some((a) => a.step === 'invoice_arranged');
      const firstIdeal = idealLine(scenario.agenda[0]!.ideal, kit.scripts, params);
      const mistakes = MISTAKES.map((m) => m.text({ id: other.id, name: other.receiver.name, phone: other.receiver.phone })).join('');
      let line: string | undefined = sim.open();
      let turn = 0;
      while (line !== undefined && !sim.done) {
        turn += 1;
        const ideal = idealLine(sim.currentAsk!.ideal, kit.scripts, params);
        line = sim.react(turn === 1 ? `${firstAskIsHaggle ? CONCESSION : ideal}${mistakes}` : ideal);
      }
      const card = scoreDialogue(scenario, sim.state, kit.world, kit.scripts);
      const expected =
        100 - MISTAKES.reduce((sum, m) => sum + m.points, 0) - 5 /* other buyer's order id */ - (firstAskIsHaggle ? 3 : 0) - (isInvoice ? 6 : 0);
      const rules = card.misses.filter((m) => m.kind === 'rule');
      const ok =
        card.total === expected &&
        rules.length === MISTAKES.length &&
        MISTAKES.every((m) => rules.some((r) => r.id === m.rule && r.points === m.points && r.advice === firstIdeal && r.turn === 1)) &&
        card.misses.some((m) => m.kind === 'fact' && m.id === 'other_order') &&
        (!firstAskIsHaggle || card.misses.some((m) => m.kind === 'step' && m.id === 'first_ask_declined' && m.advice === firstIdeal)) &&
        (!isInvoice || card.misses.some((m) => m.kind === 'step' && m.id === 'invoice_arranged' && m.advice === firstIdeal));
      if (!ok) failures.push(`${scenario.id}: ${card.total} ≠ ${expected}: ${card.misses.map((m) => `${m.kind}/${m.id} −${m.points}`).join(', ')}`);
    }
    expect(failures.join('\n')).toBe('');
  });
});

describe('facts checked against the shop and order data', () => {
  const scoreReply = (scenarioId: string, reply: string) => {
    const scenario = kit.library.scenario(scenarioId)!;
    const sim = new BuyerSimulator(scenario, kit.library.persona('gentle')!, kit.library.lines, kit.world, 1);
    sim.open();
    sim.react(reply);
    return scoreDialogue(scenario, sim.state, kit.world, kit.scripts).misses.filter((m) => m.kind === 'fact').map((m) => m.id);
  };

  it('flags a wrong courier for the order\'s parcel, not the shop\'s courier options', () => {
    expect(scoreReply('track_parcel', '您的订单已经由顺丰速运发出，快递单号稍后发您。')).toEqual(['courier']);
    expect(scoreReply('track_parcel', '您的订单已经由中通快递发出，物流显示正在派件。')).toEqual([]);
    expect(scoreReply('wrong_item', '我们默认发中通快递，也可以选择顺丰速运（需补12元运费）。')).toEqual([]);
  });

  it('flags stock, order state and a price below the floor', () => {
    expect(scoreReply('stock_out', '燕麦色M码现在有货，可以直接拍。')).toEqual(['stock']);
    expect(scoreReply('stock_in', '非常抱歉，驼色M码暂时没有货了。')).toEqual(['stock']);
    expect(scoreReply('not_shipped', '您的订单已经发货了，请耐心等待。')).toEqual(['order_state']);
    expect(scoreReply('haggle_beyond_policy', '好的，600元给您，我会在订单上备注。')).toEqual(['price']);
    expect(scoreReply('haggle_beyond_policy', '活动满299元减20元，非常抱歉暂时无法再低了。')).toEqual([]);
  });
});

describe('remarks made through the tools', () => {
  it('count for the concession step although the buyer does not see them', () => {
    const scenario = kit.library.scenario('haggle_beyond_policy')!;
    const play = (remarked: boolean) => {
      const sim = new BuyerSimulator(scenario, kit.library.persona('gentle')!, kit.library.lines, kit.world, 1);
      sim.open();
      sim.react('非常抱歉，这款的价格已经很实在了，暂时无法再低了。');
      sim.react('我为您争取到的优惠是40元，可以按659元为您改价。', 0, { remarked });
      return scoreDialogue(scenario, sim.state, kit.world, kit.scripts);
    };
    expect(play(false).steps.map((s) => s.hit)).toEqual([true, false]);
    expect(play(true).steps.map((s) => s.hit)).toEqual([true, true]);
    expect(play(true).total).toBe(100);
  });
});
