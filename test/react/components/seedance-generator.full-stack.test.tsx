import { SeedanceGenerator } from '@seedance-kit/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT, RENDER_TIMEOUT, startMswBackend, type MswBackend } from '../../support/seedance-backend.js';

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

// The one widget test on the full stack (msw → the real handler → the local Runware rendering a
// real file). Everything else is in seedance-generator.test.tsx on a fake client.
describe('SeedanceGenerator on the full stack', () => {
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
      // The same file, asked for from its first frame so the paused player shows a picture.
      expect(widget.querySelector('video')).toHaveAttribute('src', `${link.getAttribute('href')}#t=0.001`);
      await user.click(screen.getByRole('button', { name: 'Start over' }));
      expect(widget).toHaveAttribute('data-state', 'idle');
      expect(prompt()).toHaveValue('A paper boat drifting down a rainy street');
    },
    RENDER_TIMEOUT,
  );

});
