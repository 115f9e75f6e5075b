import { describe, expect, it } from 'vitest';
import { onlyProductWithColours } from './product-words.ts';

const products = [
  { id: 'down', skus: [{ color: '藏青色' }, { color: '黑色' }, { color: '卡其色' }] },
  { id: 'scarf', skus: [{ color: '藏青色' }, { color: '酒红色' }, { color: '格纹灰' }] },
  { id: 'nuts', skus: [{ color: '奶油味' }, { color: '椒盐味' }] },
].map((p) => ({ ...p, skus: p.skus.map((s) => ({ ...s, size: '均码', stock: 1 })) }));

describe('onlyProductWithColours', () => {
  it.each([
    ['格纹灰的还有吗', 'scarf'],
    ['藏青和酒红哪个好看', 'scarf'],
    ['卡其色有吗', 'down'],
    ['奶油味的好吃吗', 'nuts'],
  ])('%s → %s', (text, id) => {
    expect(onlyProductWithColours(products, text)?.id).toBe(id);
  });
  it.each(['藏青色有吗', '有货吗', '红色有吗', '卡其和格纹灰哪个好'])('near miss: %s names no one product', (text) => {
    expect(onlyProductWithColours(products, text)).toBeUndefined();
  });
});
