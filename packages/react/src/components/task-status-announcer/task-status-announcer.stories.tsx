import { networkError } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { TaskStatusAnnouncer } from './task-status-announcer.js';

/** Visible here for review; by default the region is only spoken. */
const meta = {
  title: 'Parts/TaskStatusAnnouncer',
  component: TaskStatusAnnouncer,
  args: { visible: true, status: 'processing' },
} satisfies Meta<typeof TaskStatusAnnouncer>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Processing: Story = { args: { progress: 60 } };
export const Partial: Story = { args: { resultCount: 2, numberResults: 4 } };
export const Succeeded: Story = { args: { status: 'succeeded', resultCount: 4, numberResults: 4 } };
export const Failed: Story = { args: { status: 'failed', error: networkError() } };

/** Hidden by default: still a polite status region that speaks. */
export const SpokenOnly: Story = {
  args: { visible: false, status: 'queued' },
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('status');
    await expect(region).toHaveTextContent('Waiting in the queue.');
    await expect(region).toHaveAttribute('aria-live', 'polite');
  },
};
