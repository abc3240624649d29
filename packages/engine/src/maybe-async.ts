/**
 * Values that are there now or later. States that need no waiting (a Pass, a JSONPath Choice)
 * finish synchronously, so the interpreter only pays for promises where something waits.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** Apply `next` to a value now, or when it arrives. (Not named `then`: a module exporting `then` is thenable.) */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** A promise of `work`'s value, whether it comes now, later, or as a synchronous throw. */
export function promiseOf<T>(work: () => MaybePromise<T>): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (thrown) {
    return Promise.reject(thrown);
  }
}
