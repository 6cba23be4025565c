import { estimateGenerationCost, memoryTaskStorage, type GenerationInput } from '@seedance-kit/core';
import { SeedanceProvider, useGenerationForm, useVideoTask, type SeedanceMessages } from '@seedance-kit/react';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT, RENDER_TIMEOUT, startMswBackend, type MswBackend } from '../../support/seedance-backend.js';

let backend: MswBackend;
beforeAll(() => {
  backend = startMswBackend({ policy: { maxNumberResults: 2, maxDuration: 6, resolutions: ['480p'], maxTaskCostUsd: 0.05 } });
});
afterAll(() => backend.close());
afterEach(cleanup);

function wrapper(props: { messages?: Partial<SeedanceMessages>; defaults?: Partial<GenerationInput> } = {}) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <SeedanceProvider endpoint={ENDPOINT} storage={memoryTaskStorage()} {...props}>
        {children}
      </SeedanceProvider>
    );
  };
}

const WAIT = { timeout: 15_000 };

describe('useGenerationForm', () => {
  it('starts from the spec defaults at 864×480 and shows errors only once touched', () => {
    const { result } = renderHook(() => useGenerationForm({ limits: null }), { wrapper: wrapper() });
    expect(result.current.values).toEqual({ positivePrompt: '', width: 864, height: 480, duration: 5, numberResults: 1, outputFormat: 'MP4', outputQuality: 95, cameraFixed: false, seed: 'random' });
    expect(result.current.errors).toEqual({ positivePrompt: 'Prompt must be at least 2 characters (now 0).' });
    expect(result.current.isValid).toBe(false);
    expect(result.current.visibleErrors).toEqual({});
    expect(result.current.getFieldProps('positivePrompt')).toMatchObject({ 'aria-invalid': undefined, 'aria-describedby': undefined });
    expect(result.current.getFieldError('positivePrompt').message).toBeUndefined();
    expect(result.current.isDirty).toBe(false);

    act(() => result.current.getFieldProps('positivePrompt').onBlur());
    expect(result.current.touched).toEqual({ positivePrompt: true });
    expect(result.current.visibleErrors).toEqual({ positivePrompt: 'Prompt must be at least 2 characters (now 0).' });
    const error = result.current.getFieldError('positivePrompt');
    expect(error.message).toBe('Prompt must be at least 2 characters (now 0).');
    expect(result.current.getFieldProps('positivePrompt')).toMatchObject({ 'aria-invalid': true, 'aria-describedby': error.id });

    act(() => result.current.setValue('positivePrompt', 'A red fox in the snow'));
    expect(result.current.errors).toEqual({});
    expect(result.current.isValid).toBe(true);
    expect(result.current.input).toEqual({ positivePrompt: 'A red fox in the snow', width: 864, height: 480, duration: 5, numberResults: 1, outputFormat: 'MP4', outputQuality: 95, cameraFixed: false, seed: 'random' });
    expect(result.current.dirty).toEqual({ positivePrompt: true });

    // A value the model refuses, on a field not touched yet: known but not shown until touched.
    act(() => result.current.setValue('duration', 1.25));
    expect(result.current.errors.duration).toBe('Duration must be in steps of 0.1 s.');
    expect(result.current.visibleErrors.duration).toBeUndefined();
    act(() => result.current.setValue('duration', 1.25, { touch: true }));
    expect(result.current.visibleErrors.duration).toBe('Duration must be in steps of 0.1 s.');
    act(() => result.current.setValues({ width: 864, height: undefined }));
    expect(result.current.errors.height).toBe('Height is required when Width is given.');
  });

  it('takes its messages from the provider', () => {
    const formatIssue: SeedanceMessages['formatIssue'] = (code, path, params) => (code === 'too_short' && path === 'positivePrompt' ? `Au moins ${params.min} caractères.` : undefined);
    const { result } = renderHook(() => useGenerationForm({ limits: null }), { wrapper: wrapper({ messages: { formatIssue } }) });
    expect(result.current.errors.positivePrompt).toBe('Au moins 2 caractères.');
    act(() => result.current.setValue('numberResults', 9));
    expect(result.current.errors.numberResults).toBe('Number of videos must be at most 4.');
  });

  it('on a submit attempt with errors shows them all and sends nothing', async () => {
    const requests = backend.seen.filter((line) => line.startsWith('POST')).length;
    const { result } = renderHook(
      () => {
        const task = useVideoTask();
        return { task, form: useGenerationForm({ task, limits: null }) };
      },
      { wrapper: wrapper() },
    );
    act(() => result.current.form.setValues({ duration: 20 }));
    let sent: boolean | undefined;
    await act(async () => {
      sent = await result.current.form.submit();
    });
    expect(sent).toBe(false);
    expect(result.current.form.submitCount).toBe(1);
    expect(result.current.form.visibleErrors).toEqual({ positivePrompt: 'Prompt must be at least 2 characters (now 0).', duration: 'Duration must be at most 12 s.' });
    expect(result.current.task.status).toBe('idle');
    expect(backend.seen.filter((line) => line.startsWith('POST')).length).toBe(requests);
  });

  it('estimates the cost from the values, as a range when the size follows a frame image', () => {
    const { result } = renderHook(() => useGenerationForm({ limits: null }), { wrapper: wrapper() });
    const base = estimateGenerationCost({ width: 864, height: 480, duration: 5, numberResults: 1 });
    expect(result.current.costEstimate).toEqual(base);
    expect(result.current.costEstimate.estimatedUsd).toBeCloseTo((864 * 480 * 24 * 5 * 0.6535) / 1024 / 1_000_000, 10);
    act(() => result.current.setValues({ duration: 10, numberResults: 2 }));
    expect(result.current.costEstimate.estimatedUsd).toBeCloseTo(base.estimatedUsd * 4, 10);
    act(() => result.current.setValues({ width: undefined, height: undefined, resolution: '480p', frameImage: 'https://example.com/frame.jpg' }));
    expect(result.current.costEstimate.sizeKnown).toBe(false);
    expect(result.current.costEstimate.minUsd).toBeLessThan(result.current.costEstimate.maxUsd);
    // A half-typed number never makes the estimate NaN.
    act(() => result.current.setValue('duration', Number.NaN));
    expect(Number.isFinite(result.current.costEstimate.estimatedUsd)).toBe(true);
  });

  it('checks the server limits: over a cap is a field error, over the cost cap a form error', async () => {
    const { result } = renderHook(() => useGenerationForm({ defaultValues: { positivePrompt: 'A kite over the dunes', duration: 4 } }), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.limits).toBeDefined());
    expect(result.current.limits).toMatchObject({ numberResults: { max: 2 }, duration: { max: 6 }, resolutions: ['480p'], maxTaskCostUsd: 0.05 });
    expect(result.current.isValid).toBe(true);

    act(() => result.current.setValues({ numberResults: 3, duration: 8 }));
    expect(result.current.errors).toMatchObject({ numberResults: 'Number of videos must be at most 2.', duration: 'Duration must be at most 6 s.' });
    act(() => result.current.setValues({ numberResults: 1, duration: 4, width: 1920, height: 1088 }));
    expect(result.current.errors.width).toMatch(/^1920×1088 is not a supported size\. Supported: 864×480, 736×544/);
    expect(result.current.errors.width).not.toMatch(/1440×1440/);
    act(() => result.current.setValues({ width: undefined, height: undefined, resolution: '1080p' }));
    expect(result.current.errors.resolution).toBe('Resolution must be one of: 480p.');

    // 864×480 for 6 s is about $0.038 a video: two are over the $0.05 cap.
    act(() => result.current.setValues({ resolution: undefined, width: 864, height: 480, duration: 6, numberResults: 2 }));
    expect(result.current.errors).toEqual({});
    expect(result.current.overCostCap).toBe(true);
    expect(result.current.formError).toBe('Over this site’s limit of $0.05 per generation.');
    expect(result.current.isValid).toBe(false);
    act(() => result.current.setValue('numberResults', 1));
    expect(result.current.overCostCap).toBe(false);
    expect(result.current.isValid).toBe(true);
  });

  it('starts from the provider defaults, and reset goes back to them', () => {
    const { result } = renderHook(() => useGenerationForm({ limits: null }), { wrapper: wrapper({ defaults: { duration: 3, outputFormat: 'WEBM' } }) });
    expect(result.current.values).toMatchObject({ duration: 3, outputFormat: 'WEBM', width: 864 });
    act(() => {
      result.current.setValues({ positivePrompt: 'A bee on a sunflower', duration: 7 });
      result.current.markTouched('duration');
    });
    expect(result.current.dirty).toEqual({ positivePrompt: true, duration: true });
    act(() => result.current.reset());
    expect(result.current.values).toMatchObject({ positivePrompt: '', duration: 3, outputFormat: 'WEBM' });
    expect(result.current).toMatchObject({ touched: {}, dirty: {}, isDirty: false, submitCount: 0 });
  });
});

/** A minimal form made of the hooks alone, driven the way a user would. */
function TinyGenerator() {
  const task = useVideoTask({ key: 'tiny' });
  const form = useGenerationForm({ task, defaultValues: { duration: 1.2 } });
  const prompt = form.getFieldProps('positivePrompt');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit();
      }}
    >
      <label htmlFor="prompt">Prompt</label>
      <textarea {...prompt} id="prompt" aria-describedby="prompt-error" />
      <p id="prompt-error">{form.getFieldError('positivePrompt').message}</p>
      <p>Cost {form.costEstimate.estimatedUsd.toFixed(4)}</p>
      <button type="submit" disabled={task.isActive}>
        Generate
      </button>
      <p role="status">{task.status}</p>
      {task.snapshot && <p data-testid="sent">{`${task.snapshot.input.positivePrompt} · ${task.snapshot.input.width}×${task.snapshot.input.height} · ${task.snapshot.input.duration} s`}</p>}
      {task.results.map((r) => (
        <video key={r.videoUUID} src={r.videoURL} aria-label="result" />
      ))}
    </form>
  );
}

describe('the hooks together, driven by a user', { timeout: RENDER_TIMEOUT }, () => {
  it('validates on blur, then submits the typed prompt and shows the video', async () => {
    const user = userEvent.setup();
    const before = backend.submitted();
    render(<TinyGenerator />, { wrapper: wrapper() });
    const prompt = screen.getByLabelText('Prompt');
    await user.type(prompt, 'a');
    expect(prompt).not.toHaveAttribute('aria-invalid');
    await user.tab();
    expect(prompt).toHaveAttribute('aria-invalid', 'true');
    expect(prompt).toHaveAccessibleDescription('Prompt must be at least 2 characters (now 1).');
    await user.type(prompt, ' lantern floating over a lake');
    expect(prompt).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText(/^Cost /)).toHaveTextContent(`Cost ${estimateGenerationCost({ width: 864, height: 480, duration: 1.2 }).estimatedUsd.toFixed(4)}`);

    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Generate' })).toBeDisabled());
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('succeeded'), WAIT);
    expect(screen.getAllByLabelText('result')).toHaveLength(1);
    expect(backend.submitted() - before).toBe(1);
    // What the server received is what was typed, with the form's other values.
    expect(screen.getByTestId('sent')).toHaveTextContent('a lantern floating over a lake · 864×480 · 1.2 s');
  });
});

/** Native controls only, every one wired by spreading getFieldProps. */
function NativeForm({ frameImageStatus }: { frameImageStatus?: 'empty' | 'processing' | 'ready' | 'invalid' }) {
  const form = useGenerationForm({ limits: null, ...(frameImageStatus && { frameImage: { status: frameImageStatus } }) });
  const error = (field: 'positivePrompt' | 'duration') => {
    const { id, message } = form.getFieldError(field);
    return <p id={id}>{message}</p>;
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit().then((sent) => sent || form.focusFirstError());
      }}
    >
      <label htmlFor={form.getFieldProps('positivePrompt').id}>Prompt</label>
      <textarea {...form.getFieldProps('positivePrompt')} />
      {error('positivePrompt')}
      <label htmlFor={form.getFieldProps('duration').id}>Seconds</label>
      <input type="number" step={0.1} {...form.getFieldProps('duration')} />
      {error('duration')}
      <label>
        <input type="checkbox" {...form.getFieldProps('cameraFixed')} /> Fixed camera
      </label>
      <label htmlFor={form.getFieldProps('outputFormat').id}>Format</label>
      <select {...form.getFieldProps('outputFormat')}>
        <option>MP4</option>
        <option>WEBM</option>
      </select>
      <button type="submit">Generate</button>
      <output data-testid="values">{JSON.stringify(form.values)}</output>
      <output data-testid="can-submit">{String(form.canSubmit)}</output>
    </form>
  );
}

describe('getFieldProps on native controls', () => {
  it('spreads onto input, textarea, select and checkbox with nothing unknown to the DOM, reading numbers back as numbers', async () => {
    const user = userEvent.setup();
    const warnings: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void warnings.push(args);
    try {
      render(<NativeForm />, { wrapper: wrapper() });
      const duration = screen.getByRole('spinbutton', { name: 'Seconds' });
      await user.clear(duration);
      await user.type(duration, '7.5');
      await user.click(screen.getByRole('checkbox', { name: 'Fixed camera' }));
      await user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'WEBM');
      await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'A fox');
    } finally {
      console.error = original;
    }
    expect(JSON.parse(screen.getByTestId('values').textContent ?? '{}')).toMatchObject({ positivePrompt: 'A fox', duration: 7.5, cameraFixed: true, outputFormat: 'WEBM' });
    // React warns on console.error about unknown DOM props and uncontrolled/controlled switches.
    expect(warnings).toEqual([]);
  });

  it('shows an error on blur or after a submit, not on the first keystroke; focusFirstError goes to the first in page order', async () => {
    const user = userEvent.setup();
    render(<NativeForm />, { wrapper: wrapper() });
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    const duration = screen.getByRole('spinbutton', { name: 'Seconds' });
    await user.type(prompt, 'A');
    expect(prompt).not.toHaveAttribute('aria-invalid');
    await user.tab();
    expect(prompt).toHaveAttribute('aria-invalid', 'true');
    expect(prompt).toHaveAccessibleDescription('Prompt must be at least 2 characters (now 1).');

    await user.clear(duration);
    await user.type(duration, '30');
    expect(duration).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(duration).toHaveAttribute('aria-invalid', 'true');
    expect(duration).toHaveAccessibleDescription(/Duration/);
    // Both refused: the prompt comes first on the page.
    expect(prompt).toHaveFocus();
    await user.type(prompt, ' red fox');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(duration).toHaveFocus();
  });

  it('canSubmit counts the frame image: not while it is read or refused', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<NativeForm frameImageStatus="processing" />, { wrapper: wrapper() });
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'A red fox in the snow');
    const canSubmit = () => screen.getByTestId('can-submit').textContent;
    expect(canSubmit()).toBe('false');
    rerender(<NativeForm frameImageStatus="ready" />);
    expect(canSubmit()).toBe('true');
    rerender(<NativeForm frameImageStatus="invalid" />);
    expect(canSubmit()).toBe('false');
    rerender(<NativeForm frameImageStatus="empty" />);
    expect(canSubmit()).toBe('true');
  });
});
