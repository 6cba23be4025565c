'use client';
import { useGenerationForm, useVideoTask } from '@seedance-kit/react';
import { useRef, type FormEvent } from 'react';

export function PromptOnlyForm() {
  const task = useVideoTask();
  const form = useGenerationForm({ task, defaultValues: { duration: 4 } });
  const prompt = form.getFieldProps('positivePrompt');
  const promptRef = useRef<HTMLTextAreaElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await form.submit();
    // Refused: every error is visible now; focus goes where the user has to act.
    if (!sent) promptRef.current?.focus();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <label htmlFor="prompt">Prompt</label>
      <textarea
        id="prompt"
        ref={promptRef}
        value={prompt.value}
        onChange={(event) => prompt.onChange(event.currentTarget.value)}
        onBlur={prompt.onBlur}
        aria-invalid={prompt.invalid || undefined}
        aria-describedby={prompt.error ? 'prompt-error' : undefined}
      />
      <p id="prompt-error">{prompt.error}</p>
      {form.submitCount > 0 && form.formError ? <p role="alert">{form.formError}</p> : null}
      <p>
        About ${form.costEstimate.estimatedUsd.toFixed(3)}
        {form.limits ? ` (this site allows up to ${form.limits.duration.max} s)` : ''}
      </p>
      <button type="submit" aria-disabled={task.isActive || undefined}>
        Generate
      </button>
      <button type="button" disabled={!form.isDirty} onClick={() => form.reset()}>
        Reset
      </button>
    </form>
  );
}
