export {
  PromptField,
  PromptFieldCounter,
  PromptFieldInput,
  PromptFieldRoot,
  type PromptCountState,
  type PromptFieldCounterProps,
  type PromptFieldInputProps,
  type PromptFieldProps,
  type PromptFieldRootProps,
} from './prompt-field.js';
