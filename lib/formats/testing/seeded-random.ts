/**
 * A small seeded generator (mulberry32) for property-style tests: the same seed gives the same
 * inputs, so a failure names inputs that reproduce.
 */
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  /** In [0, 1). */
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  /** An integer in [0, n). */
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}

export type SeededRandom = ReturnType<typeof seededRandom>;
