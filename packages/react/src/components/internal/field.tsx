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
  type ForwardRefExoticComponent,
  type JSX,
  type ReactNode,
  type Ref,
  type RefAttributes,
} from 'react';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';
import type { SeedanceMessages } from '../../messages.js';
import { cx, flag } from './compose.js';

/**
 * What every field-like part shares: ids that tie label, description and error to the control,
 * the invalid/disabled flags, and the owning component's own state. Each component's Root
 * provides it; its parts, and the shared Label, Description and Error, read it, so they look and
 * behave the same in every control.
 */
export interface FieldContextValue<S = unknown> {
  /** The component whose Root provides this, e.g. `DurationSlider`. */
  readonly owner: string;
  /** That component's state (value, setter, limits…), for its own parts. */
  readonly state: S;
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
  /** Adds an id to aria-describedby; returns its removal (parts made with `textPart(…, describes)`). */
  readonly register: (id: string) => () => void;
}

const FieldContext = createContext<FieldContextValue | null>(null);

/** The field around a part; with `owner`, it must be that component's Root. */
export function useField<S = unknown>(part: string, owner?: string): FieldContextValue<S> {
  const field = useContext(FieldContext);
  if (!field || (owner && field.owner !== owner)) {
    throw new Error(owner ? `<${owner}.${part}> must be inside <${owner}.Root>.` : `<${part}> must be inside its component's <Root>.`);
  }
  return field as FieldContextValue<S>;
}

/** The same object while its values stay the same (shallowly): a context value that changes only when needed. */
export function useShallowMemo<T extends object>(value: T): T {
  // The object's values are the dependencies; every caller builds it with the same keys.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => value, Object.values(value));
}

export interface FieldOptions {
  readonly error: ReactNode;
  readonly disabled?: boolean;
  readonly labelable?: boolean;
  readonly labelText: ReactNode;
  readonly descriptionText?: ReactNode;
}

const hasError = (error: ReactNode) => error !== undefined && error !== null && error !== false && error !== '';

/** Builds the field context for `owner`'s Root; invalid exactly when there is an error to show. */
export function useFieldContext<S extends object>(owner: string, options: FieldOptions, state: S): FieldContextValue<S> {
  const controlId = `seedance-${useId().replace(/:/g, '')}`;
  const [described, setDescribed] = useState<readonly string[]>([]);
  const register = useCallback((id: string) => {
    setDescribed((list) => (list.includes(id) ? list : [...list, id]));
    return () => setDescribed((list) => list.filter((item) => item !== id));
  }, []);
  const errorId = `${controlId}-error`;
  const descriptionId = `${controlId}-description`;
  const invalid = hasError(options.error);
  return useShallowMemo({
    owner,
    state: useShallowMemo(state),
    controlId,
    labelId: `${controlId}-label`,
    descriptionId,
    errorId,
    invalid,
    disabled: options.disabled ?? false,
    error: options.error,
    labelable: options.labelable ?? false,
    labelText: options.labelText,
    descriptionText: options.descriptionText,
    // The description reads first, whatever order the parts mounted in (each id is there once).
    describedBy: cx(described.includes(descriptionId) && descriptionId, ...described.filter((id) => id !== descriptionId), invalid && errorId),
    register,
  });
}

/**
 * A context for a component's parts, whose hook throws a clear error outside the component's
 * Root: `<VideoResult.Seed> must be inside <VideoResult.Root>.`
 */
export function createPartContext<T>(owner: string) {
  const Context = createContext<T | null>(null);
  const use = (part: string): T => {
    const value = useContext(Context);
    if (!value) throw new Error(`<${owner}.${part}> must be inside <${owner}.Root>.`);
    return value;
  };
  return [Context.Provider, use] as const;
}

/** The data attributes every Root and control carries. */
export function fieldData(field: Pick<FieldContextValue, 'invalid' | 'disabled'>) {
  return { 'data-invalid': flag(field.invalid), 'data-disabled': flag(field.disabled) };
}

/** A control's aria attributes from its field: described by the description and error, invalid when it has an error. */
export function controlAria(field: FieldContextValue) {
  return { 'aria-describedby': field.describedBy, 'aria-invalid': field.invalid || undefined };
}

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
    <FieldContext.Provider value={field}>
      <Comp
        role={group ? 'group' : undefined}
        aria-labelledby={group ? field.labelId : undefined}
        data-seedance-part={part}
        data-state={state}
        {...fieldData(field)}
        {...props}
        ref={ref}
      />
    </FieldContext.Provider>
  );
});

type Tag = keyof JSX.IntrinsicElements;

/** A part component: its props and the element its ref points at. */
export type Part<P, E> = ForwardRefExoticComponent<P & RefAttributes<E>>;

/** Props of a part that renders one element with text: `asChild` renders your element instead. */
export type TextPartProps<T extends Tag> = ComponentPropsWithoutRef<T> & { readonly asChild?: boolean };

/** What a text part shows: its text and its own attributes; null renders nothing. */
type Shown = readonly [text: ReactNode, attributes?: Record<string, unknown>] | null;

/**
 * A part that renders one element (`tag`, or the child with `asChild`) with its attributes and
 * default text; the consumer's props and children win. `use` reads the part's context (throwing
 * a clear error outside its Root). Nothing renders when `render` gives null, or no text and no
 * children, except for a part that `describes` the field's control: its id is in the control's
 * aria-describedby, so it is always there.
 */
export function textPart<C, E extends HTMLElement, T extends Tag>(
  use: (part: string) => C,
  name: string,
  tag: T,
  part: string,
  render: (context: C, messages: SeedanceMessages) => Shown,
  describes?: (context: C) => string,
) {
  return forwardRef<E, TextPartProps<T>>(function TextPart({ asChild, children, ...props }, ref) {
    const context = use(name);
    const shown = render(context, useSeedanceMessages());
    const id = describes ? (props.id ?? describes(context)) : undefined;
    const register = describes && (context as FieldContextValue).register;
    useLayoutEffect(() => (register && id !== undefined ? register(id) : undefined), [register, id]);
    if (!shown || (shown[0] === undefined && children === undefined && !describes)) return null;
    const Comp = asChild ? Slot.Root : (tag as 'span');
    return (
      <Comp id={id} data-seedance-part={part} {...shown[1]} {...(props as ComponentPropsWithoutRef<'span'>)} ref={ref as Ref<HTMLSpanElement>}>
        {children ?? shown[0]}
      </Comp>
    );
  });
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
export const FieldDescription: Part<FieldDescriptionProps, HTMLParagraphElement> = textPart<FieldContextValue, HTMLParagraphElement, 'p'>(
  useField,
  'Description',
  'p',
  'description',
  (field) => [field.descriptionText, fieldData(field)],
  (field) => field.descriptionId,
);

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
