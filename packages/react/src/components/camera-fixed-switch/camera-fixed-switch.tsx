'use client';
import { seedanceProFast } from '@seedance-kit/core';
import { Switch } from 'radix-ui';
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { withParts } from '../internal/compose.js';
import { controlAria, FieldDescription, FieldError, FieldLabel, FieldRootElement, fieldData, useField, useFieldContext } from '../internal/field.js';
import { useControllableState } from '../../lib/use-controllable-state.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';

interface CameraState {
  readonly value: boolean;
  readonly setValue: (value: boolean) => void;
  readonly name: string | undefined;
}

export interface CameraFixedSwitchRootProps extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue'> {
  readonly value?: boolean;
  readonly defaultValue?: boolean;
  readonly onValueChange?: (cameraFixed: boolean) => void;
  readonly error?: ReactNode;
  readonly disabled?: boolean;
  readonly name?: string;
  readonly asChild?: boolean;
}

/** Whether the camera stays still (no pan, tilt or zoom); default from the spec. */
export const CameraFixedSwitchRoot = forwardRef<HTMLDivElement, CameraFixedSwitchRootProps>(function CameraFixedSwitchRoot(
  { value: valueProp, defaultValue = seedanceProFast.cameraFixed.default, onValueChange, error, disabled, name, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const [value, setValue] = useControllableState({ value: valueProp, defaultValue, onChange: onValueChange });
  const field = useFieldContext<CameraState>(
    'CameraFixedSwitch',
    { error, disabled, labelable: true, labelText: messages.cameraFixedLabel, descriptionText: messages.cameraFixedDescription },
    { value, setValue, name },
  );
  return <FieldRootElement field={field} part="camera-fixed-switch" state={value ? 'checked' : 'unchecked'} {...props} ref={ref} />;
});

export type CameraFixedSwitchControlProps = Omit<ComponentPropsWithoutRef<typeof Switch.Root>, 'checked' | 'defaultChecked' | 'onCheckedChange'>;

/** The Radix switch (role switch); Space toggles. */
export const CameraFixedSwitchControl = forwardRef<HTMLButtonElement, CameraFixedSwitchControlProps>(function CameraFixedSwitchControl(
  { children, ...props },
  ref,
) {
  const field = useField<CameraState>('Control', 'CameraFixedSwitch');
  const camera = field.state;
  return (
    <Switch.Root
      id={field.controlId}
      name={camera.name}
      checked={camera.value}
      onCheckedChange={camera.setValue}
      disabled={field.disabled}
      {...controlAria(field)}
      data-seedance-part="switch"
      {...fieldData(field)}
      {...props}
      ref={ref}
    >
      {children ?? <Switch.Thumb data-seedance-part="switch-thumb" />}
    </Switch.Root>
  );
});

export type CameraFixedSwitchProps = CameraFixedSwitchRootProps;

/** The assembled component, without its parts attached (what the widget renders). */
const CameraFixedSwitchAssembled = forwardRef<HTMLDivElement, CameraFixedSwitchProps>(function CameraFixedSwitch(props, ref) {
  return (
    <CameraFixedSwitchRoot {...props} ref={ref}>
      <div data-seedance-part="switch-row">
        <CameraFixedSwitchControl />
        <FieldLabel />
      </div>
      <FieldDescription />
      <FieldError />
    </CameraFixedSwitchRoot>
  );
});

export const CameraFixedSwitch = withParts(CameraFixedSwitchAssembled, {
  Root: CameraFixedSwitchRoot,
  Control: CameraFixedSwitchControl,
  Label: FieldLabel,
  Description: FieldDescription,
  Error: FieldError,
});
