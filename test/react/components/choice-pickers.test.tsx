import { seedanceProFast } from '@seedance-kit/core';
import { NumberResultsPicker, OutputFormatPicker, OutputQualitySlider, SafetyPicker, safetyInputFor, safetyModeOf } from '@seedance-kit/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);

describe('NumberResultsPicker', () => {
  it('is a labelled radio group with one radio per count in the spec’s range', () => {
    render(<NumberResultsPicker />);
    const group = screen.getByRole('radiogroup', { name: 'Number of videos' });
    const radios = within(group).getAllByRole('radio');
    const { min, max } = seedanceProFast.numberResults;
    expect(radios.map((r) => r.textContent)).toEqual(Array.from({ length: max - min + 1 }, (_, i) => String(min + i)));
    expect(within(group).getByRole('radio', { name: String(seedanceProFast.numberResults.default) })).toBeChecked();
  });

  it('moves and selects with arrow keys, uncontrolled, and reports numbers', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<NumberResultsPicker onValueChange={onValueChange} />);
    await user.tab();
    expect(screen.getByRole('radio', { name: '1' })).toHaveFocus();
    // Held keys: Radix selects on the focus that its keydown schedules, before the key is released.
    await user.keyboard('{ArrowRight>}{/ArrowRight}');
    expect(screen.getByRole('radio', { name: '2' })).toBeChecked();
    expect(onValueChange).toHaveBeenLastCalledWith(2);
    await user.keyboard('{ArrowRight>}{/ArrowRight}{ArrowRight>}{/ArrowRight}');
    expect(onValueChange).toHaveBeenLastCalledWith(4);
  });

  it('disables counts above the server’s limit', () => {
    render(<NumberResultsPicker limits={{ numberResults: { min: 1, max: 2 } }} />);
    expect(screen.getByRole('radio', { name: '2' })).toBeEnabled();
    expect(screen.getByRole('radio', { name: '3' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: '4' })).toBeDisabled();
  });

  it('follows a controlled value and carries data-state', async () => {
    const user = userEvent.setup();
    function Controlled() {
      const [value, setValue] = useState(3);
      return <NumberResultsPicker value={value} onValueChange={setValue} />;
    }
    render(<Controlled />);
    expect(screen.getByRole('radio', { name: '3' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: '1' }));
    expect(screen.getByRole('radio', { name: '1' })).toBeChecked();
    expect(screen.getByRole('group', { name: 'Number of videos' })).toHaveAttribute('data-state', '1');
  });
});

describe('OutputFormatPicker', () => {
  it('offers the spec’s formats, each described, narrowed by limits', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<OutputFormatPicker onValueChange={onValueChange} limits={{ outputFormats: ['MP4', 'WEBM'] }} />);
    const group = screen.getByRole('radiogroup', { name: 'Format' });
    expect(within(group).getAllByRole('radio').map((r) => r.textContent)).toEqual([...seedanceProFast.outputFormat.values]);
    expect(screen.getByRole('radio', { name: 'MP4' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'MP4' })).toHaveAccessibleDescription('H.264, plays everywhere');
    expect(screen.getByRole('radio', { name: 'MOV' })).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: 'WEBM' }));
    expect(onValueChange).toHaveBeenCalledWith('WEBM');
  });
});

describe('OutputQualitySlider', () => {
  it('covers the spec’s quality range in whole steps', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<OutputQualitySlider onValueChange={onValueChange} />);
    const thumb = screen.getByRole('slider', { name: 'Quality' });
    expect(thumb).toHaveAttribute('aria-valuemin', String(seedanceProFast.outputQuality.min));
    expect(thumb).toHaveAttribute('aria-valuemax', String(seedanceProFast.outputQuality.max));
    expect(thumb).toHaveAttribute('aria-valuenow', String(seedanceProFast.outputQuality.default));
    thumb.focus();
    await user.keyboard('{ArrowLeft}');
    expect(onValueChange).toHaveBeenLastCalledWith(seedanceProFast.outputQuality.default - 1);
  });
});

describe('SafetyPicker', () => {
  it('offers the spec’s safety modes with what each checks', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<SafetyPicker onValueChange={onValueChange} />);
    expect(screen.getByRole('radiogroup', { name: 'Content check' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Off' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Full' })).toHaveAccessibleDescription('Checks every frame');
    await user.click(screen.getByRole('radio', { name: 'Fast' }));
    expect(onValueChange).toHaveBeenCalledWith('fast');
  });

  it('maps to and from checkContent/safetyMode by the spec’s rules', () => {
    expect(safetyModeOf({})).toBe(seedanceProFast.safety.defaultMode);
    expect(safetyModeOf({ checkContent: true })).toBe(seedanceProFast.safety.checkContentMode);
    expect(safetyModeOf({ checkContent: true, safetyMode: 'full' })).toBe('full');
    expect(safetyModeOf({ checkContent: false, safetyMode: 'fast' })).toBe('fast');
    expect(safetyInputFor('none')).toEqual({ checkContent: undefined, safetyMode: undefined });
    expect(safetyInputFor('full')).toEqual({ checkContent: true, safetyMode: 'full' });
  });
});
