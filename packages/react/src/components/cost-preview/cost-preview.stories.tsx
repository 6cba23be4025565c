import type { Meta, StoryObj } from '@storybook/react-vite';
import { CostPreview } from './cost-preview.js';

const meta = { title: 'Parts/CostPreview', component: CostPreview } satisfies Meta<typeof CostPreview>;
export default meta;
type Story = StoryObj<typeof meta>;

/** 864×480 for 6 s: the golden examples' size. */
export const Exact: Story = { args: { input: { width: 864, height: 480, duration: 6 } } };

/** With a frame image and a preset the size is not known: a range. */
export const Range: Story = { args: { input: { resolution: '1080p', frameImage: 'https://example.com/frame.png', duration: 5 } } };

export const FourVideos1080p: Story = { args: { input: { width: 1920, height: 1088, duration: 12, numberResults: 4 } } };

/** Over the server's per-task cap. */
export const OverCap: Story = { args: { input: { width: 1920, height: 1088, duration: 12, numberResults: 4 }, limits: { maxTaskCostUsd: 0.5 } } };

export const OverCapDark: Story = { ...OverCap, globals: { theme: 'dark' } };
