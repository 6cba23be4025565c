'use client';
import { countPromptCharacters, seedanceProFast } from '@seedance-kit/core';
import { Slot, VisuallyHidden } from 'radix-ui';
import {
  createContext,
  forwardRef,
  useContext,
  useMemo,
  useState,
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { composeEventHandlers, flag } from '../internal/compose.js';
import {
  FieldDescription,
  FieldError,
  FieldLabel,
  FieldProvider,
  fieldData,
  hasError,
  useField,
  useFieldContext,
  useFieldDescribes,
} from '../internal/field.js';
import { fieldIssueMessage } from '../internal/field-issue.js';
import { useControllableState } from '../internal/use-controllable-state.js';
import { useSeedanceMessages } from '../messages-provider/messages-provider.js';

/** Where the count stands against the spec's prompt length range. */
export type PromptCountState = 'empty' | 'under' | 'within' | 'over';

interface PromptContextValue {
  readonly value: string;
  readonly setValue: (value: string) => void;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly countState: PromptCountState;
  readonly required: boolean;
  readonly name: string | undefined;
  readonly touch: () => void;
  readonly submit: ((event: KeyboardEvent<HTMLTextAreaElement>) => void) | undefined;
}

const PromptContext = createContext<PromptContextValue | null>(null);
const usePrompt = (part: string) => {
  const prompt = useContext(PromptContext);
  if (!prompt) throw new Error(`<PromptField.${part}> must be inside <PromptField.Root>.`);
  return prompt;
};

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
  { value: valueProp, defaultValue = '', onValueChange, error: errorProp, disabled = false, required = true, name, onSubmit, asChild, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const [value, setValue] = useControllableState({ value: valueProp, defaultValue, onChange: onValueChange });
  const [touched, setTouched] = useState(false);
  const { minLength: min, maxLength: max } = seedanceProFast.positivePrompt;
  const count = countPromptCharacters(value);
  const countState: PromptCountState = count === 0 ? 'empty' : count < min ? 'under' : count > max ? 'over' : 'within';
  const selfError = touched || countState === 'over' ? fieldIssueMessage('positivePrompt', value, messages.formatIssue) : undefined;
  const error = errorProp !== undefined ? errorProp : selfError;
  const field = useFieldContext({
    invalid: hasError(error),
    disabled,
    error,
    labelable: true,
    labelText: messages.promptLabel,
    descriptionText: onSubmit ? `${messages.promptDescription} ${messages.promptSubmitHint}` : messages.promptDescription,
  });
  const prompt = useMemo<PromptContextValue>(
    () => ({
      value,
      setValue,
      count,
      min,
      max,
      countState,
      required,
      name,
      touch: () => setTouched(true),
      submit: onSubmit
        ? () => onSubmit()
        : (event) => {
            event.currentTarget.form?.requestSubmit();
          },
    }),
    [value, setValue, count, min, max, countState, required, name, onSubmit],
  );
  const Comp = asChild ? Slot.Root : 'div';
  return (
    <FieldProvider value={field}>
      <PromptContext.Provider value={prompt}>
        <Comp data-seedance-part="prompt-field" data-state={countState} {...fieldData(field)} {...props} ref={ref} />
      </PromptContext.Provider>
    </FieldProvider>
  );
});

export type PromptFieldInputProps = Omit<ComponentPropsWithoutRef<'textarea'>, 'value' | 'defaultValue'>;

/** The textarea. Ctrl+Enter or ⌘+Enter submits. */
export const PromptFieldInput = forwardRef<HTMLTextAreaElement, PromptFieldInputProps>(function PromptFieldInput(
  { onChange, onKeyDown, onBlur, placeholder, ...props },
  ref,
) {
  const field = useField('PromptField.Input');
  const prompt = usePrompt('Input');
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
      aria-invalid={field.invalid || undefined}
      aria-describedby={field.describedBy}
      data-seedance-part="prompt-input"
      data-state={prompt.countState}
      {...fieldData(field)}
      {...props}
      ref={ref}
      onChange={composeEventHandlers(onChange, (event) => prompt.setValue(event.currentTarget.value))}
      onBlur={composeEventHandlers(onBlur, () => prompt.touch())}
      onKeyDown={composeEventHandlers(onKeyDown, (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
          event.preventDefault();
          prompt.touch();
          prompt.submit?.(event);
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
export const PromptFieldCounter = forwardRef<HTMLParagraphElement, PromptFieldCounterProps>(function PromptFieldCounter(
  { asChild, children, id, ...props },
  ref,
) {
  const field = useField('PromptField.Counter');
  const prompt = usePrompt('Counter');
  const messages = useSeedanceMessages();
  const ownId = id ?? `${field.controlId}-counter`;
  useFieldDescribes(field, ownId);
  const Comp = asChild ? Slot.Root : 'p';
  return (
    <Comp
      id={ownId}
      data-seedance-part="prompt-counter"
      data-state={prompt.countState}
      data-over={flag(prompt.countState === 'over')}
      {...props}
      ref={ref}
    >
      {children ?? (
        <>
          <span aria-hidden="true">{messages.promptCounter(prompt.count, prompt.max)}</span>
          <VisuallyHidden.Root>{messages.promptCounterLabel(prompt.count, prompt.max)}</VisuallyHidden.Root>
        </>
      )}
    </Comp>
  );
});

export interface PromptFieldProps extends PromptFieldRootProps {
  readonly placeholder?: string;
}

/** The whole field: label, textarea, counter, description and error. */
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

export const PromptField = Object.assign(PromptFieldAssembled, {
  Root: PromptFieldRoot,
  Label: FieldLabel,
  Input: PromptFieldInput,
  Counter: PromptFieldCounter,
  Description: FieldDescription,
  Error: FieldError,
});
