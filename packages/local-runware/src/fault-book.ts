import type { RunwareVideoTask } from '@seedance-kit/core';
import type { LocalRunwareFault, LocalRunwareFaultKind } from './local-runware-types.js';

interface Entry {
  readonly fault: LocalRunwareFault;
  /** Strikes left; Infinity when `times` was not given. */
  left: number;
}

/** The faults in force, each used up after `times` strikes. */
export class FaultBook {
  readonly #entries: Entry[] = [];

  add(fault: LocalRunwareFault): void {
    const times = fault.times === undefined ? Infinity : Math.max(0, Math.floor(fault.times));
    if (times > 0) this.#entries.push({ fault, left: times });
  }

  /**
   * The first fault of this kind that applies to any of the tasks (a fault without `match`
   * applies to all, even when no task is known) and to `where`, counted as one strike.
   */
  take(kind: LocalRunwareFaultKind, tasks: readonly RunwareVideoTask[], where: (fault: LocalRunwareFault) => boolean = () => true): LocalRunwareFault | undefined {
    const index = this.#entries.findIndex((e) => e.fault.kind === kind && where(e.fault) && applies(e.fault, tasks));
    const entry = this.#entries[index];
    if (!entry) return undefined;
    entry.left--;
    if (entry.left <= 0) this.#entries.splice(index, 1);
    return entry.fault;
  }
}

function applies(fault: LocalRunwareFault, tasks: readonly RunwareVideoTask[]): boolean {
  if (!fault.match) return true;
  return tasks.some((task) => {
    try {
      return fault.match?.(task) === true;
    } catch {
      return false; // a throwing predicate is a test's bug, not a reason to crash the service
    }
  });
}
