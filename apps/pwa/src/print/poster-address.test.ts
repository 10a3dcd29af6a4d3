import { describe, expect, it } from 'vitest';
import { posterAddress } from './poster-address.ts';

describe('posterAddress', () => {
  it('uses PUBLIC_URL, not the address the coordinator opened, and warns of nothing', () => {
    expect(
      posterAddress({ url: 'https://jt.example.cn', problem: null }, 'http://127.0.0.1:8080'),
    ).toEqual({ origin: 'https://jt.example.cn', warning: null });
  });

  it("falls back to the page's origin without PUBLIC_URL, and says so", () => {
    const address = posterAddress({ url: null, problem: 'missing' }, 'http://10.1.1.5:8080');
    expect(address.origin).toBe('http://10.1.1.5:8080');
    expect(address.warning).toMatch(
      /^服务器未设置对外地址（PUBLIC_URL），二维码暂用当前地址 http:\/\/10\.1\.1\.5:8080/,
    );
  });

  it('warns of an http PUBLIC_URL and of one the server could not be asked for', () => {
    expect(
      posterAddress({ url: 'http://jt.example.cn', problem: 'http' }, 'https://x.cn').warning,
    ).toMatch(/^二维码地址 http:\/\/jt\.example\.cn 不是 https/);
    expect(posterAddress(undefined, 'https://x.cn')).toEqual({
      origin: 'https://x.cn',
      warning: expect.stringMatching(/^无法读取服务器的对外地址/),
    });
  });
});
