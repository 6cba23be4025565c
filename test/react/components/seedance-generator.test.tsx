import { SeedanceGenerator, SeedanceProvider } from '@seedance-kit/react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT, RENDER_TIMEOUT, startMswBackend, type MswBackend } from '../hooks/seedance-backend.js';

// The real handler (with its local Runware rendering real files) answers every request.
let backend: MswBackend;
beforeAll(() => {
  backend = startMswBackend();
});
afterAll(() => backend.close());
afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

const prompt = () => screen.getByRole('textbox', { name: 'Prompt' });

async function shortest(user: ReturnType<typeof userEvent.setup>) {
  screen.getByRole('slider', { name: 'Duration' }).focus();
  await user.keyboard('{Home}');
}

describe('SeedanceGenerator', () => {
  it('renders every setting as a labelled control, styled by the seedance class', () => {
    render(<SeedanceGenerator endpoint={ENDPOINT} className="mine" />);
    const widget = screen.getByRole('region', { name: 'Generate a video' });
    expect(widget).toHaveClass('seedance', 'mine');
    expect(widget).toHaveAttribute('data-state', 'idle');
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
    const user = userEvent.setup();
    render(<SeedanceGenerator endpoint={ENDPOINT} />);
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
    // Use URL is skipped while empty (disabled); in the advanced settings each control is one more stop.
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
    render(<SeedanceGenerator endpoint={ENDPOINT} unstyled />);
    expect(screen.getByRole('region', { name: 'Generate a video' })).not.toHaveClass('seedance');
  });

  it('refuses an empty prompt: nothing sent, the summary alerts, focus goes to the prompt', async () => {
    const user = userEvent.setup();
    render(<SeedanceGenerator endpoint={ENDPOINT} />);
    const before = backend.submitted();
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await waitFor(() => expect(prompt()).toHaveFocus());
    expect(prompt()).toHaveAttribute('aria-invalid', 'true');
    expect(prompt()).toHaveAccessibleDescription(/Prompt must be at least 2 characters/);
    expect(screen.getByRole('alert')).toHaveTextContent('1 setting needs attention.');
    expect(backend.submitted()).toBe(before);
  });

  it(
    'generates a real video on Ctrl+Enter, once however often Generate is pressed',
    async () => {
      const user = userEvent.setup();
      render(<SeedanceGenerator endpoint={ENDPOINT} />);
      const before = backend.submitted();
      await shortest(user);
      await user.click(prompt());
      await user.paste('A paper boat drifting down a rainy street');
      await user.keyboard('{Control>}{Enter}{/Control}');
      const generate = screen.getByRole('button', { name: /Generat/ });
      await user.click(generate);
      await user.click(generate);
      const link = await screen.findByRole('link', { name: 'Download the video' }, { timeout: RENDER_TIMEOUT });
      expect(link.getAttribute('href')).toMatch(/\/files\//);
      expect(backend.submitted() - before).toBe(1);
      const widget = screen.getByRole('region', { name: 'Generate a video' });
      expect(widget).toHaveAttribute('data-state', 'succeeded');
      expect(within(widget).getByText(/^Seed \d+$/)).toBeInTheDocument();
      expect(screen.getByRole('status')).toHaveTextContent('Your video is ready.');
      expect(widget.querySelector('video')).toHaveAttribute('src', link.getAttribute('href'));
      await user.click(screen.getByRole('button', { name: 'Start over' }));
      expect(widget).toHaveAttribute('data-state', 'idle');
      expect(prompt()).toHaveValue('A paper boat drifting down a rainy street');
    },
    RENDER_TIMEOUT,
  );

  it(
    'sends the advanced settings the user chose',
    async () => {
      const user = userEvent.setup();
      render(<SeedanceGenerator endpoint={ENDPOINT} />);
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
      await waitFor(() => expect(screen.getAllByRole('link', { name: /Download video \d of 2/ })).toHaveLength(2), { timeout: RENDER_TIMEOUT });
      // What the handler stored is what the widget sent: every chosen setting, the seed exact.
      const id = backend.seen.map((line) => /^GET \/api\/seedance\/tasks\/([^/]+)\/events$/.exec(line)?.[1]).filter(Boolean).at(-1) as string;
      const record = await backend.handler.store.get(id);
      expect(record?.input).toMatchObject({
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
    },
    RENDER_TIMEOUT,
  );

  it('uses a SeedanceProvider above it instead of its own endpoint', async () => {
    const user = userEvent.setup();
    render(
      <SeedanceProvider endpoint={ENDPOINT} storage={null}>
        <SeedanceGenerator endpoint="http://localhost:3000/not-here" />
      </SeedanceProvider>,
    );
    await user.type(prompt(), 'A slow tide [hold]');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Generate a video' })).toHaveAttribute('data-state', 'cancelled'));
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(backend.seen.some((line) => line.startsWith('POST /api/seedance/tasks/') && line.endsWith('/cancel'))).toBe(true);
  });
});
