'use client';
import { dimensionsFor, seedanceProFast, type Resolution } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import { createContext, forwardRef, useContext, useMemo, type ComponentPropsWithoutRef, type CSSProperties, type ReactNode } from 'react';
import { ChoiceGroup, type Choice, type ChoiceGroupProps } from '../internal/choice-group.js';
import { FieldDescription, FieldError, FieldLabel, hasError, useField, useFieldContext } from '../internal/field.js';
import { FieldRootElement } from '../internal/field-root.js';
import type { LimitsProp } from '../internal/narrow.js';
import { useControllableState } from '../internal/use-controllable-state.js';
import { useSeedanceMessages } from '../messages-provider/messages-provider.js';
import {
  availableDimensions,
  defaultDimensionSelection,
  type AspectRatioChoice,
  type DimensionSelection,
} from './dimension-selection.js';

interface DimensionContextValue {
  readonly value: DimensionSelection;
  readonly setValue: (value: DimensionSelection) => void;
  readonly hasFrameImage: boolean;
  readonly available: ReturnType<typeof availableDimensions>;
}
const DimensionContext = createContext<DimensionContextValue | null>(null);
const useDimensions = (part: string) => {
  const context = useContext(DimensionContext);
  if (!context) throw new Error(`<DimensionPicker.${part}> must be inside <DimensionPicker.Root>.`);
  return context;
};

export interface DimensionPickerRootProps extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue'> {
  readonly value?: DimensionSelection;
  readonly defaultValue?: DimensionSelection;
  readonly onValueChange?: (value: DimensionSelection) => void;
  /** Offers "like the image": the aspect ratio follows the first frame image. */
  readonly hasFrameImage?: boolean;
  /** The server's `/limits` (or its `resolutions`/`dimensions`): other sizes are disabled. */
  readonly limits?: LimitsProp<'resolutions' | 'dimensions'>;
  readonly error?: ReactNode;
  readonly disabled?: boolean;
  readonly asChild?: boolean;
}

/** Resolution tier and aspect ratio, from the spec's list of supported sizes. */
export const DimensionPickerRoot = forwardRef<HTMLDivElement, DimensionPickerRootProps>(function DimensionPickerRoot(
  { value: valueProp, defaultValue = defaultDimensionSelection, onValueChange, hasFrameImage = false, limits, error, disabled = false, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const [value, setValue] = useControllableState({ value: valueProp, defaultValue, onChange: onValueChange });
  const available = useMemo(() => availableDimensions(limits), [limits]);
  const following = value.aspectRatio === 'frameImage' && hasFrameImage;
  const field = useFieldContext({
    invalid: hasError(error),
    disabled,
    error,
    labelable: false,
    labelText: messages.dimensionsLabel,
    descriptionText: following ? messages.fromFrameImageDescription : undefined,
  });
  const context = useMemo(() => ({ value, setValue, hasFrameImage, available }), [value, setValue, hasFrameImage, available]);
  return (
    <DimensionContext.Provider value={context}>
      <FieldRootElement
        field={field}
        part="dimension-picker"
        group
        state={following ? 'frame-image' : 'fixed'}
        data-resolution={value.resolution}
        data-aspect-ratio={value.aspectRatio}
        {...props}
        ref={ref}
      />
    </DimensionContext.Provider>
  );
});

type SubGroupProps = Omit<ChoiceGroupProps, 'choices' | 'value' | 'onValueChange' | 'part'> & { readonly label?: ReactNode };

/** The resolution presets (480p, 1080p), with their own label. */
export const DimensionPickerResolution = forwardRef<HTMLDivElement, SubGroupProps>(function DimensionPickerResolution({ label, ...props }, ref) {
  const context = useDimensions('Resolution');
  const field = useField('DimensionPicker.Resolution');
  const messages = useSeedanceMessages();
  const labelId = `${field.controlId}-resolution-label`;
  return (
    <div data-seedance-part="dimension-group">
      <span id={labelId} data-seedance-part="sublabel">
        {label ?? messages.resolutionLabel}
      </span>
      <ChoiceGroup
        labelledBy={labelId}
        choices={seedanceProFast.resolutions.map((resolution) => ({
          value: resolution,
          label: messages.resolutionName(resolution),
          disabled: !context.available.resolutions.includes(resolution),
        }))}
        value={context.value.resolution}
        onValueChange={(text) => {
          const resolution = seedanceProFast.resolutions.find((r) => r === text);
          if (resolution) context.setValue(keepAvailable({ ...context.value, resolution }, context));
        }}
        part="resolution-group"
        {...props}
        ref={ref}
      />
    </div>
  );
});

/** The aspect ratios, each with its shape and size at the chosen resolution; "like the image" with a frame image. */
export const DimensionPickerAspectRatio = forwardRef<HTMLDivElement, SubGroupProps>(function DimensionPickerAspectRatio({ label, ...props }, ref) {
  const context = useDimensions('AspectRatio');
  const field = useField('DimensionPicker.AspectRatio');
  const messages = useSeedanceMessages();
  const labelId = `${field.controlId}-aspect-label`;
  const { resolution } = context.value;
  const choices: Choice[] = seedanceProFast.aspectRatios.map((aspectRatio) => {
    const pair = dimensionsFor(resolution, aspectRatio);
    const allowed = pair !== undefined && context.available.dimensions.includes(pair);
    return {
      value: aspectRatio,
      label: messages.aspectRatioName(aspectRatio),
      description: pair ? messages.dimensionsValue(pair.width, pair.height) : undefined,
      disabled: !allowed,
      icon: pair ? <AspectShape width={pair.width} height={pair.height} /> : undefined,
    };
  });
  if (context.hasFrameImage) {
    choices.unshift({
      value: 'frameImage',
      label: messages.fromFrameImage,
      description: undefined,
      disabled: !context.available.resolutions.includes(resolution),
      icon: <span data-seedance-part="aspect-shape" data-frame-image="" aria-hidden="true" />,
    });
  }
  const current = context.value.aspectRatio === 'frameImage' && !context.hasFrameImage ? defaultDimensionSelection.aspectRatio : context.value.aspectRatio;
  return (
    <div data-seedance-part="dimension-group">
      <span id={labelId} data-seedance-part="sublabel">
        {label ?? messages.aspectRatioLabel}
      </span>
      <ChoiceGroup
        labelledBy={labelId}
        choices={choices}
        value={current}
        onValueChange={(text) => {
          const aspectRatio: AspectRatioChoice | undefined =
            text === 'frameImage' ? 'frameImage' : seedanceProFast.aspectRatios.find((r) => r === text);
          if (aspectRatio) context.setValue({ ...context.value, aspectRatio });
        }}
        part="aspect-ratio-group"
        {...props}
        ref={ref}
      />
    </div>
  );
});

function AspectShape({ width, height }: { readonly width: number; readonly height: number }) {
  return <span data-seedance-part="aspect-shape" aria-hidden="true" style={{ '--seedance-aspect': `${width} / ${height}` } as CSSProperties} />;
}

/** After a resolution change, moves to an allowed ratio if the current one is not offered there. */
function keepAvailable(next: DimensionSelection, context: DimensionContextValue): DimensionSelection {
  if (next.aspectRatio === 'frameImage') return next;
  const pair = dimensionsFor(next.resolution, next.aspectRatio);
  if (pair && context.available.dimensions.includes(pair)) return next;
  const first = context.available.dimensions.find((d) => d.resolution === next.resolution);
  return first ? { resolution: next.resolution as Resolution, aspectRatio: first.aspectRatio } : next;
}

export interface DimensionPickerValueProps extends ComponentPropsWithoutRef<'p'> {
  readonly asChild?: boolean;
}

/** The chosen size as text, e.g. "864×480", or "like the image". */
export const DimensionPickerValue = forwardRef<HTMLParagraphElement, DimensionPickerValueProps>(function DimensionPickerValue(
  { asChild, children, ...props },
  ref,
) {
  const context = useDimensions('Value');
  const messages = useSeedanceMessages();
  const { resolution, aspectRatio } = context.value;
  const pair = aspectRatio === 'frameImage' ? undefined : dimensionsFor(resolution, aspectRatio);
  const text =
    aspectRatio === 'frameImage' && context.hasFrameImage
      ? `${messages.resolutionName(resolution)}, ${messages.fromFrameImage}`
      : pair
        ? messages.dimensionsValue(pair.width, pair.height)
        : '';
  const Comp = asChild ? Slot.Root : 'p';
  return (
    <Comp data-seedance-part="dimension-value" {...props} ref={ref}>
      {children ?? text}
    </Comp>
  );
});

export type DimensionPickerProps = DimensionPickerRootProps;

const DimensionPickerAssembled = forwardRef<HTMLDivElement, DimensionPickerProps>(function DimensionPicker(props, ref) {
  return (
    <DimensionPickerRoot {...props} ref={ref}>
      <FieldLabel />
      <DimensionPickerResolution />
      <DimensionPickerAspectRatio />
      <DimensionPickerDescriptionWhenFollowing />
      <FieldError />
    </DimensionPickerRoot>
  );
});

function DimensionPickerDescriptionWhenFollowing() {
  const context = useDimensions('Description');
  return context.value.aspectRatio === 'frameImage' && context.hasFrameImage ? <FieldDescription /> : null;
}

export const DimensionPicker = Object.assign(DimensionPickerAssembled, {
  Root: DimensionPickerRoot,
  Label: FieldLabel,
  Resolution: DimensionPickerResolution,
  AspectRatio: DimensionPickerAspectRatio,
  Value: DimensionPickerValue,
  Description: FieldDescription,
  Error: FieldError,
});
