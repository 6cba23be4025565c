'use client';
import { RadioGroup } from 'radix-ui';
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { flag } from './compose.js';
import { controlAria, useField } from './field.js';

export interface Choice {
  readonly value: string;
  readonly label: ReactNode;
  readonly description?: ReactNode;
  readonly disabled?: boolean;
  /** Extra content before the label, e.g. a shape preview. */
  readonly icon?: ReactNode;
}

export interface ChoiceGroupProps extends Omit<ComponentPropsWithoutRef<typeof RadioGroup.Root>, 'value' | 'defaultValue' | 'onValueChange' | 'dir'> {
  readonly choices: readonly Choice[];
  readonly value: string;
  readonly onValueChange: (value: string) => void;
  /** The id of this group's own label; defaults to the field's label. */
  readonly labelledBy?: string;
  readonly part: string;
}

/**
 * A Radix radio group over a list of choices: arrow keys move and select, Tab leaves. Each item
 * is named by its label and described by its description; unavailable choices stay visible but
 * disabled so a narrowed server limit is explained by what is missing.
 */
export const ChoiceGroup = forwardRef<HTMLDivElement, ChoiceGroupProps>(function ChoiceGroup(
  { choices, value, onValueChange, labelledBy, part, children, ...props },
  ref,
) {
  const field = useField('ChoiceGroup');
  return (
    <RadioGroup.Root
      value={value}
      onValueChange={onValueChange}
      disabled={field.disabled}
      orientation="horizontal"
      loop
      aria-labelledby={labelledBy ?? field.labelId}
      {...controlAria(field)}
      data-seedance-part={part}
      data-invalid={flag(field.invalid)}
      {...props}
      ref={ref}
    >
      {children ??
        choices.map((choice) => {
          const itemId = `${field.controlId}-${part}-${choice.value.replace(/[^\w-]/g, '_')}`;
          return (
            <div key={choice.value} data-seedance-part="choice" data-state={choice.value === value ? 'checked' : 'unchecked'} data-disabled={flag(choice.disabled || field.disabled)}>
              <RadioGroup.Item
                id={itemId}
                value={choice.value}
                disabled={choice.disabled}
                aria-describedby={choice.description ? `${itemId}-description` : undefined}
                data-seedance-part="choice-item"
              >
                {choice.icon}
                <span data-seedance-part="choice-label">{choice.label}</span>
              </RadioGroup.Item>
              {choice.description ? (
                <span id={`${itemId}-description`} data-seedance-part="choice-description">
                  {choice.description}
                </span>
              ) : null}
            </div>
          );
        })}
    </RadioGroup.Root>
  );
});
