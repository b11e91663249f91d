import { describe, expect, it } from "vitest";
import { parseTrustedProxies, resolveClientAddress } from "./client-address";

describe("client address", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.5,::1");

  it("is the socket's peer when the peer is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", proxies)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:127.0.0.1", undefined, none)).toBe("127.0.0.1");
    expect(resolveClientAddress(undefined, "1.2.3.4", proxies)).toBe("unknown");
  });

  it("from a trusted proxy, is the rightmost hop that is not one (client-written hops ignored)", () => {
    expect(resolveClientAddress("10.1.2.3", "198.51.100.7", proxies)).toBe("198.51.100.7");
    // The client wrote 1.2.3.4 itself; the proxies appended what they saw.
    expect(resolveClientAddress("10.1.2.3", "1.2.3.4, 198.51.100.7, 192.168.1.5", proxies)).toBe(
      "198.51.100.7",
    );
    expect(resolveClientAddress("::1", ["198.51.100.7", "10.0.0.1"], proxies)).toBe("198.51.100.7");
    // Garbage where an address belongs: the last hop a trusted proxy vouched for.
    expect(resolveClientAddress("10.1.2.3", "not-an-ip", proxies)).toBe("10.1.2.3");
    expect(resolveClientAddress("10.1.2.3", "10.0.0.2", proxies)).toBe("10.0.0.2");
  });

  it("refuses TRUSTED_PROXIES entries that are not addresses or ranges", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow("'10.0.0.0/33'");
    expect(() => parseTrustedProxies("proxy.example")).toThrow("not an IP address");
    expect(parseTrustedProxies(" ").entries).toEqual([]);
  });
});
