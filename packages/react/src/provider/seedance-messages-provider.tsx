'use client';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { defaultMessages, type SeedanceMessages } from '../messages.js';

const SeedanceMessagesContext = createContext<SeedanceMessages>(defaultMessages);

export interface SeedanceMessagesProviderProps {
  /** Strings to replace; anything left out (or `undefined`) keeps the value from above. */
  readonly messages?: Partial<SeedanceMessages> | undefined;
  readonly children?: ReactNode;
}

/**
 * Gives every part below its strings. `SeedanceProvider` renders one with its `messages`; use
 * this one directly to translate parts used without a provider. Nested providers layer.
 */
export function SeedanceMessagesProvider({ messages, children }: SeedanceMessagesProviderProps) {
  const parent = useContext(SeedanceMessagesContext);
  const value = useMemo(() => {
    if (!messages) return parent;
    const merged: Record<string, unknown> = { ...parent };
    for (const [key, text] of Object.entries(messages)) if (text !== undefined) merged[key] = text;
    return merged as unknown as SeedanceMessages;
  }, [parent, messages]);
  return <SeedanceMessagesContext.Provider value={value}>{children}</SeedanceMessagesContext.Provider>;
}

/** The strings in effect here: the English defaults unless a provider above replaced some. */
export function useSeedanceMessages(): SeedanceMessages {
  return useContext(SeedanceMessagesContext);
}
