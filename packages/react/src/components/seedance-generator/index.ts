export { SeedanceGenerator, type SeedanceGeneratorProps } from './seedance-generator.js';
