import { seedanceProFast } from '@seedance-kit/core';
import { SeedField } from '@seedance-kit/react';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);
const INT64_MAX = seedanceProFast.seed.max.toString();

describe('SeedField', () => {
  it('starts random with no text field', () => {
    render(<SeedField />);
    expect(screen.getByRole('group', { name: 'Seed' })).toHaveAttribute('data-state', 'random');
    expect(screen.getByRole('radio', { name: 'Random' })).toBeChecked();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('switching to fixed fills a random uint32 seed to keep or edit', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<SeedField onValueChange={onValueChange} />);
    await user.click(screen.getByRole('radio', { name: 'Fixed' }));
    const input = screen.getByRole('textbox', { name: 'Seed value' });
    const drawn = onValueChange.mock.lastCall?.[0] as string;
    expect(drawn).toMatch(/^\d+$/);
    expect(BigInt(drawn) <= BigInt(seedanceProFast.seed.randomMax)).toBe(true);
    expect(input).toHaveValue(drawn);
    expect(input).toHaveAccessibleDescription('The same seed and settings make a similar video.');
  });

  it('keeps an int64 seed exact as text', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<SeedField defaultValue="1" onValueChange={onValueChange} />);
    const input = screen.getByRole('textbox');
    await user.clear(input);
    await user.type(input, INT64_MAX);
    expect(onValueChange).toHaveBeenLastCalledWith(INT64_MAX);
    expect(input).toHaveValue(INT64_MAX);
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('refuses a seed beyond int64 and non-digits with core’s messages', async () => {
    const user = userEvent.setup();
    render(<SeedField defaultValue={(seedanceProFast.seed.max + 1n).toString()} />);
    const input = screen.getByRole('textbox');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(new RegExp(`Seed must be at most ${INT64_MAX}`));
    await user.clear(input);
    await user.type(input, '12.5');
    expect(input).toHaveAccessibleDescription(/Seed must be a whole number/);
  });

  it('says an empty fixed seed is missing after it loses focus', async () => {
    const user = userEvent.setup();
    render(<SeedField defaultValue="5" />);
    const input = screen.getByRole('textbox');
    await user.clear(input);
    expect(input).not.toHaveAttribute('aria-invalid');
    await user.tab();
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it('brings back the last fixed seed after Random → Fixed', async () => {
    const user = userEvent.setup();
    render(<SeedField defaultValue="42" />);
    await user.click(screen.getByRole('radio', { name: 'Random' }));
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Fixed' }));
    expect(screen.getByRole('textbox')).toHaveValue('42');
  });

  it('draws a new seed with the button', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<SeedField value="7" onValueChange={onValueChange} />);
    await user.click(screen.getByRole('button', { name: 'Pick a random seed' }));
    expect(onValueChange).toHaveBeenCalledWith(expect.stringMatching(/^\d+$/));
    expect(screen.getByRole('textbox')).toHaveValue('7');
  });
});
