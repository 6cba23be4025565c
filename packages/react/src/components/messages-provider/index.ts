export { SeedanceMessagesProvider, useSeedanceMessages, type SeedanceMessagesProviderProps } from './messages-provider.js';
