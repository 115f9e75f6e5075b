import { describe, expect, it } from 'vitest';
import { createLocalBus } from '../store/local-bus.ts';
import { createPresence, PRESENCE_CHANNEL } from './presence.ts';

function manualClock(start = Date.parse('2025-11-20T06:30:00Z')) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

describe('agent presence', () => {
  it('knows nothing until an agent of the shop reports', async () => {
    const { clock } = manualClock();
    const presence = await createPresence(createLocalBus(), clock);
    expect(presence.onlineAgents('shop-a')).toBeUndefined();
    await presence.report('shop-a', '小禾', true);
    expect(presence.onlineAgents('shop-a')).toEqual(['小禾']);
    expect(presence.onlineAgents('shop-b')).toBeUndefined();
  });

  it('drops an agent who went offline or stopped sending heartbeats', async () => {
    const { clock, advance } = manualClock();
    const presence = await createPresence(createLocalBus(), clock, 60_000);
    await presence.report('shop-a', '小禾', true);
    await presence.report('shop-a', '小满', true);
    await presence.report('shop-a', '小满', false);
    expect(presence.onlineAgents('shop-a')).toEqual(['小禾']);
    advance(60_001);
    expect(presence.onlineAgents('shop-a')).toEqual([]);
    await presence.report('shop-a', '小禾', true); // the heartbeat
    expect(presence.onlineAgents('shop-a')).toEqual(['小禾']);
  });

  it('shares reports between instances on one bus, the newest report winning', async () => {
    const bus = createLocalBus();
    const { clock, advance } = manualClock();
    const one = await createPresence(bus, clock);
    const two = await createPresence(bus, clock);
    await one.report('shop-a', '阿宁', true);
    expect(two.onlineAgents('shop-a')).toEqual(['阿宁']);
    advance(1000);
    await two.report('shop-a', '阿宁', false);
    expect(one.onlineAgents('shop-a')).toEqual([]);
    // A late, older report (reordered on the way) does not bring the agent back.
    await bus.publish(PRESENCE_CHANNEL, JSON.stringify({ shopId: 'shop-a', agent: '阿宁', online: true, at: clock().getTime() - 500 }));
    expect(one.onlineAgents('shop-a')).toEqual([]);
    // Garbage on the channel is ignored.
    await bus.publish(PRESENCE_CHANNEL, JSON.stringify({ shopId: 'shop-a' }));
    expect(one.onlineAgents('shop-a')).toEqual([]);
    await one.close();
    await one.report('shop-a', '小禾', true);
    expect(two.onlineAgents('shop-a')).toEqual(['小禾']);
  });
});
