import { SeedanceGenerator, SeedanceProvider, videoFileName, type SeedanceCSSVariables } from '@seedance-kit/react';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CSSProperties } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSeedanceClient, type FakeSeedanceClient } from '../../support/fake-seedance-client.js';

// The widget's own props, as an app passes them; the in-memory client and fake timers.
let fake: FakeSeedanceClient;
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  fake = createFakeSeedanceClient();
});
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.useRealTimers();
});

const setup = () => userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
const elapse = (ms = 5_000) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('SeedanceGenerator props', () => {
  it('runs without a SeedanceProvider around it, on the client it is given', async () => {
    const user = setup();
    render(<SeedanceGenerator client={fake} defaults={{ duration: 1.2 }} />);
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'A red fox running through snow');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await elapse();
    expect(fake.creates).toHaveLength(1);
    // Downloads are named from the prompt's first words and the video's short id, not a bare UUID.
    const link = await screen.findByRole('link', { name: 'Download the video' });
    expect(link.getAttribute('download')).toMatch(/^a-red-fox-running-through-snow-[0-9a-z-]{8}\.mp4$/);
  });

  it('names a file from any language’s words, in the format asked for', () => {
    const result = { videoUUID: '1a2b3c4d-0000-4000-8000-000000000000', videoURL: 'https://cdn.example/v.webm' };
    expect(videoFileName(result, { positivePrompt: 'Ein Fuchs läuft! Über den Schnee, schnell und leise', outputFormat: 'WEBM' })).toBe(
      'ein-fuchs-läuft-über-den-schnee-1a2b3c4d.webm',
    );
    expect(videoFileName(result)).toBe('1a2b3c4d.mp4');
  });

  it('replaces strings with `messages`, laid over the provider’s', () => {
    render(
      <SeedanceProvider client={fake} storage={null} messages={{ submit: 'Render', resultsLabel: 'Takes' }}>
        <SeedanceGenerator messages={{ generatorTitle: 'New clip', submit: 'Make it' }} />
      </SeedanceProvider>,
    );
    expect(screen.getByRole('region', { name: 'New clip' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Make it' })).toBeInTheDocument();
    // What the widget does not replace still comes from the provider, then the English defaults.
    expect(screen.getByRole('heading', { name: 'Takes' })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: 'Duration' })).toBeInTheDocument();
  });

  it('starts the form from `defaults` and sends them', async () => {
    const user = setup();
    render(<SeedanceGenerator client={fake} defaults={{ positivePrompt: 'Lanterns over a lake', duration: 3, numberResults: 2 }} />);
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('Lanterns over a lake');
    expect(screen.getByRole('slider', { name: 'Duration' })).toHaveAttribute('aria-valuenow', '3');
    expect(screen.getByRole('radio', { name: '2' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await elapse(50);
    expect(fake.creates[0]?.input).toMatchObject({ positivePrompt: 'Lanterns over a lake', duration: 3, numberResults: 2 });
  });

  it('keeps its task under `taskKey`: two widgets on one page run their own tasks', async () => {
    const user = setup();
    render(
      <SeedanceProvider client={fake}>
        <SeedanceGenerator taskKey="hero" messages={{ generatorTitle: 'Hero' }} defaults={{ positivePrompt: `A slow river [hold]` }} />
        <SeedanceGenerator taskKey="teaser" messages={{ generatorTitle: 'Teaser' }} />
      </SeedanceProvider>,
    );
    const hero = screen.getByRole('region', { name: 'Hero' });
    const teaser = screen.getByRole('region', { name: 'Teaser' });
    await user.click(screen.getAllByRole('button', { name: 'Generate video' })[0]!);
    await elapse(500);
    expect(hero).toHaveAttribute('data-state', 'processing');
    expect(teaser).toHaveAttribute('data-state', 'idle');
    // The running task is kept for a reload under its own key only.
    expect(Object.keys(sessionStorage)).toEqual(['seedance-kit:task:hero']);
  });

  it('leaves out the sections named in `hide`', () => {
    render(<SeedanceGenerator client={fake} hide={['frameImage', 'advanced']} />);
    expect(screen.queryByRole('group', { name: /First frame image/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Advanced settings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('switch', { name: 'Fixed camera' })).not.toBeInTheDocument();
    expect(screen.getByRole('slider', { name: 'Duration' })).toBeInTheDocument();
  });

  it('puts its title at `headingLevel` and the results heading one below', () => {
    render(<SeedanceGenerator client={fake} headingLevel={3} />);
    expect(screen.getByRole('heading', { level: 3, name: 'Generate a video' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 4, name: 'Videos' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 2 })).not.toBeInTheDocument();
  });

  it('takes the stylesheet’s variables in a typed `style`, and a `theme`', () => {
    const style: CSSProperties & SeedanceCSSVariables = { '--seedance-accent': '#0f766e', maxWidth: 960 };
    render(<SeedanceGenerator client={fake} theme="auto" style={style} />);
    const widget = screen.getByRole('region', { name: 'Generate a video' });
    expect(widget.style.getPropertyValue('--seedance-accent')).toBe('#0f766e');
    expect(widget.style.maxWidth).toBe('960px');
    expect(widget).toHaveAttribute('data-theme', 'auto');
  });
});
