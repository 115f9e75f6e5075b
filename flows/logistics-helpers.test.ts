import { describe, expect, it } from 'vitest';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { Order } from '../src/orders/schema.ts';
import { ASKS_WHERE_LEFT, addressFromText, correctedAddress, isBareAddress, phoneFromText, keepsVariant, latestTracking, trackingStalled, mentionedOrder, minutesBetween, orderIdsIn, orderList, outForDeliveryEvent, shortIds } from './logistics-helpers.ts';
import { normalizeSameLength } from '../src/text/normalize.ts';

const order = (id: string, tracking: Order['tracking'] = []): Order => ({
  id,
  buyerId: 'buyer-1',
  state: 'shipped',
  items: [{ productId: 'coat-01', color: '驼色', size: 'S', quantity: 1, price: 599 }],
  total: 599,
  createdAt: '2026-11-23T08:00:00+08:00',
  tracking,
  receiver: { name: '张三', phone: '13812345678', address: '浙江省杭州市西湖区文三路100号', region: '浙江' },
});
const orderId = (value: string): Entity => ({ text: value, start: 0, end: value.length, type: 'order_id', value });

const a = order('100000000000001111');
const b = order('100000000000002222');
const c = order('100000000000012222');

describe('mentionedOrder', () => {
  it('an order id entity of the buyer’s own orders', () => {
    expect(mentionedOrder('', [orderId(a.id)], [a, b])).toEqual({ kind: 'own', order: a });
  });
  it('an order id entity (or a bare 15–20 digit number) that is not theirs is foreign, nothing more', () => {
    expect(mentionedOrder('', [orderId('399900000000007777')], [a, b])).toEqual({ kind: 'foreign' });
    expect(mentionedOrder('查399900000000007777', [], [a, b])).toEqual({ kind: 'foreign' });
    expect(mentionedOrder(`查${b.id}`, [], [a, b])).toEqual({ kind: 'own', order: b });
  });
  it('last digits pick a candidate only when they are unambiguous', () => {
    expect(mentionedOrder('尾号1111那个', [], [a, b])).toEqual({ kind: 'own', order: a });
    expect(mentionedOrder('2222', [], [a, b, c])).toEqual({ kind: 'none' });
    expect(mentionedOrder('2222', [], [a, b, c], [a, b])).toEqual({ kind: 'own', order: b });
    expect(mentionedOrder('快递到哪了', [], [a, b])).toEqual({ kind: 'none' });
  });
  it('orderIdsIn keeps only order_id entities', () => {
    expect(orderIdsIn([orderId('1'), { text: '中通', start: 0, end: 2, type: 'courier', name: '中通' }])).toEqual(['1']);
  });
});

describe('short ids', () => {
  it('uses the shortest tail (≥ 4) that tells the orders apart', () => {
    expect(shortIds([a, b])).toEqual(['1111', '2222']);
    expect(shortIds([b, c])).toEqual(['02222', '12222']);
    expect(orderList([a, b])).toBe('尾号1111、尾号2222');
  });
});

describe('latestTracking', () => {
  it('the newest event by time, whatever the order of the list', () => {
    const o = order('100000000000003333', [
      { at: '2026-11-22T20:00:00+08:00', text: '到达转运中心' },
      { at: '2026-11-22T08:00:00+08:00', text: '已揽收' },
    ]);
    expect(latestTracking(o)?.text).toBe('到达转运中心');
    expect(latestTracking(order('100000000000003334'))).toBeUndefined();
  });
});

describe('ASKS_WHERE_LEFT', () => {
  it('which locker or station the parcel was left at', () => {
    for (const text of ['锦绣路那个柜子吗', '放哪个驿站了', '是丰巢吗', '什么快递柜啊']) expect(ASKS_WHERE_LEFT.test(text), text).toBe(true);
  });
  it('not a locker spoken of without asking which', () => {
    for (const text of ['柜子里没有', '驿站的短信删了', '我在柜子旁边']) expect(ASKS_WHERE_LEFT.test(text), text).toBe(false);
  });
});

describe('trackingStalled', () => {
  const o = order('100000000000003335', [{ at: '2026-11-22T08:00:00+08:00', text: '到达西安中转部' }]);
  it('a shipped parcel whose newest scan is two days old or more', () => {
    expect(trackingStalled(o, '2026-11-24T08:00:00+08:00')).toBe(true);
    expect(trackingStalled(o, '2026-11-25T21:00:00+08:00')).toBe(true);
  });
  it('not a scan from yesterday, nor a delivered parcel, nor one without scans', () => {
    expect(trackingStalled(o, '2026-11-23T20:00:00+08:00')).toBe(false);
    expect(trackingStalled({ ...o, state: 'delivered' }, '2026-11-26T08:00:00+08:00')).toBe(false);
    expect(trackingStalled(order('100000000000003336'), '2026-11-26T08:00:00+08:00')).toBe(false);
  });
});

describe('outForDeliveryEvent', () => {
  const at = (text: string): Order['tracking'] => [
    { at: '2026-11-22T08:00:00+08:00', text: '已揽收' },
    { at: '2026-11-23T08:00:00+08:00', text },
  ];
  it.each(['【杭州市】杭州文三路网点 快递员 正在派件', '【上海市】快件派送中，派送员：李师傅', '快件正在派送'])('"%s" is out for delivery', (text) => {
    expect(outForDeliveryEvent(order('100000000000004444', at(text)))).toBe(text);
  });
  it('an earlier 派件, a signed parcel or one still in transit is not', () => {
    expect(outForDeliveryEvent(order('100000000000004444', at('【杭州市】快件已签收，签收人：本人（派件员：李师傅）')))).toBeUndefined();
    expect(outForDeliveryEvent(order('100000000000004444', at('【杭州市】快件已到达 杭州中转部')))).toBeUndefined();
    expect(outForDeliveryEvent(order('100000000000004444'))).toBeUndefined();
  });
});

describe('minutesBetween', () => {
  it('whole minutes across offsets; null without a start', () => {
    expect(minutesBetween('2026-11-23T09:30:00+08:00', '2026-11-23T10:00:00+08:00')).toBe(30);
    expect(minutesBetween('2026-11-23T01:29:00Z', '2026-11-23T10:00:00+08:00')).toBe(31);
    expect(minutesBetween(undefined, '2026-11-23T10:00:00+08:00')).toBeNull();
  });
});

describe('correctedAddress', () => {
  const address = '上海市浦东新区锦绣路1001弄5号602室';
  it('one number corrected, in any order of the two', () => {
    expect(correctedAddress('是7号不是5号', address)).toBe('上海市浦东新区锦绣路1001弄7号602室');
    expect(correctedAddress('房间号不是602 是603', address)).toBe('上海市浦东新区锦绣路1001弄5号603室');
    expect(correctedAddress('1001弄改成1011弄', address)).toBe('上海市浦东新区锦绣路1011弄5号602室');
  });
  it('null for a number the address does not hold, a phone number, or no number at all', () => {
    expect(correctedAddress('是8号不是9号', address)).toBeNull();
    expect(correctedAddress('电话不是13812345678 是13812345679', address)).toBeNull();
    expect(correctedAddress('门牌号写错了', address)).toBeNull();
  });
});

describe('addressFromText', () => {
  it('what follows 改成 / 换到 / 新地址', () => {
    expect(addressFromText('地址改成浙江省杭州市滨江区江南大道588号')).toBe('浙江省杭州市滨江区江南大道588号');
    expect(addressFromText('麻烦帮我换到上海市浦东新区世纪大道100号吧')).toBe('上海市浦东新区世纪大道100号');
    expect(addressFromText('新地址：北京市朝阳区建国路88号。')).toBe('北京市朝阳区建国路88号');
  });
  it('leaves out the place named before the address (公司吧, 家里的), keeps a place that is the address', () => {
    expect(addressFromText('地址改到公司吧 乌鲁木齐市沙依巴克区友好北路689号 陈曦 13999417265')).toBe('乌鲁木齐市沙依巴克区友好北路689号 陈曦 13999417265');
    expect(addressFromText('改成我家里的，杭州市西湖区文三路100号')).toBe('杭州市西湖区文三路100号');
    expect(addressFromText('改到公司：上海市浦东新区世纪大道100号')).toBe('上海市浦东新区世纪大道100号');
    expect(addressFromText('改到公司')).toBeNull();
    expect(addressFromText('改成公司路88号')).toBe('公司路88号');
  });
  it('a bare address only when one is expected; nothing that does not read as an address', () => {
    expect(addressFromText('浙江省杭州市滨江区江南大道588号')).toBeNull();
    expect(addressFromText('浙江省杭州市滨江区江南大道588号', true)).toBe('浙江省杭州市滨江区江南大道588号');
    expect(addressFromText('我想改下地址')).toBeNull();
    expect(addressFromText('好的谢谢', true)).toBeNull();
  });
  it('"地址换下 <address>" introduces the address; what stays as it is after it is left out', () => {
    expect(addressFromText('那单地址帮我换下：上海市徐汇区漕溪北路88号 电话不变')).toBe('上海市徐汇区漕溪北路88号');
    expect(addressFromText('地址改一下 广州市天河区体育西路1号 收货人和电话都不用改')).toBe('广州市天河区体育西路1号');
    // Near misses: nothing after it, or a street that only sounds like a kept field.
    expect(addressFromText('地址改一下')).toBeNull();
    expect(addressFromText('地址改一下吧谢谢')).toBeNull();
    expect(addressFromText('地址改成杭州市电话路8号')).toBe('杭州市电话路8号');
  });
});

describe('phoneFromText', () => {
  it('a mobile number said to be the phone, with no new address', () => {
    expect(phoneFromText('收件电话错了 改成13700001111')).toBe('13700001111');
    expect(phoneFromText('号码少打了一位，是18600002222')).toBe('18600002222');
  });
  it('nothing for a number alone, an address change (its own number rides along) or a landline-length number', () => {
    expect(phoneFromText('改一下 13700001111')).toBeNull();
    expect(phoneFromText('地址改成上海市浦东新区世纪大道100号 王芳 13700001111')).toBeNull();
    expect(phoneFromText('电话是0571888888')).toBeNull();
  });
});

describe('keepsVariant', () => {
  it.each(['尺码还是32不变', '码数不用改', '尺码照旧', '尺码就32不用动', '32码不变哈', 'M码不变', '颜色不变', '保持原来的尺码', '尺碼還是32不變'])('"%s" keeps the size or colour', (text) => {
    expect(keepsVariant(normalizeSameLength(text))).toBe(true);
  });
  it.each(['尺码不对', '颜色洗了不变吧', '大小不变形吧', '32码有货吗', '尺码变了吗', '价格不变吗', '还是改成31吧'])('"%s" does not', (text) => {
    expect(keepsVariant(text)).toBe(false);
  });
});

describe('isBareAddress', () => {
  it.each(['浙江省杭州市滨江区江南大道588号', '上海市浦东新区世纪大道100号 2栋'])('%s is an address alone', (text) => expect(isBareAddress(text)).toBe(true));
  it.each(['大衣那单地址能改吗 我想寄公司', '杭州市到北京要几天', '上海市浦东新区世纪大道100号能送吗'])('%s is not', (text) => expect(isBareAddress(text)).toBe(false));
});
