// Accessible parts on Radix primitives and the drop-in widget. Each component is a set of parts
// (`PromptField.Root`, `PromptField.Input`…), also exported under long names, plus an assembled
// default (`<PromptField/>`). Styling hooks: `data-seedance-part`, `data-state`, `data-invalid`,
// `data-disabled`; the optional stylesheet is `@seedance-kit/react/styles.css`.
export * from './messages-provider/index.js';
export { FieldDescription, FieldError, FieldLabel, type FieldDescriptionProps, type FieldErrorProps, type FieldLabelProps } from './internal/field.js';
export * from './prompt-field/index.js';
export * from './frame-image-picker/index.js';
export * from './duration-slider/index.js';
export * from './dimension-picker/index.js';
export * from './seed-field/index.js';
export * from './camera-fixed-switch/index.js';
export * from './number-results-picker/index.js';
export * from './output-format-picker/index.js';
export * from './safety-picker/index.js';
export * from './advanced-settings/index.js';
export * from './cost-preview/index.js';
export * from './task-status-announcer/index.js';
export * from './video-result/index.js';
export * from './seedance-generator/index.js';
