export {
  SeedField,
  SeedFieldInput,
  SeedFieldMode,
  SeedFieldRandomize,
  SeedFieldRoot,
  type SeedFieldInputProps,
  type SeedFieldModeProps,
  type SeedFieldProps,
  type SeedFieldRandomizeProps,
  type SeedFieldRootProps,
  type SeedMode,
  type SeedValue,
} from './seed-field.js';
