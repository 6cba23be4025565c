// app/layout.tsx: a Server Component; the stylesheet is plain CSS and can load here.
import '@seedance-kit/react/styles.css';
import type { ReactNode } from 'react';

export default function RootLayout({ children }: { readonly children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
