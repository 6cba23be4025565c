'use client';
import { frameCount, seedanceProFast } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import { createContext, forwardRef, useContext, useMemo, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { FieldDescription, FieldError, FieldLabel, hasError, useField, useFieldContext, useFieldDescribes } from '../internal/field.js';
import { FieldRootElement } from '../internal/field-root.js';
import { clamp, narrowRange, type LimitsProp } from '../internal/narrow.js';
import { RangeSlider, type RangeSliderProps } from '../internal/range-slider.js';
import { useControllableState } from '../internal/use-controllable-state.js';
import { useSeedanceMessages } from '../messages-provider/messages-provider.js';

interface DurationContextValue {
  readonly value: number;
  readonly setValue: (value: number) => void;
  readonly onValueCommit: ((value: number) => void) | undefined;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly frames: number;
  readonly name: string | undefined;
}

const DurationContext = createContext<DurationContextValue | null>(null);
const useDuration = (part: string) => {
  const duration = useContext(DurationContext);
  if (!duration) throw new Error(`<DurationSlider.${part}> must be inside <DurationSlider.Root>.`);
  return duration;
};

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
  { value: valueProp, defaultValue, onValueChange, onValueCommit, limits, error, disabled = false, name, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const range = narrowRange(seedanceProFast.duration, limits?.duration);
  const [raw, setValue] = useControllableState({
    value: valueProp,
    defaultValue: defaultValue ?? clamp(seedanceProFast.duration.default, range),
    onChange: onValueChange,
  });
  const value = clamp(raw, range);
  const frames = frameCount(value);
  const field = useFieldContext({
    invalid: hasError(error),
    disabled,
    error,
    labelable: false,
    labelText: messages.durationLabel,
    descriptionText: messages.durationFrames(frames, seedanceProFast.fps),
  });
  const context = useMemo<DurationContextValue>(
    () => ({ value, setValue, onValueCommit, min: range.min, max: range.max, step: range.step, frames, name }),
    [value, setValue, onValueCommit, range.min, range.max, range.step, frames, name],
  );
  return (
    <DurationContext.Provider value={context}>
      <FieldRootElement field={field} part="duration-slider" {...props} ref={ref} />
    </DurationContext.Provider>
  );
});

export type DurationSliderControlProps = Omit<RangeSliderProps, 'value' | 'min' | 'max' | 'step' | 'onValueChange' | 'onValueCommit' | 'valueText' | 'part'>;

/** The Radix slider (track, range, thumb); pass children to build your own from `radix-ui`'s Slider parts. */
export const DurationSliderControl = forwardRef<HTMLSpanElement, DurationSliderControlProps>(function DurationSliderControl(props, ref) {
  const duration = useDuration('Control');
  const messages = useSeedanceMessages();
  return (
    <RangeSlider
      value={duration.value}
      min={duration.min}
      max={duration.max}
      step={duration.step}
      name={duration.name}
      onValueChange={duration.setValue}
      onValueCommit={duration.onValueCommit}
      valueText={messages.durationValueText(duration.value, duration.frames)}
      part="duration-control"
      {...props}
      ref={ref}
    />
  );
});

export interface DurationSliderValueProps extends ComponentPropsWithoutRef<'span'> {
  readonly asChild?: boolean;
}

/** The value as text, e.g. "5.0 s" (hidden from screen readers: the thumb speaks it). */
export const DurationSliderValue = forwardRef<HTMLSpanElement, DurationSliderValueProps>(function DurationSliderValue({ asChild, children, ...props }, ref) {
  const duration = useDuration('Value');
  const messages = useSeedanceMessages();
  const Comp = asChild ? Slot.Root : 'span';
  return (
    <Comp aria-hidden="true" data-seedance-part="slider-value" {...props} ref={ref}>
      {children ?? messages.formatSeconds(duration.value)}
    </Comp>
  );
});

export interface DurationSliderFramesProps extends ComponentPropsWithoutRef<'p'> {
  readonly asChild?: boolean;
}

/** "120 frames at 24 fps": duration × the spec's fps. Describes the slider. */
export const DurationSliderFrames = forwardRef<HTMLParagraphElement, DurationSliderFramesProps>(function DurationSliderFrames(
  { asChild, children, id, ...props },
  ref,
) {
  const field = useField('DurationSlider.Frames');
  const duration = useDuration('Frames');
  const messages = useSeedanceMessages();
  const ownId = id ?? field.descriptionId;
  useFieldDescribes(field, ownId);
  const Comp = asChild ? Slot.Root : 'p';
  return (
    <Comp id={ownId} data-seedance-part="description" data-frames={duration.frames} {...props} ref={ref}>
      {children ?? messages.durationFrames(duration.frames, seedanceProFast.fps)}
    </Comp>
  );
});

export type DurationSliderProps = DurationSliderRootProps;

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

export const DurationSlider = Object.assign(DurationSliderAssembled, {
  Root: DurationSliderRoot,
  Label: FieldLabel,
  Control: DurationSliderControl,
  Value: DurationSliderValue,
  Frames: DurationSliderFrames,
  Description: FieldDescription,
  Error: FieldError,
});
