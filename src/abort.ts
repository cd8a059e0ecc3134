/**
 * One abort listener per signal, however many calls share it: a caller may
 * pass one AbortSignal to dozens of concurrent calls, and a listener each
 * would trip Node's "possible EventTarget memory leak" warning at 11.
 */
interface Watch {
  callbacks: Set<() => void>;
  listener: () => void;
}

const watches = new WeakMap<AbortSignal, Watch>();

/** Runs `callback` once when `signal` aborts; returns a function that cancels that. Leaves no listener once every watcher is gone. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let watch = watches.get(signal);
  if (!watch) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      watches.delete(signal);
      for (const each of callbacks) each();
    };
    watch = { callbacks, listener };
    watches.set(signal, watch);
    signal.addEventListener("abort", listener, { once: true });
  }
  const current = watch;
  current.callbacks.add(callback);
  return () => {
    current.callbacks.delete(callback);
    if (current.callbacks.size === 0 && watches.get(signal) === current) {
      watches.delete(signal);
      signal.removeEventListener("abort", current.listener);
    }
  };
}
