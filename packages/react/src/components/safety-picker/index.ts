export {
  SafetyPicker,
  SafetyPickerGroup,
  SafetyPickerRoot,
  safetyInputFor,
  safetyModeOf,
  type SafetyPickerGroupProps,
  type SafetyPickerProps,
} from './safety-picker.js';
