export { SeedanceGenerator, type SeedanceCSSVariables, type SeedanceGeneratorProps, type SeedanceGeneratorSection } from './seedance-generator.js';
