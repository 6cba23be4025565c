import { DEFAULT_ERROR_MESSAGES } from '@seedance-kit/core';
import { ANSWER_SHAPES, type LocalRunwareAnswerShape } from '@seedance-kit/local-runware';
import { SeedanceGenerator } from '@seedance-kit/react';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT, LOCAL, RENDER_TIMEOUT, startMswBackend, type MswBackend } from '../../support/seedance-backend.js';

/**
 * Every answer shape Runware's SDKs read, sent by the local Runware on a `[fault:…]` prompt and
 * carried the whole way: Runware's answer → the Runware provider → the handler → the SSE
 * snapshot → the widget, checked by what the user reads.
 */
let backend: MswBackend;
beforeAll(() => {
  backend = startMswBackend({}, { ...LOCAL, promptFaults: true });
});
afterAll(() => backend.close());
afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

type Reads = { readonly ends: 'succeeded'; readonly nsfw?: boolean } | { readonly ends: 'failed'; readonly kind: string; readonly message: string; readonly videos?: number };
const VIDEO: Reads = { ends: 'succeeded' };
const failed = (kind: keyof typeof DEFAULT_ERROR_MESSAGES, message = DEFAULT_ERROR_MESSAGES[kind], videos = 0): Reads => ({ ends: 'failed', kind, message, videos });

const EXPECTED: Readonly<Record<LocalRunwareAnswerShape, Reads>> = {
  'empty-ack': VIDEO,
  queued: VIDEO,
  pending: VIDEO,
  scheduled: VIDEO,
  waiting: VIDEO,
  'unknown-status': VIDEO,
  'progress-frames': VIDEO,
  'no-task-type': VIDEO,
  'no-task-uuid': VIDEO,
  'no-status': VIDEO,
  nsfw: { ends: 'succeeded', nsfw: true },
  'error-in-data': failed('moderation', 'The generated content was flagged as unsafe.'),
  'error-without-detail': failed('provider'),
  'single-error': failed('provider'),
  'error-list': failed('provider'),
  'errors-dict': failed('provider'),
  'errors-beside-data': failed('provider', undefined, 1),
  'partial-failure': failed('provider', undefined, 1),
  'error-without-task': failed('provider'),
  // The key is cut out of the provider's words before they reach anyone.
  'key-echo': failed('validation', 'The key [redacted] was refused.'),
  'auth-401': failed('auth'),
  'auth-401-empty': failed('auth'),
  'forbidden-empty': failed('auth'),
  'ws-auth-error': failed('auth'),
  'legacy-error': failed('auth'),
};

const widget = () => screen.getByRole('region', { name: 'Generate a video' });

async function generate(prompt: string, videos = 1) {
  const user = userEvent.setup();
  render(<SeedanceGenerator endpoint={ENDPOINT} />);
  screen.getByRole('slider', { name: 'Duration' }).focus();
  await user.keyboard('{Home}');
  if (videos > 1) await user.click(screen.getByRole('radio', { name: String(videos) }));
  // Pasted: `[` starts a key name for user.type.
  await user.click(screen.getByRole('textbox', { name: 'Prompt' }));
  await user.paste(prompt);
  await user.click(screen.getByRole('button', { name: 'Generate video' }));
  await waitFor(() => expect(['succeeded', 'failed']).toContain(widget().getAttribute('data-state')), { timeout: RENDER_TIMEOUT });
}

/** The task the widget made last, as the handler stored it. */
async function lastRecord() {
  const id = backend.seen.map((line) => /^GET \/api\/seedance\/tasks\/([^/]+)\/events$/.exec(line)?.[1]).filter(Boolean).at(-1) as string;
  return backend.handler.store.get(id);
}

describe('each Runware answer shape, from the local Runware to the words in the widget', () => {
  it('covers every shape the local Runware can send', () => expect(Object.keys(EXPECTED).sort()).toEqual([...ANSWER_SHAPES].sort()));

  it.each(ANSWER_SHAPES.map((shape) => [shape, EXPECTED[shape]] as const))(
    '%s',
    async (shape, reads) => {
      // Two videos where one arriving must not end the task before the error does.
      await generate(`A heron by the river [fault:${shape}]`, shape === 'partial-failure' || shape === 'errors-beside-data' ? 2 : 1);
      expect(widget()).toHaveAttribute('data-state', reads.ends);
      if (reads.ends === 'succeeded') {
        expect(screen.getByRole('link', { name: 'Download the video' })).toBeInTheDocument();
        if (reads.nsfw) expect(widget()).toHaveTextContent('Flagged by the content check');
        else expect(widget()).not.toHaveTextContent('Flagged by the content check');
        return;
      }
      const shown = widget().querySelector('[data-seedance-part="result-error-message"]');
      expect(shown).toHaveTextContent(reads.message);
      expect(widget().textContent).not.toMatch(/account 4242|my\.runware\.ai/);
      const record = await lastRecord();
      expect(record?.state.error?.kind).toBe(reads.kind);
      expect(record?.state.results).toHaveLength(reads.videos ?? 0);
    },
    RENDER_TIMEOUT,
  );

  it(
    'an error code rides on the prompt: [fault:error-in-data=modelNotReady] is a provider failure',
    async () => {
      await generate('A heron by the river [fault:error-in-data=modelNotReady]');
      expect(widget().querySelector('[data-seedance-part="result-error-message"]')).toHaveTextContent(DEFAULT_ERROR_MESSAGES.provider);
      expect((await lastRecord())?.state.error).toMatchObject({ kind: 'provider', code: 'modelNotReady', retryable: true });
    },
    RENDER_TIMEOUT,
  );
});
