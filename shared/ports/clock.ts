/**
 * The time source. Nothing reads the wall clock directly (STYLE §5, §7 rule 8): adapters and handlers
 * take a `Clock`, tests pass a fixed one, and the core receives instants as values.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The real clock, for entrypoints. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `instant`, for tests and replays. */
export const fixedClock = (instant: Date | string): Clock => {
  const at = new Date(instant);
  return { now: () => new Date(at) };
};
