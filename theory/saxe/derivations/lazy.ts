/**
 * Symbolic work that does not depend on the parameters is done once per process: `lazy(make)`
 * returns a function that computes `make()` on first call and the same value afterwards.
 */
export function lazy<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}
