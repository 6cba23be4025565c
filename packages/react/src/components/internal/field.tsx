'use client';
import { Slot } from 'radix-ui';
import {
  createContext,
  forwardRef,
  useCallback,
  useContext,
  useId,
  useLayoutEffect,
  useMemo,
  useState,
  type ComponentPropsWithoutRef,
  type ReactNode,
} from 'react';
import { flag, ids } from './compose.js';

/**
 * What every field-like part shares: ids that tie label, description and error to the control,
 * and the invalid/disabled flags. Each component's Root provides it; Label, Description and Error
 * parts read it, so they look and behave the same in every control.
 */
export interface FieldContextValue {
  /** The id of the element the label names (input, textarea, switch, group). */
  readonly controlId: string;
  readonly labelId: string;
  readonly descriptionId: string;
  readonly errorId: string;
  readonly invalid: boolean;
  readonly disabled: boolean;
  readonly error: ReactNode;
  /** Whether the label can point at the control with `for` (input, textarea, button). */
  readonly labelable: boolean;
  readonly labelText: ReactNode;
  readonly descriptionText: ReactNode;
  /** aria-describedby for the control: descriptions in order, then the error when there is one. */
  readonly describedBy: string | undefined;
  /** Adds an id to aria-describedby; returns its removal. Parts call `useFieldDescribes`. */
  readonly register: (id: string) => () => void;
}

const FieldContext = createContext<FieldContextValue | null>(null);

export function useField(part: string): FieldContextValue {
  const field = useContext(FieldContext);
  if (!field) throw new Error(`<${part}> must be inside its component's <Root>.`);
  return field;
}

export interface FieldOptions {
  readonly id?: string | undefined;
  readonly invalid: boolean;
  readonly disabled: boolean;
  readonly error: ReactNode;
  readonly labelable: boolean;
  readonly labelText: ReactNode;
  readonly descriptionText: ReactNode;
}

const hasError = (error: ReactNode) => error !== undefined && error !== null && error !== false && error !== '';

/** Builds the field context for a Root. */
export function useFieldContext(options: FieldOptions): FieldContextValue {
  const auto = useId();
  const controlId = options.id ?? `seedance-${auto.replace(/:/g, '')}`;
  const [described, setDescribed] = useState<readonly string[]>([]);
  const register = useCallback((id: string) => {
    setDescribed((list) => (list.includes(id) ? list : [...list, id]));
    return () => setDescribed((list) => list.filter((item) => item !== id));
  }, []);
  const errorId = `${controlId}-error`;
  const descriptionId = `${controlId}-description`;
  const showError = hasError(options.error);
  return useMemo(
    () => ({
      controlId,
      labelId: `${controlId}-label`,
      descriptionId,
      errorId,
      invalid: options.invalid,
      disabled: options.disabled,
      error: options.error,
      labelable: options.labelable,
      labelText: options.labelText,
      descriptionText: options.descriptionText,
      // The description reads first, whatever order the parts mounted in.
      describedBy: ids(...described.filter((id) => id === descriptionId), ...described.filter((id) => id !== descriptionId), showError && errorId),
      register,
    }),
    [controlId, errorId, descriptionId, options.invalid, options.disabled, options.error, options.labelable, options.labelText, options.descriptionText, described, showError, register],
  );
}

export const FieldProvider = FieldContext.Provider;

/** Ties the element with `id` to the control's aria-describedby while the caller is mounted. */
export function useFieldDescribes(field: FieldContextValue, id: string): void {
  const { register } = field;
  useLayoutEffect(() => register(id), [register, id]);
}

export { hasError };

/** The data attributes every Root and control carries. */
export function fieldData(field: Pick<FieldContextValue, 'invalid' | 'disabled'>) {
  return { 'data-invalid': flag(field.invalid), 'data-disabled': flag(field.disabled) };
}

export interface FieldLabelProps extends ComponentPropsWithoutRef<'label'> {
  readonly asChild?: boolean;
}

/** The control's visible name. Defaults to the component's label text from the messages. */
export const FieldLabel = forwardRef<HTMLLabelElement, FieldLabelProps>(function FieldLabel({ asChild, children, ...props }, ref) {
  const field = useField('Label');
  const Comp = asChild ? Slot.Root : field.labelable ? 'label' : 'span';
  return (
    <Comp
      id={field.labelId}
      htmlFor={field.labelable && !asChild ? field.controlId : undefined}
      data-seedance-part="label"
      {...fieldData(field)}
      {...props}
      ref={ref}
    >
      {children ?? field.labelText}
    </Comp>
  );
});

export interface FieldDescriptionProps extends ComponentPropsWithoutRef<'p'> {
  readonly asChild?: boolean;
}

/** Help text, read after the label (aria-describedby). */
export const FieldDescription = forwardRef<HTMLParagraphElement, FieldDescriptionProps>(function FieldDescription(
  { asChild, children, id, ...props },
  ref,
) {
  const field = useField('Description');
  const ownId = id ?? field.descriptionId;
  useFieldDescribes(field, ownId);
  const Comp = asChild ? Slot.Root : 'p';
  return (
    <Comp id={ownId} data-seedance-part="description" {...fieldData(field)} {...props} ref={ref}>
      {children ?? field.descriptionText}
    </Comp>
  );
});

export interface FieldErrorProps extends ComponentPropsWithoutRef<'p'> {
  readonly asChild?: boolean;
}

/**
 * The field's error. Always in the page (empty when there is none) so the polite live region
 * announces an error as it appears; tied to the control by aria-describedby only while shown.
 */
export const FieldError = forwardRef<HTMLParagraphElement, FieldErrorProps>(function FieldError({ asChild, children, ...props }, ref) {
  const field = useField('Error');
  const Comp = asChild ? Slot.Root : 'p';
  const content = children ?? field.error;
  return (
    <Comp
      id={field.errorId}
      aria-live="polite"
      data-seedance-part="error"
      data-state={hasError(content) ? 'shown' : 'hidden'}
      {...fieldData(field)}
      {...props}
      ref={ref}
    >
      {hasError(content) ? content : null}
    </Comp>
  );
});
