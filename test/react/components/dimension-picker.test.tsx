import { seedanceProFast } from '@seedance-kit/core';
import { DimensionPicker, dimensionInputFor, dimensionSelectionFromInput, type DimensionSelection } from '@seedance-kit/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);

describe('DimensionPicker', () => {
  it('groups a resolution and an aspect-ratio radio group under “Size”, from the spec', () => {
    render(<DimensionPicker />);
    const size = screen.getByRole('group', { name: 'Size' });
    const resolution = within(size).getByRole('radiogroup', { name: 'Resolution' });
    const aspect = within(size).getByRole('radiogroup', { name: 'Aspect ratio' });
    expect(within(resolution).getAllByRole('radio').map((r) => r.textContent)).toEqual([...seedanceProFast.resolutions]);
    expect(within(aspect).getAllByRole('radio')).toHaveLength(seedanceProFast.aspectRatios.length);
    expect(within(aspect).getByRole('radio', { name: '16:9' })).toBeChecked();
    expect(within(aspect).getByRole('radio', { name: '16:9' })).toHaveAccessibleDescription('864×480');
    expect(within(resolution).getByRole('radio', { name: '480p' })).toBeChecked();
  });

  it('shows each ratio’s size at the chosen resolution and reports the selection', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<DimensionPicker onValueChange={onValueChange} />);
    await user.click(screen.getByRole('radio', { name: '1080p' }));
    expect(onValueChange).toHaveBeenLastCalledWith({ resolution: '1080p', aspectRatio: '16:9' });
    expect(screen.getByRole('radio', { name: '9:16' })).toHaveAccessibleDescription('1088×1920');
    await user.click(screen.getByRole('radio', { name: '21:9' }));
    expect(onValueChange).toHaveBeenLastCalledWith({ resolution: '1080p', aspectRatio: '21:9' });
  });

  it('offers “like the image” only with a frame image, and describes it', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<DimensionPicker />);
    expect(screen.queryByRole('radio', { name: 'Like the image' })).not.toBeInTheDocument();
    rerender(<DimensionPicker hasFrameImage />);
    await user.click(screen.getByRole('radio', { name: 'Like the image' }));
    expect(screen.getByRole('group', { name: 'Size' })).toHaveAttribute('data-state', 'frame-image');
    expect(screen.getByText('The aspect ratio follows the first frame image.')).toBeInTheDocument();
  });

  it('disables sizes the server does not allow and moves off one after a resolution change', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    const allowed = seedanceProFast.dimensions.filter((d) => d.resolution === '480p' || d.aspectRatio === '1:1');
    render(<DimensionPicker limits={{ resolutions: ['480p', '1080p'], dimensions: allowed }} onValueChange={onValueChange} />);
    await user.click(screen.getByRole('radio', { name: '1080p' }));
    expect(onValueChange).toHaveBeenLastCalledWith({ resolution: '1080p', aspectRatio: '1:1' });
    expect(screen.getByRole('radio', { name: '16:9' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: '1:1' })).toBeChecked();
  });

  it('disables a whole resolution the server leaves out', () => {
    render(<DimensionPicker limits={{ resolutions: ['480p'] }} />);
    expect(screen.getByRole('radio', { name: '1080p' })).toBeDisabled();
  });

  it('maps selections to the spec’s size fields and back', () => {
    const wide: DimensionSelection = { resolution: '1080p', aspectRatio: '21:9' };
    expect(dimensionInputFor(wide, false)).toEqual({ width: 2176, height: 928, resolution: undefined });
    expect(dimensionInputFor({ resolution: '480p', aspectRatio: 'frameImage' }, true)).toEqual({ width: undefined, height: undefined, resolution: '480p' });
    expect(dimensionInputFor({ resolution: '480p', aspectRatio: 'frameImage' }, false)).toEqual({ width: 864, height: 480, resolution: undefined });
    expect(dimensionSelectionFromInput({ width: 2176, height: 928 })).toEqual(wide);
    expect(dimensionSelectionFromInput({ resolution: '1080p', frameImage: 'https://example.com/x.png' })).toEqual({ resolution: '1080p', aspectRatio: 'frameImage' });
    expect(dimensionSelectionFromInput({})).toEqual({ resolution: '480p', aspectRatio: '16:9' });
  });
});
