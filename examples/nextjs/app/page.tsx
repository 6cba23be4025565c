'use client';
import { SeedanceGenerator } from '@seedance-kit/react';

// A client page: the widget holds state and talks to /api/seedance from the browser.
export default function Page() {
  return (
    <main className="page">
      <h1>Video studio</h1>
      <p>Seedance 1.0 Pro Fast through this app&apos;s own route at <code>/api/seedance</code>; the Runware key stays on the server.</p>
      <SeedanceGenerator endpoint="/api/seedance" />
    </main>
  );
}
