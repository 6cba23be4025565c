'use client';
import { seedanceProFast } from '@seedance-kit/core';
import { Switch } from 'radix-ui';
import { createContext, forwardRef, useContext, useMemo, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { FieldDescription, FieldError, FieldLabel, fieldData, hasError, useField, useFieldContext } from '../internal/field.js';
import { FieldRootElement } from '../internal/field-root.js';
import { useControllableState } from '../internal/use-controllable-state.js';
import { useSeedanceMessages } from '../messages-provider/messages-provider.js';

interface CameraContextValue {
  readonly value: boolean;
  readonly setValue: (value: boolean) => void;
  readonly name: string | undefined;
}
const CameraContext = createContext<CameraContextValue | null>(null);

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
  { value: valueProp, defaultValue = seedanceProFast.cameraFixed.default, onValueChange, error, disabled = false, name, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const [value, setValue] = useControllableState({ value: valueProp, defaultValue, onChange: onValueChange });
  const field = useFieldContext({
    invalid: hasError(error),
    disabled,
    error,
    labelable: true,
    labelText: messages.cameraFixedLabel,
    descriptionText: messages.cameraFixedDescription,
  });
  const context = useMemo(() => ({ value, setValue, name }), [value, setValue, name]);
  return (
    <CameraContext.Provider value={context}>
      <FieldRootElement field={field} part="camera-fixed-switch" state={value ? 'checked' : 'unchecked'} {...props} ref={ref} />
    </CameraContext.Provider>
  );
});

export type CameraFixedSwitchControlProps = Omit<ComponentPropsWithoutRef<typeof Switch.Root>, 'checked' | 'defaultChecked' | 'onCheckedChange'>;

/** The Radix switch (role switch); Space toggles. */
export const CameraFixedSwitchControl = forwardRef<HTMLButtonElement, CameraFixedSwitchControlProps>(function CameraFixedSwitchControl(
  { children, ...props },
  ref,
) {
  const field = useField('CameraFixedSwitch.Control');
  const camera = useContext(CameraContext);
  if (!camera) throw new Error('<CameraFixedSwitch.Control> must be inside <CameraFixedSwitch.Root>.');
  return (
    <Switch.Root
      id={field.controlId}
      name={camera.name}
      checked={camera.value}
      onCheckedChange={camera.setValue}
      disabled={field.disabled}
      aria-describedby={field.describedBy}
      aria-invalid={field.invalid || undefined}
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

export const CameraFixedSwitch = Object.assign(CameraFixedSwitchAssembled, {
  Root: CameraFixedSwitchRoot,
  Control: CameraFixedSwitchControl,
  Label: FieldLabel,
  Description: FieldDescription,
  Error: FieldError,
});
