import type { Ref, RefCallback, SyntheticEvent } from 'react';

/** Joins class names (or ids), skipping empty ones; undefined when none are left. */
export function cx(...names: readonly (string | false | null | undefined)[]): string | undefined {
  const joined = names.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

/** A present-or-absent data attribute: `data-disabled=""` when true, no attribute when false. */
export function flag(on: boolean | undefined): '' | undefined {
  return on ? '' : undefined;
}

/** The consumer's handler first; ours is skipped when it called `preventDefault()`. */
export function composeEventHandlers<E extends SyntheticEvent>(
  theirs: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    theirs?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}

/** One ref callback feeding several refs. */
export function composeRefs<T>(...refs: readonly (Ref<T> | undefined)[]): RefCallback<T> {
  return (node) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(node);
      else if (ref) (ref as { current: T | null }).current = node;
    }
  };
}

/** A kit button's attributes; `variant` is its look (`data-variant`) in the default theme. */
export function buttonProps(variant: 'primary' | 'secondary' | 'ghost') {
  return { type: 'button', 'data-seedance-part': 'button', 'data-variant': variant } as const;
}

/**
 * An assembled component with its parts attached (`PromptField.Root`, `PromptField.Input`…).
 * Free of side effects as far as bundlers are concerned: the parts are only attached where the
 * component is imported by its public name, so the widget, which renders the assembled
 * components alone, ships no part it never renders.
 */
/* @__NO_SIDE_EFFECTS__ */
export function withParts<C extends object, P extends object>(assembled: C, parts: P): C & P {
  return Object.assign(assembled, parts);
}
