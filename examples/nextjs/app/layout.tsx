import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@seedance-kit/react/styles.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'seedance-kit on Next.js',
  description: 'Generate videos with Seedance 1.0 Pro Fast',
};

export default function RootLayout({ children }: { readonly children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
