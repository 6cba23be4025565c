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
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
}

export interface GenerationFieldProps<K extends GenerationFormField> {
  readonly name: K;
  readonly value: GenerationFormValues[K];
  onChange(value: GenerationFormValues[K] | undefined): void;
  onBlur(): void;
  /** True when the field has an error the user should see now (touched, or after a submit attempt). */
  readonly invalid: boolean;
  /** The visible error, or undefined. */
  readonly error: string | undefined;
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
  getFieldProps<K extends GenerationFormField>(field: K): GenerationFieldProps<K>;
}

/**
 * Form state for one generation: values from the spec's defaults, core's validation (with the
 * provider's messages), the server's limits, the cost estimate, touched/dirty tracking.
 */
export function useGenerationForm(options: UseGenerationFormOptions = {}): UseGenerationFormResult {
  const { initial, ...form } = useGenerationFormState(options);
  const { values, setValue, markTouched, showError } = form;
  const dirty: Partial<Record<GenerationFormField, boolean>> = {};
  for (const field of new Set([...Object.keys(initial), ...Object.keys(values)]) as Set<GenerationFormField>) {
    if (!Object.is(initial[field], values[field])) dirty[field] = true;
  }
  return {
    ...form,
    dirty,
    isDirty: Object.keys(dirty).length > 0,
    getFieldProps: <K extends GenerationFormField>(field: K): GenerationFieldProps<K> => ({
      name: field,
      value: values[field],
      onChange: (value) => setValue(field, value),
      onBlur: () => markTouched(field),
      invalid: showError(field),
      error: showError(field) ? form.errors[field] : undefined,
    }),
  };
}

/**
 * All of `useGenerationForm` but dirty tracking and `getFieldProps`, which the widget does not
 * use; with the values it started from.
 */
function useGenerationFormState(
  options: UseGenerationFormOptions,
): Omit<UseGenerationFormResult, 'dirty' | 'isDirty' | 'getFieldProps'> & { readonly initial: GenerationFormValues } {
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
