/**
 * An entry point built on its first call: the environment is read and the adapters made when the first
 * event arrives (still once per instance, so a wiring mistake fails that first invocation with every
 * issue named), and importing the module — in a test, a bundler check — needs no environment.
 */
export function lazyHandler<E, C, R>(build: () => (event: E, context: C) => Promise<R>): (event: E, context: C) => Promise<R> {
  let built: ((event: E, context: C) => Promise<R>) | undefined;
  return (event, context) => {
    built ??= build();
    return built(event, context);
  };
}
