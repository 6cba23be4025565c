// How an app that uses the kit tests its own UI without a key, written only against the
// published entry points: the kit's msw handlers serve the real route with the local Runware.
import { SeedanceGenerator } from '@seedance-kit/react';
import { seedanceMswBackend } from '@seedance-kit/local-runware/msw';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// `promptFaults`: a `[fault:…]` prompt makes the local Runware send that answer.
const backend = seedanceMswBackend({ localRunware: { promptFaults: true } });
const server = setupServer(...backend.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  sessionStorage.clear();
});
afterAll(async () => {
  server.close();
  await backend.close();
});

/** The app under test: its own page around the kit's widget, on the default route. */
function App() {
  return (
    <main>
      <h1>Storyboard</h1>
      <SeedanceGenerator endpoint="http://localhost:3000/api/seedance" />
    </main>
  );
}

async function generate(prompt: string) {
  const user = userEvent.setup();
  render(<App />);
  screen.getByRole('slider', { name: 'Duration' }).focus();
  await user.keyboard('{Home}');
  await user.click(screen.getByRole('textbox', { name: 'Prompt' }));
  await user.paste(prompt);
  await user.click(screen.getByRole('button', { name: /Generat/ }));
}

describe('an app testing its UI with seedanceMswBackend', () => {
  it('gets a real video from the local Runware, with no key and no server', async () => {
    const before = backend.localRunware.stats.submitted;
    await generate('A kite over a beach at dawn');
    const link = await screen.findByRole('link', { name: 'Download the video' }, { timeout: 20_000 });
    expect(link.getAttribute('href')).toMatch(/\/api\/seedance\/files\//);
    expect(backend.localRunware.stats.submitted - before).toBe(1);
  }, 20_000);

  it('shows the message a user reads when Runware refuses the prompt', async () => {
    await generate('A kite over a beach at dusk [fault:error-in-data]');
    expect(await screen.findByText('The generated content was flagged as unsafe.', {}, { timeout: 20_000 })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Generate a video' })).toHaveAttribute('data-state', 'failed');
  }, 20_000);
});
