import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { canvasImageFile } from '../internal/story-images.js';
import { SeedanceGenerator } from './seedance-generator.js';

/**
 * The drop-in widget against the real backend: Storybook's dev server mounts the kit's handler
 * at /api/seedance (see .storybook/seedance-api-plugin.ts) with the embedded local Runware, which
 * renders real videos with ffmpeg. Prompts with a `[fault:…]` marker make the simulator fail in
 * that way.
 */
const meta = {
  title: 'Widget/SeedanceGenerator',
  component: SeedanceGenerator,
  args: { endpoint: '/api/seedance' },
  parameters: { seedanceScope: false },
  // A task left running by another story must not be resumed from sessionStorage here.
  beforeEach: () => sessionStorage.clear(),
  render: (args, { globals }) => <SeedanceGenerator {...args} data-theme={globals.theme === 'dark' ? 'dark' : 'light'} />,
} satisfies Meta<typeof SeedanceGenerator>;
export default meta;
type Story = StoryObj<typeof meta>;

const VIDEO_TIMEOUT = { timeout: 30_000 };

async function fillPrompt(canvas: ReturnType<typeof within>, text: string) {
  const prompt = canvas.getByRole('textbox', { name: 'Prompt' });
  await userEvent.click(prompt);
  await userEvent.paste(text);
}

/** The shortest video keeps renders quick: Home on the duration slider. */
async function shortest(canvas: ReturnType<typeof within>) {
  canvas.getByRole('slider', { name: 'Duration' }).focus();
  await userEvent.keyboard('{Home}');
}

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'Generate a video' })).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Generate video' })).toBeInTheDocument();
    await expect(canvas.getByText('Your videos will appear here.')).toBeInTheDocument();
  },
};

/** Generate with no prompt: nothing is sent, the summary is announced, focus goes to the prompt. */
export const Invalid: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
    const prompt = canvas.getByRole('textbox', { name: 'Prompt' });
    await waitFor(() => expect(prompt).toHaveFocus());
    await expect(prompt).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByRole('alert')).toHaveTextContent('1 setting needs attention.');
    await expect(canvas.getByText('Your videos will appear here.')).toBeInTheDocument();
  },
};

/** Type, Ctrl+Enter, watch it queue and render, then play the real file. */
export const GeneratesAVideo: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await shortest(canvas);
    await fillPrompt(canvas, 'A paper lantern drifting over a moonlit desert');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await expect(await canvas.findByRole('progressbar', { name: 'Progress' })).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    const download = await canvas.findByRole('link', { name: 'Download the video' }, VIDEO_TIMEOUT);
    await expect(download.getAttribute('href')).toMatch(/\/api\/seedance\/files\//);
    await expect(canvas.getByText(/^Seed \d+$/)).toBeInTheDocument();
    await expect(canvas.getByRole('status')).toHaveTextContent('Your video is ready.');
    const video = canvasElement.querySelector('video') as HTMLVideoElement;
    await waitFor(() => expect(video.readyState).toBeGreaterThanOrEqual(1), VIDEO_TIMEOUT);
    await expect(video.videoWidth).toBe(864);
    await userEvent.click(canvas.getByRole('button', { name: 'Start over' }));
    await expect(canvas.getByText('Your videos will appear here.')).toBeInTheDocument();
    // Start over leaves with the task: focus goes to Generate, not to <body>.
    await expect(document.activeElement).toBe(canvas.getByRole('button', { name: 'Generate video' }));
  },
};

/** The task ends while focus is on Cancel, which then goes away: focus moves to the results heading. */
export const FinishesWhileOnCancel: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await shortest(canvas);
    await fillPrompt(canvas, 'A kite rising over a green hill');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
    const cancel = await canvas.findByRole('button', { name: 'Cancel' });
    cancel.focus();
    await expect(document.activeElement).toBe(cancel);
    await canvas.findByRole('link', { name: 'Download the video' }, VIDEO_TIMEOUT);
    await expect(canvas.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    await expect(document.activeElement).toBe(canvas.getByRole('heading', { name: 'Videos' }));
  },
};

/** Four videos from one task: slots fill as each result arrives. */
export const FourVideos: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await shortest(canvas);
    await userEvent.click(canvas.getByRole('radio', { name: '4' }));
    await fillPrompt(canvas, 'Four fireflies circling a lantern, each a different colour');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
    await waitFor(() => expect(canvas.getAllByRole('link', { name: /Download video \d of 4/ })).toHaveLength(4), VIDEO_TIMEOUT);
    await expect(canvas.getByRole('status')).toHaveTextContent('4 videos are ready.');
    const seeds = canvas.getAllByText(/^Seed \d+$/).map((node) => node.textContent);
    await expect(new Set(seeds).size).toBe(4);
  },
};

/** A first frame image: "Like the image" keeps its aspect ratio; the server renders from it. */
export const WithFrameImage: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvasElement.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, await canvasImageFile(720, 960, 'image/jpeg', 'portrait.jpg'));
    await expect(await canvas.findByRole('img', { name: 'First frame preview' })).toBeVisible();
    await userEvent.click(canvas.getByRole('radio', { name: 'Like the image' }));
    await expect(canvas.getByText('The aspect ratio follows the first frame image.')).toBeInTheDocument();
    await shortest(canvas);
    await fillPrompt(canvas, 'The lantern in the picture starts to glow and sway');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
    await canvas.findByRole('link', { name: 'Download the video' }, VIDEO_TIMEOUT);
    const video = canvasElement.querySelector('video') as HTMLVideoElement;
    await waitFor(() => expect(video.readyState).toBeGreaterThanOrEqual(1), VIDEO_TIMEOUT);
    // A 3:4 image at 480p: the 3:4 pair of the spec.
    await expect([video.videoWidth, video.videoHeight]).toEqual([544, 736]);
  },
};

/** Cancel while it runs: the kit stops waiting, says the video may still be made and billed, and offers a retry. */
export const Cancelled: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await fillPrompt(canvas, 'A slow sunrise over dunes, to be cancelled');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Cancel' }));
    await expect(await canvas.findByText('Stopped waiting. The video may still be made and billed.')).toBeInTheDocument();
    // Cancel is gone: focus went to Generate, not to <body>.
    await expect(document.activeElement).toBe(canvas.getByRole('button', { name: 'Generate video' }));
    await expect(canvas.getByText('Stopped waiting. The video service cannot cancel, so the video may still be made and billed.')).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  },
};

/** The provider refuses the content: the reason is shown, no retry offered (it cannot help). */
export const ModerationError: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await shortest(canvas);
    await fillPrompt(canvas, 'A dancer under the moon [fault:moderation]');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
    await expect(await canvas.findByText('The video could not be made', undefined, VIDEO_TIMEOUT)).toBeInTheDocument();
    await expect(canvasElement.querySelector('[data-seedance-part="result-error"]')).toHaveAttribute('data-kind', 'moderation');
    await expect(canvas.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  },
};

/** The provider gives up on a task: a timeout, which a retry may fix. */
export const TimeoutError: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await shortest(canvas);
    await fillPrompt(canvas, 'A caravan crossing the dunes [fault:timeout]');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
    await expect(await canvas.findByText('The video could not be made', undefined, VIDEO_TIMEOUT)).toBeInTheDocument();
    // Try again goes away as the new run starts: focus goes to the results heading, not to <body>.
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(canvas.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    await expect(document.activeElement).toBe(canvas.getByRole('heading', { name: 'Videos' }));
  },
};

/** Out of credits at the provider: said plainly, no retry. */
export const CreditsError: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await fillPrompt(canvas, 'A festival at night [fault:credits]');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
    await expect(await canvas.findByText('The video could not be made', undefined, VIDEO_TIMEOUT)).toBeInTheDocument();
    await expect(canvasElement.querySelector('[data-seedance-part="result-error"]')).toHaveAttribute('data-kind', 'credits');
  },
};

/** The whole form open, in the dark theme (axe checks its contrast). */
export const DarkAdvancedOpen: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Advanced settings' }));
    await expect(canvas.getByRole('switch', { name: 'Fixed camera' })).toBeVisible();
    await fillPrompt(canvas, 'Lanterns over a dark lake');
  },
};

/** Without the `seedance` class the stylesheet does not apply: bring your own styles. */
export const Unstyled: Story = { args: { unstyled: true } };

const backgroundOf = (element: Element) => getComputedStyle(element).backgroundColor;
const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(17, 17, 23)';

/**
 * The widget follows the host page: light by default, even when the OS is dark (the Storybook
 * tests run Chromium with a dark color scheme); dark under `data-theme="dark"` on an ancestor;
 * the OS's choice with `theme="auto"`.
 */
export const FollowsTheHostPage: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <SeedanceGenerator {...args} messages={{ generatorTitle: 'Default' }} hide={['frameImage', 'advanced']} />
      <div data-theme="dark">
        <SeedanceGenerator {...args} taskKey="dark" messages={{ generatorTitle: 'Dark page' }} hide={['frameImage', 'advanced']} />
      </div>
      <SeedanceGenerator {...args} taskKey="auto" theme="auto" messages={{ generatorTitle: 'Auto' }} hide={['frameImage', 'advanced']} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const osDark = matchMedia('(prefers-color-scheme: dark)').matches;
    await expect(backgroundOf(canvas.getByRole('region', { name: 'Default' }))).toBe(LIGHT_BG);
    await expect(backgroundOf(canvas.getByRole('region', { name: 'Dark page' }))).toBe(DARK_BG);
    await expect(backgroundOf(canvas.getByRole('region', { name: 'Auto' }))).toBe(osDark ? DARK_BG : LIGHT_BG);
  },
};

/** An app's own words, starting values, a heading level and sections left out, with a brand colour in `style`. */
export const AppProps: Story = {
  args: {
    messages: { generatorTitle: 'New clip', submit: 'Render clip' },
    defaults: { positivePrompt: 'A red fox running through fresh snow', duration: 4, numberResults: 2 },
    hide: ['frameImage'],
    headingLevel: 3,
    style: { '--seedance-accent': '#0f766e', '--seedance-accent-hover': '#115e59', maxWidth: 1100 },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { level: 3, name: 'New clip' })).toBeInTheDocument();
    await expect(canvas.getByRole('heading', { level: 4, name: 'Videos' })).toBeInTheDocument();
    await expect(canvas.getByRole('textbox', { name: 'Prompt' })).toHaveValue('A red fox running through fresh snow');
    await expect(canvas.queryByRole('group', { name: /First frame image/ })).not.toBeInTheDocument();
    await expect(backgroundOf(canvas.getByRole('button', { name: 'Render clip' }))).toBe('rgb(15, 118, 110)');
  },
};
