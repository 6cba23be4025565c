'use client';
import { seedanceProFast } from '@seedance-kit/core';
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { withParts } from '../internal/compose.js';
import { FieldDescription, FieldError, FieldLabel, FieldRootElement, useFieldContext, type Part } from '../internal/field.js';
import { clamp } from '../internal/narrow.js';
import { sliderParts, type SliderControlProps, type SliderState } from '../internal/slider-parts.js';
import { useControllableState } from '../../lib/use-controllable-state.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';

const range = seedanceProFast.outputQuality;

export interface OutputQualitySliderRootProps extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue'> {
  readonly value?: number;
  readonly defaultValue?: number;
  readonly onValueChange?: (quality: number) => void;
  readonly error?: ReactNode;
  readonly disabled?: boolean;
  readonly name?: string;
  readonly asChild?: boolean;
}

/** Output quality over the spec's range (whole numbers). */
export const OutputQualitySliderRoot = forwardRef<HTMLDivElement, OutputQualitySliderRootProps>(function OutputQualitySliderRoot(
  { value: valueProp, defaultValue = range.default, onValueChange, error, disabled, name, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const [raw, setValue] = useControllableState({ value: valueProp, defaultValue, onChange: onValueChange });
  const value = clamp(raw, range);
  const field = useFieldContext<SliderState>(
    'OutputQualitySlider',
    { error, disabled, labelText: messages.outputQualityLabel, descriptionText: messages.outputQualityDescription },
    { value, setValue, min: range.min, max: range.max, step: 1, name, valueText: String(value), text: value },
  );
  return <FieldRootElement field={field} part="output-quality-slider" {...props} ref={ref} />;
});

const parts = sliderParts('OutputQualitySlider', 'output-quality-control');

export type OutputQualitySliderControlProps = SliderControlProps;

export const OutputQualitySliderControl: Part<OutputQualitySliderControlProps, HTMLSpanElement> = parts.Control;

export interface OutputQualitySliderValueProps extends ComponentPropsWithoutRef<'span'> {
  readonly asChild?: boolean;
}

export const OutputQualitySliderValue: Part<OutputQualitySliderValueProps, HTMLSpanElement> = parts.Value;

export type OutputQualitySliderProps = OutputQualitySliderRootProps;

/** The assembled component, without its parts attached (what the widget renders). */
const OutputQualitySliderAssembled = forwardRef<HTMLDivElement, OutputQualitySliderProps>(function OutputQualitySlider(props, ref) {
  return (
    <OutputQualitySliderRoot {...props} ref={ref}>
      <div data-seedance-part="field-header">
        <FieldLabel />
        <OutputQualitySliderValue />
      </div>
      <OutputQualitySliderControl />
      <FieldDescription />
      <FieldError />
    </OutputQualitySliderRoot>
  );
});

export const OutputQualitySlider = withParts(OutputQualitySliderAssembled, {
  Root: OutputQualitySliderRoot,
  Label: FieldLabel,
  Control: OutputQualitySliderControl,
  Value: OutputQualitySliderValue,
  Description: FieldDescription,
  Error: FieldError,
});
