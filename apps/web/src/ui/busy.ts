// A busy flag for a request a button starts: the button is disabled while it runs, and a second click that
// arrives before React has drawn the disabled button is dropped, so that a double click acts once.
import { useCallback, useRef, useState } from "react";

/** `busy` to disable the buttons; `guard(fn)` wraps a handler so that it runs one at a time. */
export function useBusy(): {
  busy: boolean;
  guard<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): (...args: A) => Promise<void>;
} {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const guard = useCallback(
    <A extends unknown[]>(fn: (...args: A) => Promise<unknown>) =>
      async (...args: A) => {
        if (running.current) {
          // A form's submit while busy must still not reload the page.
          const first = args[0];
          if (
            first instanceof Object &&
            "preventDefault" in first &&
            typeof first.preventDefault === "function"
          ) {
            first.preventDefault();
          }
          return;
        }
        running.current = true;
        setBusy(true);
        try {
          await fn(...args);
        } finally {
          running.current = false;
          setBusy(false);
        }
      },
    [],
  );
  return { busy, guard };
}
