'use client';
import { randomSeed, validateGenerationField, type SeedString } from '@seedance-kit/core';
import { forwardRef, useRef, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { ChoiceGroup, type ChoiceGroupProps } from '../internal/choice-group.js';
import { buttonProps, composeEventHandlers, withParts } from '../internal/compose.js';
import { controlAria, FieldDescription, FieldError, FieldLabel, FieldRootElement, fieldData, useField, useFieldContext } from '../internal/field.js';
import { useControllableState } from '../../lib/use-controllable-state.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';

/** A seed as the form holds it: int64 decimal text (exact), or `'random'` for a fresh one. */
export type SeedValue = SeedString | 'random';
export type SeedMode = 'random' | 'fixed';

interface SeedState {
  readonly value: SeedValue;
  readonly mode: SeedMode;
  readonly setValue: (value: SeedValue) => void;
  readonly lastFixed: { current: string };
  readonly setTouched: (touched: boolean) => void;
  readonly name: string | undefined;
}
const useSeed = (part: string) => useField<SeedState>(part, 'SeedField');

export interface SeedFieldRootProps extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue'> {
  readonly value?: SeedValue;
  /** Default `'random'`. */
  readonly defaultValue?: SeedValue;
  /** Gets the text as typed; the form (or this field, when `error` is undefined) validates it. */
  readonly onValueChange?: (seed: SeedValue) => void;
  /** The error to show; `null` for none. Left undefined, the field checks the text by core's rules. */
  readonly error?: ReactNode;
  readonly disabled?: boolean;
  readonly name?: string;
  readonly asChild?: boolean;
}

/** Random or a fixed int64 seed, kept as text so it never passes through a float. */
export const SeedFieldRoot = forwardRef<HTMLDivElement, SeedFieldRootProps>(function SeedFieldRoot(
  { value: valueProp, defaultValue = 'random', onValueChange, error: errorProp, disabled, name, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const [value, setValue] = useControllableState<SeedValue>({ value: valueProp, defaultValue, onChange: onValueChange });
  const [touched, setTouched] = useState(false);
  // The last fixed seed, so Random → Fixed → Random → Fixed brings it back.
  const lastFixed = useRef(value === 'random' ? '' : value);
  if (value !== 'random') lastFixed.current = value;
  const mode: SeedMode = value === 'random' ? 'random' : 'fixed';
  const error =
    errorProp !== undefined
      ? errorProp
      : mode === 'fixed' && (touched || value.trim() !== '')
        ? validateGenerationField('seed', value, { messages: messages.formatIssue })[0]?.message
        : undefined;
  const field = useFieldContext<SeedState>(
    'SeedField',
    { error, disabled, labelText: messages.seedLabel, descriptionText: messages.seedDescription },
    { value, mode, setValue, lastFixed, setTouched, name },
  );
  return <FieldRootElement field={field} part="seed-field" group state={mode} {...props} ref={ref} />;
});

export type SeedFieldModeProps = Omit<ChoiceGroupProps, 'choices' | 'value' | 'onValueChange' | 'part'>;

/** Random or Fixed, as a radio group. */
export const SeedFieldMode = forwardRef<HTMLDivElement, SeedFieldModeProps>(function SeedFieldMode(props, ref) {
  const { state: seed } = useSeed('Mode');
  const messages = useSeedanceMessages();
  return (
    <ChoiceGroup
      choices={[
        { value: 'random', label: messages.seedRandom },
        { value: 'fixed', label: messages.seedFixed },
      ]}
      value={seed.mode}
      onValueChange={(mode) => seed.setValue(mode === 'fixed' ? seed.lastFixed.current || randomSeed() : 'random')}
      part="seed-mode-group"
      {...props}
      ref={ref}
    />
  );
});

export type SeedFieldInputProps = Omit<ComponentPropsWithoutRef<'input'>, 'value' | 'defaultValue'>;

/** The seed as digits; rendered only in fixed mode. */
export const SeedFieldInput = forwardRef<HTMLInputElement, SeedFieldInputProps>(function SeedFieldInput({ onChange, onBlur, ...props }, ref) {
  const field = useSeed('Input');
  const seed = field.state;
  const messages = useSeedanceMessages();
  if (seed.mode !== 'fixed') return null;
  return (
    <input
      id={field.controlId}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      name={seed.name}
      value={seed.value}
      disabled={field.disabled}
      aria-label={messages.seedInputLabel}
      {...controlAria(field)}
      data-seedance-part="seed-input"
      {...fieldData(field)}
      {...props}
      ref={ref}
      onChange={composeEventHandlers(onChange, (event) => seed.setValue(event.currentTarget.value))}
      onBlur={composeEventHandlers(onBlur, () => seed.setTouched(true))}
    />
  );
});

export type SeedFieldRandomizeProps = ComponentPropsWithoutRef<'button'>;

/** Fills in a fresh random seed (uint32, as the provider draws them) to keep or edit. */
export const SeedFieldRandomize = forwardRef<HTMLButtonElement, SeedFieldRandomizeProps>(function SeedFieldRandomize(
  { onClick, children, ...props },
  ref,
) {
  const field = useSeed('Randomize');
  const seed = field.state;
  const messages = useSeedanceMessages();
  if (seed.mode !== 'fixed') return null;
  return (
    <button
      {...buttonProps('secondary')}
      disabled={field.disabled}
      {...props}
      ref={ref}
      onClick={composeEventHandlers(onClick, () => seed.setValue(randomSeed()))}
    >
      {children ?? messages.seedPickRandom}
    </button>
  );
});

export type SeedFieldProps = SeedFieldRootProps;

/** The assembled component, without its parts attached (what the widget renders). */
const SeedFieldAssembled = forwardRef<HTMLDivElement, SeedFieldProps>(function SeedField(props, ref) {
  return (
    <SeedFieldRoot {...props} ref={ref}>
      <FieldLabel />
      <SeedFieldMode />
      <div data-seedance-part="seed-row">
        <SeedFieldInput />
        <SeedFieldRandomize />
      </div>
      <FieldDescription />
      <FieldError />
    </SeedFieldRoot>
  );
});

export const SeedField = withParts(SeedFieldAssembled, {
  Root: SeedFieldRoot,
  Label: FieldLabel,
  Mode: SeedFieldMode,
  Input: SeedFieldInput,
  Randomize: SeedFieldRandomize,
  Description: FieldDescription,
  Error: FieldError,
});
