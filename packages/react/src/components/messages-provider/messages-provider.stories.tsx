import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { DurationSlider } from '../duration-slider/duration-slider.js';
import { PromptField } from '../prompt-field/prompt-field.js';
import { SeedanceMessagesProvider } from './index.js';

/** Every string comes from the messages: here a few are replaced (German). */
const meta = {
  title: 'Parts/SeedanceMessagesProvider',
  component: SeedanceMessagesProvider,
  args: {
    messages: {
      promptLabel: 'Beschreibung',
      promptDescription: 'Beschreibe die Szene.',
      promptCounterLabel: (count: number, max: number) => `${count} von ${max} Zeichen`,
      durationLabel: 'Dauer',
      durationFrames: (frames: number, fps: number) => `${frames} Bilder bei ${fps} fps`,
      durationValueText: (seconds: number, frames: number) => `${seconds} Sekunden, ${frames} Bilder`,
    },
  },
  render: (args) => (
    <SeedanceMessagesProvider {...args}>
      <div style={{ display: 'grid', gap: '1.25rem', maxWidth: '32rem' }}>
        <PromptField />
        <DurationSlider />
      </div>
    </SeedanceMessagesProvider>
  ),
} satisfies Meta<typeof SeedanceMessagesProvider>;
export default meta;
type Story = StoryObj<typeof meta>;

export const German: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('textbox', { name: 'Beschreibung' })).toBeInTheDocument();
    await expect(canvas.getByRole('slider', { name: 'Dauer' })).toHaveAttribute('aria-valuetext', '5 Sekunden, 120 Bilder');
  },
};
