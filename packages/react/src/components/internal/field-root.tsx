'use client';
import { Slot } from 'radix-ui';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { FieldProvider, fieldData, type FieldContextValue } from './field.js';

export interface FieldRootElementProps extends ComponentPropsWithoutRef<'div'> {
  readonly asChild?: boolean;
  readonly field: FieldContextValue;
  /** `data-seedance-part` of the root, e.g. `duration-slider`. */
  readonly part: string;
  /** Render as a labelled group (for controls made of several elements). */
  readonly group?: boolean;
  readonly state?: string | undefined;
}

/** The element every component's Root renders: the field context, part name and data attributes. */
export const FieldRootElement = forwardRef<HTMLDivElement, FieldRootElementProps>(function FieldRootElement(
  { asChild, field, part, group, state, ...props },
  ref,
) {
  const Comp = asChild ? Slot.Root : 'div';
  return (
    <FieldProvider value={field}>
      <Comp
        role={group ? 'group' : undefined}
        aria-labelledby={group ? field.labelId : undefined}
        data-seedance-part={part}
        data-state={state}
        {...fieldData(field)}
        {...props}
        ref={ref}
      />
    </FieldProvider>
  );
});
