// app/providers.tsx: the client boundary for a custom UI built from hooks.
'use client';
import { SeedanceProvider } from '@seedance-kit/react';
import type { ReactNode } from 'react';

export function Providers({ children }: { readonly children: ReactNode }) {
  return <SeedanceProvider endpoint="/api/seedance">{children}</SeedanceProvider>;
}
