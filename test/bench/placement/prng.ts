/**
 * A seeded uniform generator in [0, 1) (mulberry32): small, fast, and good enough to draw pods and
 * shuffle lists; the same seed gives the same run on every machine.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform whole number in [0, size). */
export function randomIndex(random: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(random() * size));
}

/** Shuffle in place (Fisher–Yates) and return the array. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = randomIndex(random, index + 1);
    const held = items[index] as T;
    items[index] = items[other] as T;
    items[other] = held;
  }
  return items;
}
