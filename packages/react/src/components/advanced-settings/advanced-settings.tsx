'use client';
import { Collapsible } from 'radix-ui';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { withParts } from '../internal/compose.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';

export type AdvancedSettingsRootProps = ComponentPropsWithoutRef<typeof Collapsible.Root>;

/** A disclosure for the less used settings; closed by default. `open`/`defaultOpen`/`onOpenChange`. */
export const AdvancedSettingsRoot = forwardRef<HTMLDivElement, AdvancedSettingsRootProps>(function AdvancedSettingsRoot(props, ref) {
  return <Collapsible.Root data-seedance-part="advanced-settings" {...props} ref={ref} />;
});

export type AdvancedSettingsTriggerProps = ComponentPropsWithoutRef<typeof Collapsible.Trigger>;

/** The button that opens and closes it (aria-expanded, aria-controls from Radix). */
export const AdvancedSettingsTrigger = forwardRef<HTMLButtonElement, AdvancedSettingsTriggerProps>(function AdvancedSettingsTrigger(
  { children, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  return (
    <Collapsible.Trigger data-seedance-part="advanced-settings-trigger" {...props} ref={ref}>
      {children ?? (
        <>
          <span data-seedance-part="advanced-settings-chevron" aria-hidden="true" />
          {messages.advancedSettings}
        </>
      )}
    </Collapsible.Trigger>
  );
});

export type AdvancedSettingsContentProps = ComponentPropsWithoutRef<typeof Collapsible.Content>;

export const AdvancedSettingsContent = forwardRef<HTMLDivElement, AdvancedSettingsContentProps>(function AdvancedSettingsContent(props, ref) {
  return <Collapsible.Content data-seedance-part="advanced-settings-content" {...props} ref={ref} />;
});

export interface AdvancedSettingsProps extends AdvancedSettingsRootProps {
  /** The trigger's text; default from the messages. */
  readonly label?: string;
}

/** Trigger and content; the children go in the content. Without its parts attached (what the widget renders). */
const AdvancedSettingsAssembled = forwardRef<HTMLDivElement, AdvancedSettingsProps>(function AdvancedSettings({ label, children, ...props }, ref) {
  return (
    <AdvancedSettingsRoot {...props} ref={ref}>
      <AdvancedSettingsTrigger>{label}</AdvancedSettingsTrigger>
      <AdvancedSettingsContent>{children}</AdvancedSettingsContent>
    </AdvancedSettingsRoot>
  );
});

export const AdvancedSettings = withParts(AdvancedSettingsAssembled, {
  Root: AdvancedSettingsRoot,
  Trigger: AdvancedSettingsTrigger,
  Content: AdvancedSettingsContent,
});
