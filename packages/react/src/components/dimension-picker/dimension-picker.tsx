'use client';
import { dimensionsFor, seedanceProFast as spec, type Resolution } from '@seedance-kit/core';
import { forwardRef, useMemo, type ComponentPropsWithoutRef, type CSSProperties, type ReactNode, type Ref } from 'react';
import { ChoiceGroup, type Choice, type ChoiceGroupProps } from '../internal/choice-group.js';
import { withParts } from '../internal/compose.js';
import {
  FieldDescription,
  FieldError,
  FieldLabel,
  FieldRootElement,
  textPart,
  useField,
  useFieldContext,
  type FieldContextValue,
  type Part,
} from '../internal/field.js';
import type { LimitsProp } from '../internal/narrow.js';
import { useControllableState } from '../../lib/use-controllable-state.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';
import {
  availableDimensions,
  defaultDimensionSelection,
  type AspectRatioChoice,
  type DimensionSelection,
} from './dimension-selection.js';

interface DimensionState {
  readonly value: DimensionSelection;
  readonly setValue: (value: DimensionSelection) => void;
  /** The ratio follows the frame image: "like the image" is chosen and there is an image. */
  readonly following: boolean;
  readonly hasFrameImage: boolean;
  readonly available: ReturnType<typeof availableDimensions>;
}
const useDimensions = (part: string) => useField<DimensionState>(part, 'DimensionPicker');

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
  { value: valueProp, defaultValue = defaultDimensionSelection, onValueChange, hasFrameImage = false, limits, error, disabled, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const [value, setValue] = useControllableState({ value: valueProp, defaultValue, onChange: onValueChange });
  const available = useMemo(() => availableDimensions(limits), [limits]);
  const following = value.aspectRatio === 'frameImage' && hasFrameImage;
  const field = useFieldContext<DimensionState>(
    'DimensionPicker',
    { error, disabled, labelText: messages.dimensionsLabel, descriptionText: following ? messages.fromFrameImageDescription : undefined },
    { value, setValue, following, hasFrameImage, available },
  );
  return (
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
  );
});

type SubGroupProps = Omit<ChoiceGroupProps, 'choices' | 'value' | 'onValueChange' | 'part'> & { readonly label?: ReactNode };

/** One of the picker's radio groups, labelled by its own sublabel. */
function subGroup(field: FieldContextValue, kind: string, label: ReactNode, props: ChoiceGroupProps, ref: Ref<HTMLDivElement>) {
  const labelId = `${field.controlId}-${kind}-label`;
  return (
    <div data-seedance-part="dimension-group">
      <span id={labelId} data-seedance-part="sublabel">
        {label}
      </span>
      <ChoiceGroup labelledBy={labelId} {...props} ref={ref} />
    </div>
  );
}

/** The resolution presets (480p, 1080p), with their own label. */
export const DimensionPickerResolution = forwardRef<HTMLDivElement, SubGroupProps>(function DimensionPickerResolution({ label, ...props }, ref) {
  const field = useDimensions('Resolution');
  const { state } = field;
  const messages = useSeedanceMessages();
  return subGroup(
    field,
    'resolution',
    label ?? messages.resolutionLabel,
    {
      choices: spec.resolutions.map((resolution) => ({
        value: resolution,
        label: messages.resolutionName(resolution),
        disabled: !state.available.resolutions.includes(resolution),
      })),
      value: state.value.resolution,
      onValueChange: (text) => {
        const resolution = spec.resolutions.find((r) => r === text);
        if (resolution) state.setValue(keepAvailable({ ...state.value, resolution }, state));
      },
      part: 'resolution-group',
      ...props,
    },
    ref,
  );
});

/** The aspect ratios, each with its shape and size at the chosen resolution; "like the image" with a frame image. */
export const DimensionPickerAspectRatio = forwardRef<HTMLDivElement, SubGroupProps>(function DimensionPickerAspectRatio({ label, ...props }, ref) {
  const field = useDimensions('AspectRatio');
  const { state } = field;
  const messages = useSeedanceMessages();
  const { resolution } = state.value;
  const choices: Choice[] = spec.aspectRatios.map((aspectRatio) => {
    const pair = dimensionsFor(resolution, aspectRatio);
    return {
      value: aspectRatio,
      label: messages.aspectRatioName(aspectRatio),
      description: pair && messages.dimensionsValue(pair.width, pair.height),
      disabled: !pair || !state.available.dimensions.includes(pair),
      icon: pair && <AspectShape aspect={`${pair.width} / ${pair.height}`} />,
    };
  });
  if (state.hasFrameImage) {
    choices.unshift({
      value: 'frameImage',
      label: messages.fromFrameImage,
      disabled: !state.available.resolutions.includes(resolution),
      icon: <AspectShape />,
    });
  }
  return subGroup(
    field,
    'aspect',
    label ?? messages.aspectRatioLabel,
    {
      choices,
      value: state.value.aspectRatio === 'frameImage' && !state.hasFrameImage ? defaultDimensionSelection.aspectRatio : state.value.aspectRatio,
      onValueChange: (text) => {
        const aspectRatio: AspectRatioChoice | undefined = text === 'frameImage' ? text : spec.aspectRatios.find((r) => r === text);
        if (aspectRatio) state.setValue({ ...state.value, aspectRatio });
      },
      part: 'aspect-ratio-group',
      ...props,
    },
    ref,
  );
});

/** A ratio's shape, or (without one) the frame image's. */
function AspectShape({ aspect }: { readonly aspect?: string }) {
  return (
    <span
      data-seedance-part="aspect-shape"
      data-frame-image={aspect ? undefined : ''}
      aria-hidden="true"
      style={aspect ? ({ '--seedance-aspect': aspect } as CSSProperties) : undefined}
    />
  );
}

/** After a resolution change, moves to an allowed ratio if the current one is not offered there. */
function keepAvailable(next: DimensionSelection, { available }: DimensionState): DimensionSelection {
  if (next.aspectRatio === 'frameImage') return next;
  const pair = dimensionsFor(next.resolution, next.aspectRatio);
  if (pair && available.dimensions.includes(pair)) return next;
  const first = available.dimensions.find((d) => d.resolution === next.resolution);
  return first ? { resolution: next.resolution as Resolution, aspectRatio: first.aspectRatio } : next;
}

export interface DimensionPickerValueProps extends ComponentPropsWithoutRef<'p'> {
  readonly asChild?: boolean;
}

/** The chosen size as text, e.g. "864×480", or "like the image". Not in the assembled picker: pure, so a bundle that never renders it leaves it out. */
export const DimensionPickerValue: Part<DimensionPickerValueProps, HTMLParagraphElement> = /* @__PURE__ */ textPart<FieldContextValue<DimensionState>, HTMLParagraphElement, 'p'>(
  useDimensions,
  'Value',
  'p',
  'dimension-value',
  ({ state }, messages) => {
    const { resolution, aspectRatio } = state.value;
    const pair = aspectRatio === 'frameImage' ? undefined : dimensionsFor(resolution, aspectRatio);
    return [
      state.following ? `${messages.resolutionName(resolution)}, ${messages.fromFrameImage}` : pair ? messages.dimensionsValue(pair.width, pair.height) : '',
    ];
  },
);

export type DimensionPickerProps = DimensionPickerRootProps;

/** The assembled picker alone, without its parts attached (the widget renders this). */
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
  return useDimensions('Description').state.following ? <FieldDescription /> : null;
}

export const DimensionPicker = withParts(DimensionPickerAssembled, {
  Root: DimensionPickerRoot,
  Label: FieldLabel,
  Resolution: DimensionPickerResolution,
  AspectRatio: DimensionPickerAspectRatio,
  Value: DimensionPickerValue,
  Description: FieldDescription,
  Error: FieldError,
});
