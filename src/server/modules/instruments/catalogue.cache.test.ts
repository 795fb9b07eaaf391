import { describe, expect, it } from 'vitest';
import { cacheKey, createCatalogueCache } from './catalogue.cache.js';

function counting() {
  let loads = 0;
  let release: (() => void) | undefined;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  return {
    load: async (q: { q?: string; page: number }) => {
      loads++;
      await gate;
      return { items: [q.q], page: q.page };
    },
    loads: () => loads,
    release: () => release?.(),
  };
}

describe('catalogue cache', () => {
  it('fifty identical searches in flight cost one load, and the next one is a hit', async () => {
    const c = counting();
    const cache = createCatalogueCache({ ttlSeconds: 30 }, c.load);
    const all = Promise.all(Array.from({ length: 50 }, () => cache.get({ q: '扫描电镜', page: 1 })));
    c.release();
    const answers = await all;
    expect(c.loads()).toBe(1);
    expect(answers.every((a) => a.items[0] === '扫描电镜')).toBe(true);
    await cache.get({ q: '扫描电镜', page: 1 });
    expect(c.loads()).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 50, misses: 1, size: 1 });
  });

  it('a different page or query is a different answer; clear() forgets everything', async () => {
    const c = counting();
    c.release();
    const cache = createCatalogueCache({ ttlSeconds: 30 }, c.load);
    await cache.get({ q: 'XRD', page: 1 });
    await cache.get({ q: 'XRD', page: 2 });
    await cache.get({ q: 'NMR', page: 1 });
    expect(c.loads()).toBe(3);
    cache.clear();
    await cache.get({ q: 'XRD', page: 1 });
    expect(c.loads()).toBe(4);
  });

  it('searches it must not keep, and a TTL of 0, always load', async () => {
    const c = counting();
    c.release();
    const picky = createCatalogueCache({ ttlSeconds: 30, cacheable: (q) => q.page === 1 }, c.load);
    await picky.get({ q: 'a', page: 2 });
    await picky.get({ q: 'a', page: 2 });
    expect(c.loads()).toBe(2);
    const off = createCatalogueCache({ ttlSeconds: 0 }, c.load);
    await off.get({ q: 'a', page: 1 });
    await off.get({ q: 'a', page: 1 });
    expect(c.loads()).toBe(4);
  });

  it('the same search written two ways is one key', () => {
    expect(cacheKey({ q: ' 液相色谱  质谱 ', page: 1, sort: undefined })).toBe(
      cacheKey({ page: 1, q: '液相色谱 质谱' }),
    );
    expect(cacheKey({ q: 'a', page: 1 })).not.toBe(cacheKey({ q: 'a', page: 2 }));
  });
});
