'use client';
import { Slider } from 'radix-ui';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { flag } from './compose.js';
import { useField } from './field.js';

export interface RangeSliderProps extends Omit<ComponentPropsWithoutRef<typeof Slider.Root>, 'value' | 'defaultValue' | 'onValueChange' | 'onValueCommit' | 'min' | 'max' | 'step'> {
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly onValueChange: (value: number) => void;
  readonly onValueCommit?: ((value: number) => void) | undefined;
  readonly valueText: string;
  readonly part: string;
}

/**
 * One-thumb Radix slider tied to the field: the thumb (role slider) is named by the field's
 * label, described by its description and error, and speaks `valueText`. Arrows move one step,
 * Page Up/Down and Shift+arrows ten, Home/End to the ends.
 */
export const RangeSlider = forwardRef<HTMLSpanElement, RangeSliderProps>(function RangeSlider(
  { value, min, max, step, onValueChange, onValueCommit, valueText, part, children, name, ...props },
  ref,
) {
  const field = useField('Slider');
  return (
    <Slider.Root
      value={[value]}
      min={min}
      max={max}
      step={step}
      disabled={field.disabled}
      onValueChange={([next]) => next !== undefined && onValueChange(next)}
      onValueCommit={onValueCommit && (([next]) => next !== undefined && onValueCommit(next))}
      data-seedance-part={part}
      data-invalid={flag(field.invalid)}
      {...props}
      ref={ref}
    >
      {children ?? (
        <>
          <Slider.Track data-seedance-part="slider-track">
            <Slider.Range data-seedance-part="slider-range" />
          </Slider.Track>
          <Slider.Thumb
            id={field.controlId}
            name={name}
            aria-labelledby={field.labelId}
            aria-describedby={field.describedBy}
            aria-valuetext={valueText}
            aria-invalid={field.invalid || undefined}
            data-seedance-part="slider-thumb"
          />
        </>
      )}
    </Slider.Root>
  );
});
