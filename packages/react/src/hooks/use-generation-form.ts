'use client';
import {
  estimateGenerationCost,
  seedanceProFast,
  validateGenerationInput,
  type CostEstimate,
  type EffectiveLimits,
  type GenerationInput,
  type ValidationIssue,
} from '@seedance-kit/core';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { FrameImageStatus } from './use-frame-image.js';
import { useSeedanceMessages } from '../provider/seedance-messages-provider.js';
import { useSeedanceContext } from '../provider/seedance-context.js';
import { checkEffectiveLimits } from './check-effective-limits.js';
import { useEffectiveLimits } from './use-effective-limits.js';

export type GenerationFormField = keyof GenerationInput;
/** What the form holds: a generation input where every field but the prompt may be unset. */
export type GenerationFormValues = Partial<GenerationInput> & { positivePrompt: string };

const spec = seedanceProFast;

/** The form's starting point: the spec's defaults, at the UI's default size 864×480. */
export const DEFAULT_FORM_VALUES: GenerationFormValues = {
  positivePrompt: '',
  width: spec.defaultDimensions.width,
  height: spec.defaultDimensions.height,
  duration: spec.duration.default,
  numberResults: spec.numberResults.default,
  outputFormat: spec.outputFormat.default,
  outputQuality: spec.outputQuality.default,
  cameraFixed: spec.cameraFixed.default,
  // Drawn by the task controller when submitted, so the seed is known (and shown) from then on.
  seed: 'random',
};

export interface UseGenerationFormOptions {
  /** Laid over the spec's defaults and the provider's `defaults`. */
  readonly defaultValues?: Partial<GenerationInput>;
  /**
   * Where `submit()` sends a valid input, typically `useVideoTask()`'s result. When that task
   * carries an input this form did not send (a task resumed after a reload) and the user has not
   * started editing, the form takes that task's values, so it shows what is being made.
   */
  readonly task?: { submit(input: GenerationInput): Promise<void> | void; readonly isActive?: boolean; readonly input?: GenerationInput | undefined };
  /** Called with the valid input instead of (or besides) `task`. */
  readonly onSubmit?: (input: GenerationInput) => Promise<void> | void;
  /** The server's limits to check against; fetched from `GET /limits` when undefined, `null` skips. */
  readonly limits?: EffectiveLimits | null;
  /**
   * The frame image's state (`useFrameImage()`'s result): while it is `processing` or `invalid`,
   * `canSubmit` is false and `submit()` sends nothing.
   */
  readonly frameImage?: { readonly status: FrameImageStatus };
}

/**
 * What `getFieldProps(field)` gives: props to spread onto a native `<input>`, `<textarea>` or
 * `<select>`, and nothing a DOM element does not know. Text fields get `value` (`''` while unset),
 * `cameraFixed` and `checkContent` get `checked`; numbers are read back as numbers.
 */
export interface GenerationFieldProps {
  readonly id: string;
  readonly name: GenerationFormField;
  readonly value?: string;
  readonly checked?: boolean;
  readonly onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
  /** Marks the field touched: its error shows from then on. */
  readonly onBlur: () => void;
  /** Lets `focusFirstError()` find the element. */
  readonly ref: (element: HTMLElement | null) => void;
  readonly 'aria-invalid': true | undefined;
  /** The field's error element (`getFieldError(field).id`) while its error shows. */
  readonly 'aria-describedby': string | undefined;
}

/** A field's error for an element of your own: `<p id={error.id}>{error.message}</p>`. */
export interface GenerationFieldError {
  readonly id: string;
  /** The error to show now (touched, or after a submit attempt), or undefined. */
  readonly message: string | undefined;
}

export interface SetValueOptions {
  /** Mark the field touched too: for controls without a blur (switches, selects). */
  readonly touch?: boolean;
}

export interface UseGenerationFormResult {
  readonly values: GenerationFormValues;
  setValue<K extends GenerationFormField>(field: K, value: GenerationFormValues[K] | undefined, options?: SetValueOptions): void;
  setValues(patch: Partial<GenerationInput>, options?: SetValueOptions): void;
  /** Every current error, first message per field (shown or not). */
  readonly errors: Partial<Record<GenerationFormField, string>>;
  /** The errors to show now: fields touched, or all of them after a submit attempt. */
  readonly visibleErrors: Partial<Record<GenerationFormField, string>>;
  /** Whether a field's error should be shown now. */
  showError(field: GenerationFormField): boolean;
  /** A problem not tied to one field, e.g. the estimate is over the server's cost cap. */
  readonly formError: string | undefined;
  readonly issues: readonly ValidationIssue[];
  readonly isValid: boolean;
  /** The validated input when valid. */
  readonly input: GenerationInput | undefined;
  readonly touched: Partial<Record<GenerationFormField, boolean>>;
  markTouched(field: GenerationFormField): void;
  readonly dirty: Partial<Record<GenerationFormField, boolean>>;
  readonly isDirty: boolean;
  readonly submitCount: number;
  /** The cost ESTIMATE for the current values (a range when the size follows a frame image). */
  readonly costEstimate: CostEstimate;
  readonly overCostCap: boolean;
  /** The server's limits once loaded. */
  readonly limits: EffectiveLimits | undefined;
  /** Validates, shows every error, and when valid sends the input; true when it was sent. */
  submit(): Promise<boolean>;
  /** Back to the initial values (or these), nothing touched. */
  reset(values?: Partial<GenerationInput>): void;
  /** Whether `submit()` would send now: valid, no frame image being read or refused, no task running. */
  readonly canSubmit: boolean;
  /** Props for a native control of your own (see `GenerationFieldProps`). */
  getFieldProps(field: GenerationFormField): GenerationFieldProps;
  getFieldError(field: GenerationFormField): GenerationFieldError;
  /**
   * Focuses the first control (in page order) given `getFieldProps` whose field has an error;
   * false when there is none. Call it after a refused `submit()`.
   */
  focusFirstError(): boolean;
}

const NUMBER_FIELDS: ReadonlySet<GenerationFormField> = new Set(['width', 'height', 'duration', 'numberResults', 'outputQuality']);
const BOOLEAN_FIELDS: ReadonlySet<GenerationFormField> = new Set(['cameraFixed', 'checkContent']);

/** A native control's value as the field's type: numbers as numbers, `''` as unset. */
function fieldValueOf(field: GenerationFormField, target: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): unknown {
  if (BOOLEAN_FIELDS.has(field)) return (target as HTMLInputElement).checked;
  if (field !== 'positivePrompt' && target.value.trim() === '') return undefined;
  return NUMBER_FIELDS.has(field) ? Number(target.value) : target.value;
}

/**
 * Form state for one generation: values from the spec's defaults, core's validation (with the
 * provider's messages), the server's limits, the cost estimate, touched/dirty tracking.
 */
export function useGenerationForm(options: UseGenerationFormOptions = {}): UseGenerationFormResult {
  const { initial, ...form } = useGenerationFormState(options);
  const { values, setValue, markTouched, showError } = form;
  const baseId = `seedance-form-${useId().replace(/:/g, '')}`;
  const elements = useRef(new Map<GenerationFormField, HTMLElement>());
  const dirty: Partial<Record<GenerationFormField, boolean>> = {};
  for (const field of new Set([...Object.keys(initial), ...Object.keys(values)]) as Set<GenerationFormField>) {
    if (!Object.is(initial[field], values[field])) dirty[field] = true;
  }
  const imageBlocks = options.frameImage?.status === 'processing' || options.frameImage?.status === 'invalid';
  const getFieldError = (field: GenerationFormField): GenerationFieldError => ({
    id: `${baseId}-${field}-error`,
    message: showError(field) ? form.errors[field] : undefined,
  });
  const latestErrors = useRef(form.errors);
  latestErrors.current = form.errors;
  const blocked = useRef(imageBlocks);
  blocked.current = imageBlocks;
  const { submit: send, markSubmitAttempt } = form;
  const submit = useCallback(async () => (blocked.current ? (markSubmitAttempt(), false) : send()), [send, markSubmitAttempt]);
  return {
    ...form,
    dirty,
    isDirty: Object.keys(dirty).length > 0,
    canSubmit: form.isValid && !imageBlocks && !options.task?.isActive,
    submit,
    getFieldError,
    getFieldProps: (field) => {
      const value = values[field];
      const error = getFieldError(field);
      return {
        id: `${baseId}-${field}`,
        name: field,
        ...(BOOLEAN_FIELDS.has(field) ? { checked: value === true } : { value: value === undefined || value === null ? '' : String(value) }),
        onChange: (event) => setValue(field, fieldValueOf(field, event.currentTarget) as GenerationFormValues[typeof field]),
        onBlur: () => markTouched(field),
        ref: (element) => {
          if (element) elements.current.set(field, element);
          else elements.current.delete(field);
        },
        'aria-invalid': error.message === undefined ? undefined : true,
        'aria-describedby': error.message === undefined ? undefined : error.id,
      };
    },
    focusFirstError: () => {
      const invalid = [...elements.current].filter(([field, element]) => latestErrors.current[field] !== undefined && element.isConnected).map(([, element]) => element);
      // Page order, whatever order the fields were registered in.
      invalid.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      invalid[0]?.focus();
      return invalid.length > 0;
    },
  };
}

/**
 * The form's values, validation and submit; `useGenerationForm` adds dirty tracking and what
 * controls of the app's own need.
 */
function useGenerationFormState(
  options: UseGenerationFormOptions,
): Omit<UseGenerationFormResult, 'dirty' | 'isDirty' | 'getFieldProps' | 'getFieldError' | 'focusFirstError' | 'canSubmit'> & {
  readonly initial: GenerationFormValues;
  /** Counts a submit that was refused before validation (a frame image not ready): every error shows. */
  markSubmitAttempt(): void;
} {
  const context = useSeedanceContext('useGenerationForm');
  const messages = useSeedanceMessages();
  const formatIssue = messages.formatIssue;
  const [initial] = useState<GenerationFormValues>(() => ({ ...DEFAULT_FORM_VALUES, ...context.defaults, ...options.defaultValues }));
  const [values, setValuesState] = useState<GenerationFormValues>(initial);
  const [touched, setTouched] = useState<Partial<Record<GenerationFormField, boolean>>>({});
  const [submitCount, setSubmitCount] = useState(0);

  const limitsQuery = useEffectiveLimits({ enabled: options.limits === undefined });
  const limits = options.limits === undefined ? limitsQuery.data : (options.limits ?? undefined);

  const derived = useMemo(() => {
    const clean = withoutUnset(values);
    const validation = validateGenerationInput(clean, { messages: formatIssue });
    const issues = [...(validation.issues ?? [])];
    if (limits) {
      const bad = new Set(issues.map((i) => i.path));
      issues.push(...checkEffectiveLimits(clean, limits, formatIssue).filter((i) => !bad.has(i.path)));
    }
    const errors: Partial<Record<GenerationFormField, string>> = {};
    let formError: string | undefined;
    for (const issue of issues) {
      if (issue.path === '') formError ??= issue.message;
      else (errors as Record<string, string>)[issue.path] ??= issue.message;
    }
    const costEstimate = estimateGenerationCost(sizeFields(clean));
    const cap = limits?.maxTaskCostUsd;
    const overCostCap = typeof cap === 'number' && costEstimate.maxUsd > cap;
    if (overCostCap) formError ??= messages.costOverCap(cap);
    const isValid = issues.length === 0 && !overCostCap;
    return { issues, errors, formError, costEstimate, overCostCap, isValid, input: isValid && validation.ok ? validation.value : undefined };
  }, [values, limits, formatIssue, messages]);

  const showError = (field: GenerationFormField) => derived.errors[field] !== undefined && (submitCount > 0 || touched[field] === true);
  const visibleErrors: Partial<Record<GenerationFormField, string>> = {};
  for (const [field, message] of Object.entries(derived.errors) as [GenerationFormField, string][]) if (showError(field)) visibleErrors[field] = message;

  const latest = useRef({ derived, options });
  latest.current = { derived, options };

  const setValues = useCallback((patch: Partial<GenerationInput>, { touch = false }: SetValueOptions = {}) => {
    setValuesState((previous) => {
      const next: Record<string, unknown> = { ...previous };
      for (const [field, value] of Object.entries(patch)) {
        if (value === undefined) delete next[field];
        else next[field] = value;
      }
      return next as GenerationFormValues;
    });
    if (touch) setTouched((previous) => ({ ...previous, ...Object.fromEntries(Object.keys(patch).map((f) => [f, true])) }));
  }, []);
  const setValue = useCallback(
    <K extends GenerationFormField>(field: K, value: GenerationFormValues[K] | undefined, setOptions?: SetValueOptions) => setValues({ [field]: value }, setOptions),
    [setValues],
  );
  const markTouched = useCallback((field: GenerationFormField) => setTouched((previous) => (previous[field] ? previous : { ...previous, [field]: true })), []);

  const submit = useCallback(async () => {
    setSubmitCount((n) => n + 1);
    const { derived: current, options: currentOptions } = latest.current;
    if (!current.input || currentOptions.task?.isActive) return false;
    await currentOptions.task?.submit(current.input);
    await currentOptions.onSubmit?.(current.input);
    return true;
  }, []);

  const reset = useCallback(
    (next?: Partial<GenerationInput>) => {
      setValuesState({ ...initial, ...next });
      setTouched({});
      setSubmitCount(0);
    },
    [initial],
  );

  // A resumed task's values fill an untouched form once; what the user typed is never replaced.
  const taskInput = options.task?.input;
  const pristine = submitCount === 0 && Object.keys(touched).length === 0;
  const adopted = useRef<GenerationInput>(undefined);
  useEffect(() => {
    if (!taskInput || !pristine || adopted.current === taskInput) return;
    adopted.current = taskInput;
    setValuesState((previous) => ({ ...previous, ...resumedValues(taskInput), seed: previous.seed }));
  }, [taskInput, pristine]);

  return {
    values,
    setValue,
    setValues,
    errors: derived.errors,
    visibleErrors,
    showError,
    formError: derived.formError,
    issues: derived.issues,
    isValid: derived.isValid,
    input: derived.input,
    touched,
    markTouched,
    submitCount,
    costEstimate: derived.costEstimate,
    overCostCap: derived.overCostCap,
    limits,
    submit,
    reset,
    initial,
    markSubmitAttempt: useCallback(() => {
      setSubmitCount((n) => n + 1);
      setTouched((previous) => ({ ...previous, frameImage: true }));
    }, []),
  };
}

/**
 * A resumed task's input as form values. A frame image the server only describes (it was sent as
 * data) cannot be shown again: it is left out, and a size that followed it with it.
 */
function resumedValues(input: GenerationInput): Partial<GenerationInput> {
  const { frameImage, resolution, ...rest } = input;
  const imageUsable = frameImage !== undefined && !validateGenerationInput({ ...input, positivePrompt: input.positivePrompt || 'x' }).issues?.some((i) => i.path === 'frameImage');
  return {
    ...rest,
    ...(imageUsable && { frameImage }),
    ...(imageUsable && resolution !== undefined && { resolution }),
  };
}

function withoutUnset(values: GenerationFormValues): Partial<GenerationInput> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) if (value !== undefined && value !== null) out[field] = value;
  return out as Partial<GenerationInput>;
}

/** Only numbers that make sense go into the estimate, so a half-typed field cannot make it NaN. */
function sizeFields(values: Partial<GenerationInput>): Parameters<typeof estimateGenerationCost>[0] {
  const positive = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined);
  const count = positive(values.numberResults);
  return {
    width: positive(values.width),
    height: positive(values.height),
    resolution: values.resolution,
    duration: positive(values.duration),
    numberResults: count && Math.round(count),
    frameImage: values.frameImage,
  };
}
