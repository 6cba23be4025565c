'use client';
import { SeedanceGenerator, type SeedanceCSSVariables } from '@seedance-kit/react';
import '@seedance-kit/react/styles.css';
import type { CSSProperties } from 'react';

// Typed: a misspelt variable name is a compile error.
const brand: CSSProperties & SeedanceCSSVariables = { '--seedance-accent': '#0f766e', '--seedance-accent-hover': '#115e59' };

export function ProductPage({ productName }: { readonly productName: string }) {
  return (
    <main>
      <h1>{productName}</h1>
      <h2>Launch video</h2>
      {/* No SeedanceProvider needed: the widget makes its own from `endpoint`. */}
      <SeedanceGenerator
        endpoint="/api/seedance"
        taskKey={`launch-${productName}`}
        messages={{ generatorTitle: 'Make a launch clip', submit: 'Make clip' }}
        defaults={{ positivePrompt: `${productName} on a turntable, soft studio light`, duration: 6, outputFormat: 'WEBM' }}
        hide={['advanced']}
        headingLevel={3}
        theme="auto"
        style={brand}
        onSuccess={(task) => console.info('saved', task.results.length, 'videos')}
      />
    </main>
  );
}
