export {
  AdvancedSettings,
  AdvancedSettingsContent,
  AdvancedSettingsRoot,
  AdvancedSettingsTrigger,
  type AdvancedSettingsContentProps,
  type AdvancedSettingsProps,
  type AdvancedSettingsRootProps,
  type AdvancedSettingsTriggerProps,
} from './advanced-settings.js';
