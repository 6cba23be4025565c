// app/studio/page.tsx: stays a Server Component; only the widget is client code.
import { SeedanceGenerator } from '@seedance-kit/react';

export const metadata = { title: 'Studio' };

export default function StudioPage() {
  return (
    <main>
      <h1>Studio</h1>
      <SeedanceGenerator endpoint="/api/seedance" />
    </main>
  );
}
