import { frameCount, seedanceProFast } from '@seedance-kit/core';
import { DurationSlider } from '@seedance-kit/react';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);
const { min, max, step, default: initial } = seedanceProFast.duration;

describe('DurationSlider', () => {
  it('is a slider named Duration over the spec’s range, speaking seconds and frames', () => {
    render(<DurationSlider />);
    const thumb = screen.getByRole('slider', { name: 'Duration' });
    expect(thumb).toHaveAttribute('aria-valuemin', String(min));
    expect(thumb).toHaveAttribute('aria-valuemax', String(max));
    expect(thumb).toHaveAttribute('aria-valuenow', String(initial));
    expect(thumb).toHaveAttribute('aria-valuetext', `5.0 seconds, ${frameCount(initial)} frames`);
    expect(thumb).toHaveAccessibleDescription(`${frameCount(initial)} frames at ${seedanceProFast.fps} fps`);
  });

  it('moves by the spec’s step with arrows, ten steps with Page Up, to the ends with Home/End', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<DurationSlider onValueChange={onValueChange} />);
    const thumb = screen.getByRole('slider');
    thumb.focus();
    await user.keyboard('{ArrowRight}');
    expect(onValueChange).toHaveBeenLastCalledWith(initial + step);
    expect(screen.getByText(`${frameCount(initial + step)} frames at 24 fps`)).toBeInTheDocument();
    await user.keyboard('{PageUp}');
    expect(onValueChange.mock.lastCall?.[0]).toBeCloseTo(initial + 11 * step, 5);
    await user.keyboard('{End}');
    expect(onValueChange).toHaveBeenLastCalledWith(max);
    expect(thumb).toHaveAttribute('aria-valuetext', `12.0 seconds, ${frameCount(max)} frames`);
    await user.keyboard('{Home}');
    expect(onValueChange).toHaveBeenLastCalledWith(min);
    expect(screen.getByText('1.2 s')).toBeInTheDocument();
    expect(screen.getByText(`${frameCount(min)} frames at 24 fps`)).toBeInTheDocument();
  });

  it('is narrowed by the server’s limits, never widened', () => {
    const { rerender } = render(<DurationSlider limits={{ duration: { min: 2, max: 6, step } }} />);
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuemax', '6');
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuemin', '2');
    rerender(<DurationSlider limits={{ duration: { min: 0, max: 60, step } }} />);
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuemax', String(max));
  });

  it('clamps a default outside the server’s limits', () => {
    render(<DurationSlider limits={{ duration: { min: 2, max: 4, step } }} />);
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuenow', '4');
  });

  it('follows a controlled value', async () => {
    const user = userEvent.setup();
    function Controlled() {
      const [value, setValue] = useState(3);
      return <DurationSlider value={value} onValueChange={(next) => setValue(Math.min(next, 3.2))} />;
    }
    render(<Controlled />);
    const thumb = screen.getByRole('slider');
    thumb.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(thumb).toHaveAttribute('aria-valuenow', '3.2');
  });

  it('shows a given error and marks itself invalid', () => {
    render(<DurationSlider error="Too long for this site" />);
    const thumb = screen.getByRole('slider');
    expect(thumb).toHaveAttribute('aria-invalid', 'true');
    expect(thumb).toHaveAccessibleDescription(/Too long for this site/);
  });

  it('does not move when disabled', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<DurationSlider disabled onValueChange={onValueChange} />);
    screen.getByRole('slider').focus();
    await user.keyboard('{ArrowRight}');
    expect(onValueChange).not.toHaveBeenCalled();
  });
});
