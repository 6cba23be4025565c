import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { DurationSlider } from '../components/duration-slider/duration-slider.js';
import { PromptField } from '../components/prompt-field/prompt-field.js';
import { sampleResult } from '../components/video-result/story-fixtures.js';
import { VideoResult } from '../components/video-result/video-result.js';
import { VideoResultGrid } from '../components/video-result/video-result-grid.js';

/** Styling by data attributes only: no class names are baked into the parts. */
const css = `
.composed [data-seedance-part='prompt-counter'][data-state='over'] { color: var(--seedance-danger); font-weight: 700; }
.composed [data-seedance-part='video-result'][data-state='ready'] { outline: 2px solid var(--seedance-success); outline-offset: 2px; }
.composed [data-seedance-part='video-result'][data-state='pending'] { opacity: 0.85; }
.composed .take-title { margin: 0; font-size: 1rem; }
`;

/**
 * A custom UI composed from parts: a controlled prompt whose counter renders as `<output>`
 * (`asChild`), an uncontrolled duration slider, and a result grid whose slots are laid out by the
 * app through `renderResult`, with its own download link (`asChild`).
 */
function ComposedUi() {
  const [prompt, setPrompt] = useState('A kite over a windy beach at dawn');
  return (
    <div className="composed" style={{ display: 'grid', gap: '1.25rem', maxWidth: '44rem' }}>
      <style>{css}</style>
      <PromptField.Root value={prompt} onValueChange={setPrompt} error={null}>
        <PromptField.Label>Shot description</PromptField.Label>
        <PromptField.Input />
        <PromptField.Counter asChild>
          <output />
        </PromptField.Counter>
      </PromptField.Root>
      <p data-testid="echo">The app holds: {prompt}</p>
      <DurationSlider.Root defaultValue={8}>
        <DurationSlider.Label />
        <DurationSlider.Value asChild>
          <strong />
        </DurationSlider.Value>
        <DurationSlider.Control />
        <DurationSlider.Frames />
      </DurationSlider.Root>
      <VideoResultGrid
        status="processing"
        numberResults={2}
        results={[sampleResult(1)]}
        progress={60}
        renderResult={(slot) => (
          <VideoResult.Root {...slot}>
            <h3 className="take-title">Take {slot.index + 1}</h3>
            <VideoResult.Video />
            <VideoResult.Status />
            <VideoResult.Progress />
            <VideoResult.Download asChild>
              {/* The part's aria-label ("Download video 1 of 2") starts with the visible text. */}
              <a className="take-link">Download</a>
            </VideoResult.Download>
          </VideoResult.Root>
        )}
      />
    </div>
  );
}

const meta = {
  title: 'Guides/Composition',
  component: ComposedUi,
} satisfies Meta<typeof ComposedUi>;
export default meta;
type Story = StoryObj<typeof meta>;

export const PartsAndAsChild: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // asChild: the counter is the app's <output>, with the part's attributes merged onto it.
    const counter = canvasElement.querySelector('output') as HTMLOutputElement;
    await expect(counter).toHaveAttribute('data-seedance-part', 'prompt-counter');
    // Controlled: every keystroke reaches the app's state.
    const input = canvas.getByRole('textbox', { name: 'Shot description' });
    await userEvent.type(input, ', kites everywhere');
    await expect(canvas.getByTestId('echo')).toHaveTextContent('kites everywhere');
    // Uncontrolled: the slider starts at its defaultValue and keeps its own state.
    await expect(canvas.getByRole('slider', { name: 'Duration' })).toHaveAttribute('aria-valuenow', '8');
    // renderResult: the app's slot layout, one arrived video and one still on its way.
    const slots = canvas.getAllByRole('group');
    await expect(slots.map((slot) => slot.getAttribute('data-state'))).toEqual(['ready', 'pending']);
    const link = canvas.getByRole('link', { name: 'Download video 1 of 2' });
    await expect(link).toHaveClass('take-link');
    await expect(link).toHaveAttribute('href', '/samples/sample-1.mp4');
  },
};
