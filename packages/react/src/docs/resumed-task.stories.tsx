import { memoryTaskStorage, type TaskStorage } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { SeedanceGenerator } from '../components/seedance-generator/seedance-generator.js';
import { SeedanceProvider } from '../provider/seedance-provider.js';

/**
 * A task that outlives its page. The provider keeps a running task's id and token in `storage`
 * (sessionStorage by default); "Reload" unmounts the whole widget, as a page reload would, and
 * mounts a new one, which finds the task there, fills its form with the task's values and follows
 * it to the end instead of paying again. The backend is the real one Storybook mounts at /api/seedance.
 */
function ResumableGenerator() {
  // Kept above the widget, as sessionStorage outlives a reload; in memory so no other story sees it.
  const [storage] = useState<TaskStorage>(() => memoryTaskStorage());
  const [mount, setMount] = useState(1);
  return (
    <SeedanceProvider endpoint="/api/seedance" storage={storage}>
      <p>
        <button type="button" onClick={() => setMount((n) => n + 1)}>
          Reload
        </button>{' '}
        <span data-testid="mount">Page load {mount}</span>
      </p>
      <SeedanceGenerator key={mount} data-theme="light" />
    </SeedanceProvider>
  );
}

const meta = {
  title: 'Guides/Resumed task',
  component: ResumableGenerator,
  parameters: { seedanceScope: false },
} satisfies Meta<typeof ResumableGenerator>;
export default meta;
type Story = StoryObj<typeof meta>;

export const ResumedAfterReload: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    canvas.getByRole('slider', { name: 'Duration' }).focus();
    await userEvent.keyboard('{Home}');
    await userEvent.click(canvas.getByRole('textbox', { name: 'Prompt' }));
    await userEvent.paste('A lighthouse beam sweeping over a stormy sea');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
    await expect(await canvas.findByRole('progressbar', { name: 'Progress' })).toBeInTheDocument();

    await userEvent.click(canvas.getByRole('button', { name: 'Reload' }));
    await expect(canvas.getByTestId('mount')).toHaveTextContent('Page load 2');
    // The new widget finds the task still running, and its form shows what is being made…
    await waitFor(() => expect(canvasElement.querySelector('[data-seedance-part="generator"]')).not.toHaveAttribute('data-state', 'idle'));
    await waitFor(() => expect(canvas.getByRole('textbox', { name: 'Prompt' })).toHaveValue('A lighthouse beam sweeping over a stormy sea'));
    await expect(canvas.getByRole('slider', { name: 'Duration' })).toHaveAttribute('aria-valuenow', '1.2');
    // …and it ends with the video, paid for once.
    await canvas.findByRole('link', { name: 'Download the video' }, { timeout: 30_000 });
    await expect(canvas.getByRole('status')).toHaveTextContent('Your video is ready.');
  },
};
