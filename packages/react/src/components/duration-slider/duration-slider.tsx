'use client';
import { frameCount, seedanceProFast } from '@seedance-kit/core';
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { withParts } from '../internal/compose.js';
import { FieldDescription, FieldError, FieldLabel, FieldRootElement, textPart, useField, useFieldContext, type FieldContextValue, type Part } from '../internal/field.js';
import { clamp, narrowRange, type LimitsProp } from '../internal/narrow.js';
import { sliderParts, type SliderControlProps, type SliderState } from '../internal/slider-parts.js';
import { useControllableState } from '../../lib/use-controllable-state.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';

const { duration: spec, fps } = seedanceProFast;

interface DurationState extends SliderState {
  readonly frames: number;
}

export interface DurationSliderRootProps extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue'> {
  /** Seconds. */
  readonly value?: number;
  readonly defaultValue?: number;
  readonly onValueChange?: (seconds: number) => void;
  /** When a drag or key press ends. */
  readonly onValueCommit?: (seconds: number) => void;
  /** The server's `/limits` (or its `duration`): narrows the spec's range. */
  readonly limits?: LimitsProp<'duration'>;
  readonly error?: ReactNode;
  readonly disabled?: boolean;
  readonly name?: string;
  readonly asChild?: boolean;
}

/** Duration in seconds over the spec's range and step, with the frame count it makes. */
export const DurationSliderRoot = forwardRef<HTMLDivElement, DurationSliderRootProps>(function DurationSliderRoot(
  { value: valueProp, defaultValue, onValueChange, onValueCommit, limits, error, disabled, name, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const { min, max, step } = narrowRange(spec, limits?.duration);
  const [raw, setValue] = useControllableState({ value: valueProp, defaultValue: defaultValue ?? clamp(spec.default, { min, max }), onChange: onValueChange });
  const value = clamp(raw, { min, max });
  const frames = frameCount(value);
  const field = useFieldContext<DurationState>(
    'DurationSlider',
    { error, disabled, labelText: messages.durationLabel, descriptionText: messages.durationFrames(frames, fps) },
    { value, setValue, onValueCommit, min, max, step, name, frames, valueText: messages.durationValueText(value, frames), text: messages.formatSeconds(value) },
  );
  return <FieldRootElement field={field} part="duration-slider" {...props} ref={ref} />;
});

const parts = sliderParts<DurationSliderControlProps>('DurationSlider', 'duration-control');

export type DurationSliderControlProps = Omit<SliderControlProps, 'onValueCommit'>;

/** The Radix slider (track, range, thumb); pass children to build your own from `radix-ui`'s Slider parts. */
export const DurationSliderControl: Part<DurationSliderControlProps, HTMLSpanElement> = parts.Control;

export interface DurationSliderValueProps extends ComponentPropsWithoutRef<'span'> {
  readonly asChild?: boolean;
}

/** The value as text, e.g. "5.0 s" (hidden from screen readers: the thumb speaks it). */
export const DurationSliderValue: Part<DurationSliderValueProps, HTMLSpanElement> = parts.Value;

export interface DurationSliderFramesProps extends ComponentPropsWithoutRef<'p'> {
  readonly asChild?: boolean;
}

/** "120 frames at 24 fps": duration × the spec's fps. Describes the slider. */
export const DurationSliderFrames: Part<DurationSliderFramesProps, HTMLParagraphElement> = textPart<FieldContextValue<DurationState>, HTMLParagraphElement, 'p'>(
  (part) => useField<DurationState>(part, 'DurationSlider'),
  'Frames',
  'p',
  'description',
  (field, messages) => [messages.durationFrames(field.state.frames, fps), { 'data-frames': field.state.frames }],
  (field) => field.descriptionId,
);

export type DurationSliderProps = DurationSliderRootProps;

/** The assembled component, without its parts attached (what the widget renders). */
const DurationSliderAssembled = forwardRef<HTMLDivElement, DurationSliderProps>(function DurationSlider(props, ref) {
  return (
    <DurationSliderRoot {...props} ref={ref}>
      <div data-seedance-part="field-header">
        <FieldLabel />
        <DurationSliderValue />
      </div>
      <DurationSliderControl />
      <DurationSliderFrames />
      <FieldError />
    </DurationSliderRoot>
  );
});

export const DurationSlider = withParts(DurationSliderAssembled, {
  Root: DurationSliderRoot,
  Label: FieldLabel,
  Control: DurationSliderControl,
  Value: DurationSliderValue,
  Frames: DurationSliderFrames,
  Description: FieldDescription,
  Error: FieldError,
});
