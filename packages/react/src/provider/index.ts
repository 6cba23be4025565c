export { SeedanceProvider, type SeedanceProviderProps } from './seedance-provider.js';
export { SeedanceContext, useOptionalSeedanceContext, useSeedanceContext, type SeedanceContextValue } from './seedance-context.js';
