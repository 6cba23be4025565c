export { SeedanceMessagesProvider, useSeedanceMessages, type SeedanceMessagesProviderProps } from '../../provider/seedance-messages-provider.js';
