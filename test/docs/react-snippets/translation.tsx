'use client';
import { SeedanceGenerator, SeedanceProvider, esMessages } from '@seedance-kit/react';

export function SpanishStudio() {
  return (
    <SeedanceProvider endpoint="/api/seedance" messages={{ ...esMessages, generatorTitle: 'Crea tu clip' }}>
      <SeedanceGenerator />
    </SeedanceProvider>
  );
}
