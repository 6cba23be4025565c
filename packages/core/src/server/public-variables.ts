/** Prefixes that bundlers (Next.js, Vite, Astro, Expo, Create React App, Nuxt, Gatsby) inline into browser code. */
const PUBLIC_PREFIXES = ['NEXT_PUBLIC_', 'VITE_', 'PUBLIC_', 'EXPO_PUBLIC_', 'REACT_APP_', 'NUXT_PUBLIC_', 'GATSBY_'];

/**
 * Refuses to start when the Runware key sits in a variable a bundler would ship to every
 * visitor: by name (…RUNWARE…KEY) or by value. Names the variable, never its value.
 */
export function refuseKeyInPublicVariable(env: Readonly<Record<string, string | undefined>>, apiKey: string | undefined): void {
  for (const [name, value] of Object.entries(env)) {
    const upper = name.toUpperCase();
    if (!PUBLIC_PREFIXES.some((prefix) => upper.startsWith(prefix)) || !value) continue;
    const namedLikeTheKey = upper.includes('RUNWARE') && /KEY|SECRET|TOKEN/.test(upper);
    if (namedLikeTheKey || (apiKey !== undefined && value.trim() === apiKey.trim())) {
      throw new Error(
        `seedance: the Runware API key is in ${name}, a variable that bundlers put into browser code. ` +
          'Keep it in RUNWARE_API_KEY (no public prefix), remove it from that variable, and rotate the key.',
      );
    }
  }
}
