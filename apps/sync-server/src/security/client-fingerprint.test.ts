import { describe, expect, it } from 'vitest';
import { clientFingerprint, networkPrefix } from './client-fingerprint.ts';

describe('networkPrefix', () => {
  it('keeps an IPv4 address to its /24, also when written IPv4-mapped', () => {
    expect(networkPrefix('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkPrefix('::ffff:203.0.113.200')).toBe('203.0.113.0/24');
  });

  it('keeps an IPv6 address to its /48, however it is abbreviated', () => {
    expect(networkPrefix('2001:db8:1234:5678::1')).toBe('2001:db8:1234::/48');
    expect(networkPrefix('2001:0DB8:1234:ffff:0:0:0:9')).toBe('2001:db8:1234::/48');
    expect(networkPrefix('2001:db8::1')).toBe('2001:db8:0::/48');
  });
});

describe('clientFingerprint', () => {
  const ua = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0';

  it('is the same for two addresses of one /24 with one browser, and differs across networks, browsers and salts', () => {
    const a = clientFingerprint('salt', '203.0.113.7', ua);
    expect(clientFingerprint('salt', '203.0.113.99', ua)).toBe(a);
    expect(clientFingerprint('salt', '203.0.114.7', ua)).not.toBe(a);
    expect(clientFingerprint('salt', '203.0.113.7', `${ua} Android`)).not.toBe(a);
    expect(clientFingerprint('other', '203.0.113.7', ua)).not.toBe(a);
  });

  it('contains neither the address nor the user agent', () => {
    const fingerprint = clientFingerprint('salt', '203.0.113.7', ua);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint).not.toContain('203');
  });
});
