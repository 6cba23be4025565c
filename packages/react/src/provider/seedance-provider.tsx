'use client';
import { createSeedanceClient, DEFAULT_BASE_PATH, webTaskStorage, type GenerationInput, type HeadersOption, type SeedanceClient, type TaskStorage } from '@seedance-kit/core';
import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { SeedanceMessagesProvider } from './seedance-messages-provider.js';
import type { SeedanceMessages } from '../messages.js';
import { SeedanceContext, type SeedanceContextValue } from './seedance-context.js';

export interface SeedanceProviderProps {
  /** Where the backend handler is mounted. Default `/api/seedance`. Ignored when `client` is given. */
  readonly endpoint?: string;
  /** A ready client (e.g. `createSeedanceClient({...})` with your own options). */
  readonly client?: SeedanceClient;
  /** Sent with every request, e.g. the app's auth; a function is called per request. */
  readonly headers?: HeadersOption;
  /** The fetch the default client uses. */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * The app's QueryClient. Without one the kit uses the nearest `QueryClientProvider`'s, else
   * its own; it never puts a QueryClientProvider around your tree.
   */
  readonly queryClient?: QueryClient;
  /** Strings to replace (translations); anything left out keeps the English default. */
  readonly messages?: Partial<SeedanceMessages>;
  /** Initial form values, laid over the spec's defaults. */
  readonly defaults?: Partial<GenerationInput>;
  /**
   * Where a running task's id and token are kept so a reload resumes it instead of paying again.
   * Default: sessionStorage. `null` keeps nothing.
   */
  readonly storage?: TaskStorage | null;
  readonly children?: ReactNode;
}

const NO_DEFAULTS: Partial<GenerationInput> = {};

/** Gives the hooks and parts below it a client, a QueryClient, strings, defaults and storage. */
export function SeedanceProvider({ endpoint, client, headers, fetch, queryClient, messages, defaults, storage, children }: SeedanceProviderProps) {
  const outerQueryClient = useContext(QueryClientContext);
  const [ownQueryClient] = useState(() => new QueryClient());
  const activeQueryClient = queryClient ?? outerQueryClient ?? ownQueryClient;
  // Mounting (what QueryClientProvider would do) turns on refetch on focus and reconnect.
  useEffect(() => {
    if (activeQueryClient !== ownQueryClient) return;
    ownQueryClient.mount();
    return () => ownQueryClient.unmount();
  }, [activeQueryClient, ownQueryClient]);
  const [defaultStorage] = useState(() => webTaskStorage());

  // The client reads the latest headers and fetch through a ref, so it stays one object per endpoint.
  const latest = useRef({ headers, fetch });
  latest.current = { headers, fetch };
  const baseUrl = endpoint ?? DEFAULT_BASE_PATH;
  const ownClient = useMemo(
    () =>
      createSeedanceClient({
        baseUrl,
        fetch: (input, init) => (latest.current.fetch ?? globalThis.fetch)(input, init),
        headers: () => {
          const value = latest.current.headers;
          return typeof value === 'function' ? value() : (value ?? {});
        },
      }),
    [baseUrl],
  );

  const value = useMemo<SeedanceContextValue>(
    () => ({
      client: client ?? ownClient,
      queryClient: activeQueryClient,
      defaults: defaults ?? NO_DEFAULTS,
      storage: storage === undefined ? defaultStorage : storage,
    }),
    [client, ownClient, activeQueryClient, defaults, storage, defaultStorage],
  );

  return (
    <SeedanceContext.Provider value={value}>
      <SeedanceMessagesProvider messages={messages}>{children}</SeedanceMessagesProvider>
    </SeedanceContext.Provider>
  );
}
