export { SeedanceMessagesProvider, type SeedanceMessagesProviderProps } from '../../provider/seedance-messages-provider.js';
