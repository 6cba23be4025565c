'use client';
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import type { SeedanceMessages } from '../../messages.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';
import { ChoiceGroup, type ChoiceGroupProps } from './choice-group.js';
import { FieldDescription, FieldError, FieldLabel, FieldRootElement, useField, useFieldContext } from './field.js';
import { useControllableState } from '../../lib/use-controllable-state.js';

export interface ChoicePickerRootProps<T, L> extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue'> {
  readonly value?: T;
  readonly defaultValue?: T;
  readonly onValueChange?: (value: T) => void;
  /** The server's `/limits` (or the fields this picker reads): choices outside them are disabled. */
  readonly limits?: L;
  readonly error?: ReactNode;
  readonly disabled?: boolean;
  readonly asChild?: boolean;
}

export type ChoicePickerGroupProps = Omit<ChoiceGroupProps, 'choices' | 'value' | 'onValueChange' | 'part'>;

export interface ChoicePickerConfig<T extends string | number, L> {
  /** Component name, for error messages. */
  readonly name: string;
  /** `data-seedance-part` of the root; the group is `${part}-group`. */
  readonly part: string;
  /** Every value the spec allows, in order. */
  readonly values: readonly T[];
  /** The values the server's limits allow (all when there are none). */
  readonly allowed: (limits: L | undefined) => readonly T[];
  readonly defaultValue: T;
  readonly label: (messages: SeedanceMessages) => ReactNode;
  readonly description?: (messages: SeedanceMessages) => ReactNode;
  readonly choiceLabel: (messages: SeedanceMessages, value: T) => ReactNode;
  readonly choiceDescription?: (messages: SeedanceMessages, value: T) => ReactNode;
}

/**
 * The parts of a one-of-a-list setting (number of videos, format, safety mode) on a Radix radio
 * group: Root (state, limits), Group (the radios), Label, Description, Error, and the assembled
 * default. The list comes from the spec, narrowed by the server's limits.
 */
export function createChoicePicker<T extends string | number, L>(config: ChoicePickerConfig<T, L>) {
  interface PickerState {
    readonly value: T;
    readonly setValue: (value: T) => void;
    readonly allowed: readonly T[];
  }

  const Root = forwardRef<HTMLDivElement, ChoicePickerRootProps<T, L>>(function Root(
    { value: valueProp, defaultValue, onValueChange, limits, error, disabled, ...props },
    ref,
  ) {
    const messages = useSeedanceMessages();
    const allowed = config.allowed(limits);
    const fallback = allowed.includes(config.defaultValue) ? config.defaultValue : (allowed[0] ?? config.defaultValue);
    const [value, setValue] = useControllableState({ value: valueProp, defaultValue: defaultValue ?? fallback, onChange: onValueChange });
    const field = useFieldContext<PickerState>(
      config.name,
      { error, disabled, labelText: config.label(messages), descriptionText: config.description?.(messages) },
      { value, setValue, allowed },
    );
    return <FieldRootElement field={field} part={config.part} group state={String(value)} {...props} ref={ref} />;
  });

  const Group = forwardRef<HTMLDivElement, ChoicePickerGroupProps>(function Group(props, ref) {
    const { state: picker } = useField<PickerState>('Group', config.name);
    const messages = useSeedanceMessages();
    const choices = config.values.map((value) => ({
      value: String(value),
      label: config.choiceLabel(messages, value),
      description: config.choiceDescription?.(messages, value),
      disabled: !picker.allowed.includes(value),
    }));
    return (
      <ChoiceGroup
        choices={choices}
        value={String(picker.value)}
        onValueChange={(text) => {
          const next = config.values.find((value) => String(value) === text);
          if (next !== undefined) picker.setValue(next);
        }}
        part={`${config.part}-group`}
        {...props}
        ref={ref}
      />
    );
  });

  const Assembled = forwardRef<HTMLDivElement, ChoicePickerRootProps<T, L>>(function Assembled(props, ref) {
    return (
      <Root {...props} ref={ref}>
        <FieldLabel />
        {config.description ? <FieldDescription /> : null}
        <Group />
        <FieldError />
      </Root>
    );
  });

  Root.displayName = `${config.name}.Root`;
  Group.displayName = `${config.name}.Group`;
  Assembled.displayName = config.name;
  // Root and Group also as their own bindings, so exporting them reads no property of the picker.
  return [Object.assign(Assembled, { Root, Group, Label: FieldLabel, Description: FieldDescription, Error: FieldError }), Root, Group] as const;
}
