'use client';
import { countPromptCharacters, seedanceProFast, validateGenerationField } from '@seedance-kit/core';
import { VisuallyHidden } from 'radix-ui';
import { forwardRef, useState, type ComponentPropsWithoutRef, type KeyboardEvent, type ReactNode } from 'react';
import { composeEventHandlers, flag, withParts } from '../internal/compose.js';
import {
  controlAria,
  FieldDescription,
  FieldError,
  FieldLabel,
  FieldRootElement,
  fieldData,
  textPart,
  useField,
  useFieldContext,
  type FieldContextValue,
  type Part,
} from '../internal/field.js';
import { useControllableState } from '../../lib/use-controllable-state.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';

/** Where the count stands against the spec's prompt length range. */
export type PromptCountState = 'empty' | 'under' | 'within' | 'over';

interface PromptState {
  readonly value: string;
  readonly setValue: (value: string) => void;
  readonly count: number;
  readonly countState: PromptCountState;
  readonly required: boolean;
  readonly name: string | undefined;
  readonly setTouched: (touched: boolean) => void;
  readonly onSubmit: (() => void) | undefined;
}

const { minLength: min, maxLength: max } = seedanceProFast.positivePrompt;
const usePrompt = (part: string) => useField<PromptState>(part, 'PromptField');

export interface PromptFieldRootProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onSubmit' | 'defaultValue'> {
  readonly value?: string;
  readonly defaultValue?: string;
  readonly onValueChange?: (value: string) => void;
  /**
   * The error to show; `null` shows none. Left `undefined`, the field checks itself by core's
   * rules: at once when over the limit, otherwise after it first loses focus.
   */
  readonly error?: ReactNode;
  readonly disabled?: boolean;
  /** Default true: a prompt is required by the model. */
  readonly required?: boolean;
  readonly name?: string;
  /** Ctrl+Enter / ⌘+Enter calls this; without it the surrounding form is submitted. */
  readonly onSubmit?: () => void;
  readonly asChild?: boolean;
}

/** Holds the prompt's value and wires label, counter, description and error to the textarea. */
export const PromptFieldRoot = forwardRef<HTMLDivElement, PromptFieldRootProps>(function PromptFieldRoot(
  { value: valueProp, defaultValue = '', onValueChange, error: errorProp, disabled, required = true, name, onSubmit, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const [value, setValue] = useControllableState({ value: valueProp, defaultValue, onChange: onValueChange });
  const [touched, setTouched] = useState(false);
  const count = countPromptCharacters(value);
  const countState: PromptCountState = count === 0 ? 'empty' : count < min ? 'under' : count > max ? 'over' : 'within';
  const error =
    errorProp !== undefined
      ? errorProp
      : touched || countState === 'over'
        ? validateGenerationField('positivePrompt', value, { messages: messages.formatIssue })[0]?.message
        : undefined;
  const field = useFieldContext<PromptState>(
    'PromptField',
    {
      error,
      disabled,
      labelable: true,
      labelText: messages.promptLabel,
      // The hint is its own part so touch screens, with no Ctrl key, can hide it (styles.css).
      descriptionText: onSubmit ? (
        <>
          {messages.promptDescription} <span data-seedance-part="submit-hint">{messages.promptSubmitHint}</span>
        </>
      ) : (
        messages.promptDescription
      ),
    },
    { value, setValue, count, countState, required, name, setTouched, onSubmit },
  );
  return <FieldRootElement field={field} part="prompt-field" state={countState} {...props} ref={ref} />;
});

export type PromptFieldInputProps = Omit<ComponentPropsWithoutRef<'textarea'>, 'value' | 'defaultValue'>;

/** The textarea. Ctrl+Enter or ⌘+Enter submits. */
export const PromptFieldInput = forwardRef<HTMLTextAreaElement, PromptFieldInputProps>(function PromptFieldInput(
  { onChange, onKeyDown, onBlur, placeholder, ...props },
  ref,
) {
  const field = usePrompt('Input');
  const prompt = field.state;
  const messages = useSeedanceMessages();
  return (
    <textarea
      id={field.controlId}
      name={prompt.name}
      value={prompt.value}
      rows={4}
      required={prompt.required}
      disabled={field.disabled}
      placeholder={placeholder ?? messages.promptPlaceholder}
      {...controlAria(field)}
      data-seedance-part="prompt-input"
      data-state={prompt.countState}
      {...fieldData(field)}
      {...props}
      ref={ref}
      onChange={composeEventHandlers(onChange, (event) => prompt.setValue(event.currentTarget.value))}
      onBlur={composeEventHandlers(onBlur, () => prompt.setTouched(true))}
      onKeyDown={composeEventHandlers(onKeyDown, (event: KeyboardEvent<HTMLTextAreaElement>) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
          event.preventDefault();
          prompt.setTouched(true);
          if (prompt.onSubmit) prompt.onSubmit();
          else event.currentTarget.form?.requestSubmit();
        }
      })}
    />
  );
});

export interface PromptFieldCounterProps extends ComponentPropsWithoutRef<'p'> {
  readonly asChild?: boolean;
}

/**
 * Characters used out of the spec's maximum, counted in code points as core counts them. Read
 * with the field's description; `data-state` is `empty`, `under`, `within` or `over`.
 */
export const PromptFieldCounter: Part<PromptFieldCounterProps, HTMLParagraphElement> = textPart<FieldContextValue<PromptState>, HTMLParagraphElement, 'p'>(
  usePrompt,
  'Counter',
  'p',
  'prompt-counter',
  ({ state }, messages) => [
    <>
      <span aria-hidden="true">{messages.promptCounter(state.count, max)}</span>
      <VisuallyHidden.Root>{messages.promptCounterLabel(state.count, max)}</VisuallyHidden.Root>
    </>,
    { 'data-state': state.countState, 'data-over': flag(state.countState === 'over') },
  ],
  (field) => `${field.controlId}-counter`,
);

export interface PromptFieldProps extends PromptFieldRootProps {
  readonly placeholder?: string;
}

/** The whole field: label, textarea, counter, description and error. Without its parts attached (what the widget renders). */
const PromptFieldAssembled = forwardRef<HTMLDivElement, PromptFieldProps>(function PromptField({ placeholder, ...props }, ref) {
  return (
    <PromptFieldRoot {...props} ref={ref}>
      <div data-seedance-part="field-header">
        <FieldLabel />
        <PromptFieldCounter />
      </div>
      <PromptFieldInput placeholder={placeholder} />
      <FieldDescription />
      <FieldError />
    </PromptFieldRoot>
  );
});

export const PromptField = withParts(PromptFieldAssembled, {
  Root: PromptFieldRoot,
  Label: FieldLabel,
  Input: PromptFieldInput,
  Counter: PromptFieldCounter,
  Description: FieldDescription,
  Error: FieldError,
});
