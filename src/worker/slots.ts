// A counting semaphore: at most `size` holders at once, the rest wait in arrival order.

export interface Slots {
  /** Resolves once a slot is free, with the function that gives it back (calling it twice gives back one slot). */
  acquire(): Promise<() => void>;
}

export function createSlots(size: number): Slots {
  const free = Math.max(1, Math.floor(size));
  const waiting: (() => void)[] = [];
  let held = 0;
  const grant = (): (() => void) => {
    held++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      held--;
      const next = waiting.shift();
      if (next) next();
    };
  };
  return {
    acquire: () =>
      new Promise((resolve) => {
        if (held < free) resolve(grant());
        else waiting.push(() => resolve(grant()));
      }),
  };
}
