'use client';
import { Slider } from 'radix-ui';
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { flag } from './compose.js';
import { controlAria, textPart, useField, type FieldContextValue } from './field.js';

/** What a slider field's Root holds for its parts. */
export interface SliderState {
  readonly value: number;
  readonly setValue: (value: number) => void;
  readonly onValueCommit?: ((value: number) => void) | undefined;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly name: string | undefined;
  /** What the thumb speaks (aria-valuetext). */
  readonly valueText: string;
  /** What the Value part shows. */
  readonly text: ReactNode;
}

export interface SliderControlProps
  extends Omit<ComponentPropsWithoutRef<typeof Slider.Root>, 'value' | 'defaultValue' | 'onValueChange' | 'onValueCommit' | 'min' | 'max' | 'step'> {
  /** When a drag or key press ends. */
  readonly onValueCommit?: ((value: number) => void) | undefined;
}

/**
 * The Control and Value parts of a one-thumb slider field, whose Root (`owner`) holds a
 * `SliderState`. Control is the Radix slider: its thumb (role slider) is named by the field's
 * label, described by its description and error, and speaks `valueText`; arrows move one step,
 * Page Up/Down and Shift+arrows ten, Home/End to the ends. Value is the value as text, hidden
 * from screen readers (the thumb speaks it).
 */
export function sliderParts<P extends SliderControlProps = SliderControlProps>(owner: string, controlPart: string) {
  const use = (part: string) => useField<SliderState>(part, owner);
  const Control = forwardRef<HTMLSpanElement, P>(function SliderControl({ children, name, onValueCommit, ...props }: SliderControlProps, ref) {
    const field = use('Control');
    const { state } = field;
    const commit = onValueCommit ?? state.onValueCommit;
    return (
      <Slider.Root
        value={[state.value]}
        min={state.min}
        max={state.max}
        step={state.step}
        disabled={field.disabled}
        onValueChange={([next]) => next !== undefined && state.setValue(next)}
        onValueCommit={commit && (([next]) => next !== undefined && commit(next))}
        data-seedance-part={controlPart}
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
              name={name ?? state.name}
              aria-labelledby={field.labelId}
              aria-valuetext={state.valueText}
              {...controlAria(field)}
              data-seedance-part="slider-thumb"
            />
          </>
        )}
      </Slider.Root>
    );
  });
  const Value = textPart<FieldContextValue<SliderState>, HTMLSpanElement, 'span'>(use, 'Value', 'span', 'slider-value', (field) => [
    field.state.text,
    { 'aria-hidden': 'true' },
  ]);
  return { Control, Value };
}
