import { seedanceProFast } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { FormEvent } from 'react';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { useGenerationForm } from '../hooks/use-generation-form.js';
import { useVideoTask } from '../hooks/use-video-task.js';
import { SeedanceProvider } from '../provider/seedance-provider.js';

/**
 * A UI built from the hooks alone: plain HTML elements, no kit component and no kit styles.
 * `useGenerationForm` holds and validates the values, `useVideoTask` runs the generation against
 * the real backend Storybook mounts at /api/seedance.
 */
function HooksOnlyGenerator() {
  const task = useVideoTask({ key: 'hooks-only-story' });
  const form = useGenerationForm({ task });
  const prompt = form.getFieldProps('positivePrompt');
  const promptError = form.getFieldError('positivePrompt');
  const duration = form.getFieldProps('duration');
  const { min, max, step } = seedanceProFast.duration;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit().then((sent) => sent || form.focusFirstError());
  };

  return (
    <form onSubmit={onSubmit} noValidate style={{ display: 'grid', gap: '0.75rem', maxWidth: '36rem', fontFamily: 'system-ui' }}>
      <label htmlFor={prompt.id}>Describe your shot</label>
      {/* Spread: id, name, value, onChange, onBlur, ref, aria-invalid, aria-describedby. */}
      <textarea rows={3} {...prompt} />
      {promptError.message ? (
        <p id={promptError.id} style={{ color: '#b42318', margin: 0 }}>
          {promptError.message}
        </p>
      ) : null}
      <label htmlFor={duration.id}>Length: {duration.value} s</label>
      <input type="range" min={min} max={max} step={step} {...duration} />
      <p style={{ margin: 0 }}>Estimated cost: ${form.costEstimate.estimatedUsd.toFixed(3)}</p>
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <button type="submit" aria-disabled={!form.canSubmit || undefined}>
          {task.isActive ? 'Rendering…' : 'Render'}
        </button>
        {task.isActive ? (
          <button type="button" onClick={() => void task.cancel()}>
            Stop
          </button>
        ) : null}
      </div>
      <p role="status" data-testid="task-status">
        {task.status === 'idle' ? '' : `${task.status} (about ${Math.round(task.estimatedProgress)}%)`}
      </p>
      {task.error ? <p role="alert">{task.error.message}</p> : null}
      {task.results.map((result, index) => (
        <video key={result.videoUUID} src={result.videoURL} controls aria-label={`Take ${index + 1}`} style={{ width: '100%' }} />
      ))}
    </form>
  );
}

const meta = {
  title: 'Guides/Hooks only',
  component: HooksOnlyGenerator,
  parameters: { seedanceScope: false },
  beforeEach: () => sessionStorage.clear(),
  decorators: [
    (Story) => (
      <SeedanceProvider endpoint="/api/seedance">
        <div style={{ padding: '1.25rem' }}>
          <Story />
        </div>
      </SeedanceProvider>
    ),
  ],
} satisfies Meta<typeof HooksOnlyGenerator>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Submit empty (the form shows the error), then a real render from the shortest duration. */
export const CustomUiFromHooks: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Render' }));
    const prompt = canvas.getByRole('textbox', { name: 'Describe your shot' });
    await expect(prompt).toHaveAttribute('aria-invalid', 'true');
    await expect(prompt).toHaveAccessibleDescription('Prompt must be at least 2 characters (now 0).');
    // focusFirstError() after the refused submit.
    await waitFor(() => expect(prompt).toHaveFocus());
    // The shortest video renders quickest (user-event cannot drive a native range input).
    fireEvent.change(canvas.getByRole('slider', { name: /Length/ }), { target: { value: String(seedanceProFast.duration.min) } });
    await expect(canvas.getByText(`Length: ${seedanceProFast.duration.min} s`)).toBeInTheDocument();
    await userEvent.click(prompt);
    await userEvent.paste('A paper boat drifting down a rainy street');
    await expect(prompt).not.toHaveAttribute('aria-invalid');
    await userEvent.click(canvas.getByRole('button', { name: 'Render' }));
    await waitFor(() => expect(canvas.getByLabelText('Take 1')).toBeInTheDocument(), { timeout: 30_000 });
    await expect(canvas.getByTestId('task-status')).toHaveTextContent('succeeded');
  },
};
