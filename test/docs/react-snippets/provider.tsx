'use client';
import { memoryTaskStorage } from '@seedance-kit/core';
import { SeedanceGenerator, SeedanceProvider } from '@seedance-kit/react';
import '@seedance-kit/react/styles.css';

export function App({ authToken }: { readonly authToken: string }) {
  return (
    <SeedanceProvider
      endpoint="/api/seedance"
      // Called per request: the app's auth travels with every call to the route.
      headers={() => ({ Authorization: `Bearer ${authToken}` })}
      defaults={{ duration: 6, outputFormat: 'WEBM' }}
      messages={{ submit: 'Render', generatorTitle: 'New clip' }}
      // Default is sessionStorage; memory storage forgets running tasks on reload.
      storage={memoryTaskStorage()}
    >
      <SeedanceGenerator />
    </SeedanceProvider>
  );
}
