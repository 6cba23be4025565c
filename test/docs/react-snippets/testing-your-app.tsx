// app.test.tsx: your component, the kit's real route, the local Runware; no key, no server.
import { seedanceMswBackend } from '@seedance-kit/local-runware/msw';
import { SeedanceGenerator } from '@seedance-kit/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';

const backend = seedanceMswBackend({ localRunware: { promptFaults: true } });
const server = setupServer(...backend.handlers);
beforeAll(() => server.listen());
afterAll(async () => {
  server.close();
  await backend.close();
});

it('makes a video', async () => {
  const user = userEvent.setup();
  render(<SeedanceGenerator endpoint="http://localhost/api/seedance" />);
  await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'A kite over a beach');
  await user.click(screen.getByRole('button', { name: 'Generate video' }));
  expect(await screen.findByRole('link', { name: 'Download the video' }, { timeout: 20_000 })).toBeInTheDocument();
  expect(backend.localRunware.stats.submitted).toBe(1);
});
