'use client';
import { seedanceProFast } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import { createContext, forwardRef, useContext, useMemo, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { FieldDescription, FieldError, FieldLabel, hasError, useFieldContext } from '../internal/field.js';
import { FieldRootElement } from '../internal/field-root.js';
import { clamp } from '../internal/narrow.js';
import { RangeSlider, type RangeSliderProps } from '../internal/range-slider.js';
import { useControllableState } from '../internal/use-controllable-state.js';
import { useSeedanceMessages } from '../messages-provider/messages-provider.js';

const range = seedanceProFast.outputQuality;

interface QualityContextValue {
  readonly value: number;
  readonly setValue: (value: number) => void;
  readonly name: string | undefined;
}
const QualityContext = createContext<QualityContextValue | null>(null);
const useQuality = (part: string) => {
  const quality = useContext(QualityContext);
  if (!quality) throw new Error(`<OutputQualitySlider.${part}> must be inside <OutputQualitySlider.Root>.`);
  return quality;
};

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
  { value: valueProp, defaultValue = range.default, onValueChange, error, disabled = false, name, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const [raw, setValue] = useControllableState({ value: valueProp, defaultValue, onChange: onValueChange });
  const value = clamp(raw, range);
  const field = useFieldContext({
    invalid: hasError(error),
    disabled,
    error,
    labelable: false,
    labelText: messages.outputQualityLabel,
    descriptionText: messages.outputQualityDescription,
  });
  const context = useMemo(() => ({ value, setValue, name }), [value, setValue, name]);
  return (
    <QualityContext.Provider value={context}>
      <FieldRootElement field={field} part="output-quality-slider" {...props} ref={ref} />
    </QualityContext.Provider>
  );
});

export type OutputQualitySliderControlProps = Omit<RangeSliderProps, 'value' | 'min' | 'max' | 'step' | 'onValueChange' | 'valueText' | 'part'>;

export const OutputQualitySliderControl = forwardRef<HTMLSpanElement, OutputQualitySliderControlProps>(function OutputQualitySliderControl(props, ref) {
  const quality = useQuality('Control');
  return (
    <RangeSlider
      value={quality.value}
      min={range.min}
      max={range.max}
      step={1}
      name={quality.name}
      onValueChange={quality.setValue}
      valueText={String(quality.value)}
      part="output-quality-control"
      {...props}
      ref={ref}
    />
  );
});

export interface OutputQualitySliderValueProps extends ComponentPropsWithoutRef<'span'> {
  readonly asChild?: boolean;
}

export const OutputQualitySliderValue = forwardRef<HTMLSpanElement, OutputQualitySliderValueProps>(function OutputQualitySliderValue(
  { asChild, children, ...props },
  ref,
) {
  const quality = useQuality('Value');
  const Comp = asChild ? Slot.Root : 'span';
  return (
    <Comp aria-hidden="true" data-seedance-part="slider-value" {...props} ref={ref}>
      {children ?? quality.value}
    </Comp>
  );
});

export type OutputQualitySliderProps = OutputQualitySliderRootProps;

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

export const OutputQualitySlider = Object.assign(OutputQualitySliderAssembled, {
  Root: OutputQualitySliderRoot,
  Label: FieldLabel,
  Control: OutputQualitySliderControl,
  Value: OutputQualitySliderValue,
  Description: FieldDescription,
  Error: FieldError,
});
