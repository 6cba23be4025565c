'use client';
import { useGenerationForm, useVideoTask } from '@seedance-kit/react';
import type { FormEvent } from 'react';

export function PromptOnlyForm() {
  const task = useVideoTask();
  const form = useGenerationForm({ task, defaultValues: { duration: 4 } });
  const promptError = form.getFieldError('positivePrompt');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await form.submit();
    // Refused: every error is visible now; focus goes where the user has to act.
    if (!sent) form.focusFirstError();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <label htmlFor={form.getFieldProps('positivePrompt').id}>Prompt</label>
      {/* id, name, value, onChange, onBlur, ref, aria-invalid, aria-describedby */}
      <textarea {...form.getFieldProps('positivePrompt')} />
      <p id={promptError.id}>{promptError.message}</p>
      <label htmlFor={form.getFieldProps('duration').id}>Seconds</label>
      <input type="number" step={0.1} {...form.getFieldProps('duration')} />
      <p id={form.getFieldError('duration').id}>{form.getFieldError('duration').message}</p>
      <label>
        <input type="checkbox" {...form.getFieldProps('cameraFixed')} /> Fixed camera
      </label>
      {form.submitCount > 0 && form.formError ? <p role="alert">{form.formError}</p> : null}
      <p>
        About ${form.costEstimate.estimatedUsd.toFixed(3)}
        {form.limits ? ` (this site allows up to ${form.limits.duration.max} s)` : ''}
      </p>
      <button type="submit" aria-disabled={!form.canSubmit || undefined}>
        Generate
      </button>
      <button type="button" disabled={!form.isDirty} onClick={() => form.reset()}>
        Reset
      </button>
    </form>
  );
}
