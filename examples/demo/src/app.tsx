import { SeedanceProvider, useEffectiveLimits } from '@seedance-kit/react';
import { CustomPage } from './custom-page.js';
import { useHashRoute } from './use-hash-route.js';
import { useTheme } from './use-theme.js';
import { WidgetPage } from './widget-page.js';

export const ENDPOINT = '/api/seedance';

export function App() {
  const route = useHashRoute();
  const [theme, setTheme] = useTheme();
  return (
    <SeedanceProvider endpoint={ENDPOINT}>
      <header className="demo-header">
        <div className="demo-bar">
          <p className="demo-brand">seedance-kit</p>
          <nav aria-label="Demo pages">
            <a href="#/" aria-current={route === 'widget' ? 'page' : undefined}>
              Drop-in widget
            </a>
            <a href="#/custom" aria-current={route === 'custom' ? 'page' : undefined}>
              Custom layout
            </a>
          </nav>
          <button type="button" className="demo-theme" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
            Dark theme
          </button>
        </div>
        <ProviderBanner />
      </header>
      <main className="demo-main">{route === 'custom' ? <CustomPage /> : <WidgetPage />}</main>
    </SeedanceProvider>
  );
}

/** Says on screen whether videos come from real Runware (and cost money) or the local simulator. */
function ProviderBanner() {
  const limits = useEffectiveLimits();
  const provider = limits.data?.provider;
  if (!provider) return null;
  const cap = limits.data?.maxTaskCostUsd;
  return (
    <p className="demo-banner" data-provider={provider}>
      {provider === 'runware'
        ? `Real Runware: generations are charged to the server's account${typeof cap === 'number' ? ` (at most $${cap.toFixed(2)} per task)` : ''}.`
        : 'Local Runware: videos are made offline by the simulator, free of charge.'}
    </p>
  );
}
