import { memoryTaskStorage, type VideoTaskState } from '@seedance-kit/core';
import { SeedanceGenerator, SeedanceProvider } from '@seedance-kit/react';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSeedanceClient, type FakeSeedanceClient } from '../../support/fake-seedance-client.js';

// The widget on an in-memory client and fake timers: no server, no ffmpeg. One generation on the
// real stack is in seedance-generator.full-stack.test.tsx.
let fake: FakeSeedanceClient;
beforeEach(() => {
  // shouldAdvanceTime: user-event and Radix keep their own small waits; the fake server only moves when told.
  vi.useFakeTimers({ shouldAdvanceTime: true });
  fake = createFakeSeedanceClient();
});
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.useRealTimers();
});

const renderWidget = (props: Parameters<typeof SeedanceGenerator>[0] = {}) =>
  render(
    <SeedanceProvider client={fake} storage={null}>
      <SeedanceGenerator {...props} />
    </SeedanceProvider>,
  );
/** The widget on a storage that outlives a "reload" (unmount, then render `page()` again). */
function reloadablePage() {
  const storage = memoryTaskStorage();
  return () => (
    <SeedanceProvider client={fake} storage={storage}>
      <SeedanceGenerator />
    </SeedanceProvider>
  );
}
const setup = () => userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
const prompt = () => screen.getByRole('textbox', { name: 'Prompt' });
const widget = () => screen.getByRole('region', { name: 'Generate a video' });
const elapse = (ms = 5_000) => act(() => vi.advanceTimersByTimeAsync(ms));

async function shortest(user: ReturnType<typeof setup>) {
  screen.getByRole('slider', { name: 'Duration' }).focus();
  await user.keyboard('{Home}');
}

describe('SeedanceGenerator', () => {
  it('renders every setting as a labelled control, styled by the seedance class', () => {
    renderWidget({ className: 'mine' });
    expect(widget()).toHaveClass('seedance', 'mine');
    expect(widget()).toHaveAttribute('data-state', 'idle');
    expect(prompt()).toBeRequired();
    expect(screen.getByRole('group', { name: /First frame image/ })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Size' })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: 'Duration' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Number of videos' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Advanced settings' })).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('group', { name: 'Estimated cost' })).toHaveTextContent('An estimate.');
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('can be used from the keyboard alone: one tab stop per control, in reading order', async () => {
    const user = setup();
    renderWidget();
    const stops: string[] = [];
    for (let i = 0; i < 9; i++) {
      await user.tab();
      const el = document.activeElement as HTMLElement;
      stops.push(`${el.getAttribute('role') ?? el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent ?? ''}`);
    }
    expect(stops).toEqual([
      'textarea:',
      'button:Choose a file',
      'input:',
      'radio:480p',
      'radio:16:9',
      'slider:',
      'radio:1',
      'button:Advanced settings',
      'button:Generate video',
    ]);
    await user.click(screen.getByRole('button', { name: 'Advanced settings' }));
    screen.getByRole('button', { name: 'Advanced settings' }).focus();
    const advanced: string[] = [];
    for (let i = 0; i < 5; i++) {
      await user.tab();
      const el = document.activeElement as HTMLElement;
      advanced.push(`${el.getAttribute('role') ?? el.tagName.toLowerCase()}:${el.textContent ?? ''}`);
    }
    expect(advanced).toEqual(['radio:Random', 'switch:', 'radio:MP4', 'slider:', 'radio:Off']);
  });

  it('has no seedance class when unstyled', () => {
    renderWidget({ unstyled: true });
    expect(widget()).not.toHaveClass('seedance');
  });

  it('refuses an empty prompt: nothing sent, the summary alerts, focus goes to the prompt', async () => {
    const user = setup();
    renderWidget();
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await elapse(10);
    expect(prompt()).toHaveFocus();
    expect(prompt()).toHaveAttribute('aria-invalid', 'true');
    expect(prompt()).toHaveAccessibleDescription(/Prompt must be at least 2 characters/);
    expect(screen.getByRole('alert')).toHaveTextContent('1 setting needs attention.');
    expect(fake.creates).toHaveLength(0);
  });

  it('shows a field error from its first blur, not its first keystroke', async () => {
    const user = setup();
    renderWidget();
    await user.type(prompt(), 'A');
    expect(prompt()).not.toHaveAttribute('aria-invalid');
    await user.tab();
    expect(prompt()).toHaveAttribute('aria-invalid', 'true');
  });

  it('after a refused submit, the summary names each setting and takes the user to it, opening the advanced settings', async () => {
    const user = setup();
    renderWidget();
    await user.click(screen.getByRole('button', { name: 'Advanced settings' }));
    await user.click(screen.getByRole('radio', { name: 'Fixed' }));
    const seed = screen.getByRole('textbox', { name: 'Seed value' });
    await user.clear(seed);
    await user.type(seed, 'abc');
    await user.click(screen.getByRole('button', { name: 'Advanced settings' }));
    expect(screen.queryByRole('textbox', { name: 'Seed value' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    expect(fake.creates).toHaveLength(0);
    expect(screen.getByRole('alert')).toHaveTextContent('2 settings need attention.');
    const summary = screen.getByRole('list', { name: '2 settings need attention.' });
    const links = within(summary).getAllByRole('button');
    expect(links.map((link) => link.textContent)).toEqual([expect.stringMatching(/^Prompt/), expect.stringMatching(/[Ss]eed/)]);
    await elapse(10);
    expect(prompt()).toHaveFocus();

    await user.click(links[1] as HTMLElement);
    await elapse(10);
    expect(screen.getByRole('textbox', { name: 'Seed value' })).toHaveFocus();
    await user.click(within(summary).getAllByRole('button')[0] as HTMLElement);
    await elapse(10);
    expect(prompt()).toHaveFocus();
  });

  it('generates on Ctrl+Enter, once however often Generate is pressed, with the seed it drew', async () => {
    const user = setup();
    renderWidget();
    await shortest(user);
    await user.click(prompt());
    await user.paste('A paper boat drifting down a rainy street');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const generate = screen.getByRole('button', { name: /Generat/ });
    await user.click(generate);
    await user.click(generate);
    await elapse();
    const link = screen.getByRole('link', { name: 'Download the video' });
    expect(link.getAttribute('href')).toMatch(/\/files\//);
    expect(fake.submitted()).toBe(1);
    expect(fake.creates).toHaveLength(1);
    // 'random' was drawn once, before sending: the request carried it and the result shows it.
    const drawn = fake.creates[0]?.input.seed;
    expect(drawn).toMatch(/^\d+$/);
    expect(widget()).toHaveAttribute('data-state', 'succeeded');
    expect(within(widget()).getByText(`Seed ${drawn}`)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your video is ready.');
    await user.click(screen.getByRole('button', { name: 'Start over' }));
    expect(widget()).toHaveAttribute('data-state', 'idle');
    expect(prompt()).toHaveValue('A paper boat drifting down a rainy street');
  });

  it('sends the advanced settings the user chose', async () => {
    const user = setup();
    renderWidget();
    await shortest(user);
    await user.type(prompt(), 'A lantern festival');
    await user.click(screen.getByRole('radio', { name: '2' }));
    await user.click(screen.getByRole('button', { name: 'Advanced settings' }));
    await user.click(screen.getByRole('radio', { name: 'Fixed' }));
    const seed = screen.getByRole('textbox', { name: 'Seed value' });
    await user.clear(seed);
    await user.paste('9223372036854775807');
    await user.click(screen.getByRole('switch', { name: 'Fixed camera' }));
    await user.click(screen.getByRole('radio', { name: 'WEBM' }));
    await user.click(screen.getByRole('radio', { name: 'Full' }));
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await elapse();
    expect(screen.getAllByRole('link', { name: /Download video \d of 2/ })).toHaveLength(2);
    expect(fake.creates[0]?.input).toMatchObject({
      positivePrompt: 'A lantern festival',
      width: 864,
      height: 480,
      duration: 1.2,
      numberResults: 2,
      seed: '9223372036854775807',
      cameraFixed: true,
      outputFormat: 'WEBM',
      checkContent: true,
      safetyMode: 'full',
    });
    const links = screen.getAllByRole('link', { name: /Download video/ });
    expect(links.every((a) => /\.webm(\?|$)/.test(a.getAttribute('href') ?? ''))).toBe(true);
    expect(screen.getAllByText(/^Seed \d+$/).map((n) => n.textContent)).toContain('Seed 9223372036854775807');
  });

  it('uses a SeedanceProvider above it instead of its own endpoint, and cancels', async () => {
    const user = setup();
    renderWidget({ endpoint: 'http://localhost:3000/not-here' });
    await user.type(prompt(), 'A slow tide [hold]');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await elapse(200);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await elapse(10);
    expect(widget()).toHaveAttribute('data-state', 'cancelled');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(fake.cancels).toHaveLength(1);
  });

  it('tells the app through its callbacks: each video, the statuses, success and settled, once each', async () => {
    const user = setup();
    const onSuccess = vi.fn();
    const onSettled = vi.fn();
    const onResult = vi.fn();
    const onStatusChange = vi.fn<(task: VideoTaskState) => void>();
    const onError = vi.fn();
    renderWidget({ onSuccess, onSettled, onResult, onStatusChange, onError });
    await shortest(user);
    await user.click(screen.getByRole('radio', { name: '2' }));
    await user.type(prompt(), 'Two lanterns');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await elapse();
    expect(widget()).toHaveAttribute('data-state', 'succeeded');
    expect(onResult).toHaveBeenCalledTimes(2);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({ status: 'succeeded', results: [expect.anything(), expect.anything()] });
    expect(onSettled).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
    expect(onStatusChange.mock.calls.map(([task]) => task.status)).toEqual(['submitting', 'queued', 'processing', 'succeeded']);
  });

  it('after a reload, the resumed task brings its values back into the form, and its slots take the video shape', async () => {
    const user = setup();
    const page = reloadablePage();
    const first = render(page());
    await user.click(prompt());
    await user.paste('A heron in the reeds [hold]');
    await user.click(screen.getByRole('radio', { name: '9:16' }));
    await user.click(screen.getByRole('radio', { name: '3' }));
    screen.getByRole('slider', { name: 'Duration' }).focus();
    await user.keyboard('{End}');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await elapse(200);
    first.unmount();

    render(page());
    await elapse(50);
    expect(widget()).toHaveAttribute('data-state', 'processing');
    expect(prompt()).toHaveValue('A heron in the reeds [hold]');
    expect(screen.getByRole('radio', { name: '9:16' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '3' })).toBeChecked();
    expect(screen.getByRole('slider', { name: 'Duration' })).toHaveAttribute('aria-valuenow', '12');
    // The seed stays the form's own ('random'): the resumed task's drawn seed shows on its videos.
    await user.click(screen.getByRole('button', { name: 'Advanced settings' }));
    expect(screen.getByRole('radio', { name: 'Random' })).toBeChecked();
    const list = within(widget()).getByRole('list');
    expect(list).toHaveAttribute('data-orientation', 'portrait');
    const slots = within(list).getAllByRole('group');
    expect(slots).toHaveLength(3);
    for (const slot of slots) expect(slot.style.getPropertyValue('--seedance-result-aspect')).toBe(String(480 / 864));
  });

  it('a resumed task does not overwrite what the user already changed', async () => {
    const user = setup();
    const page = reloadablePage();
    const first = render(page());
    await user.click(prompt());
    await user.paste('A heron [hold]');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await elapse(200);
    first.unmount();
    // The resumed page cannot reach the task at first: the user starts typing meanwhile.
    fake.offline = true;
    render(page());
    await user.type(prompt(), 'Mine');
    await elapse(50);
    expect(widget()).toHaveAttribute('data-state', 'failed');
    // Back online, Try again follows the same task: it reports its values, the form keeps the user's.
    fake.offline = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await elapse(50);
    expect(widget()).toHaveAttribute('data-state', 'processing');
    expect(fake.submitted()).toBe(1);
    expect(prompt()).toHaveValue('Mine');
  });

  describe('keeps focus on a labelled target when the control that had it goes away', () => {
    const generate = () => screen.getByRole('button', { name: /Generat/ });
    const resultsHeading = () => screen.getByRole('heading', { name: 'Videos' });

    it('after Cancel: Generate; after Try again: the results heading; after Start over: Generate', async () => {
      const user = setup();
      renderWidget();
      await user.type(prompt(), 'A slow tide [hold]');
      await user.click(generate());
      await elapse(200);
      await user.click(screen.getByRole('button', { name: 'Cancel' }));
      expect(document.activeElement).toBe(generate());
      await user.click(screen.getByRole('button', { name: 'Try again' }));
      expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
      expect(document.activeElement).toBe(resultsHeading());
      await user.click(screen.getByRole('button', { name: 'Cancel' }));
      await user.click(screen.getByRole('button', { name: 'Start over' }));
      expect(widget()).toHaveAttribute('data-state', 'idle');
      expect(document.activeElement).toBe(generate());
    });

    it('when the task ends while focus is on Cancel: the results heading', async () => {
      const user = setup();
      renderWidget();
      await shortest(user);
      await user.type(prompt(), 'A kite rising');
      await user.click(generate());
      await elapse(50);
      screen.getByRole('button', { name: 'Cancel' }).focus();
      await elapse();
      expect(widget()).toHaveAttribute('data-state', 'succeeded');
      expect(resultsHeading()).toHaveAttribute('tabindex', '-1');
      expect(document.activeElement).toBe(resultsHeading());
    });
  });
});
