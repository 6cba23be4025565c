'use client';
import { useCallback, type Ref, type RefCallback } from 'react';
import { composeRefs } from './compose.js';

export function useComposedRefs<T>(...refs: readonly (Ref<T> | undefined)[]): RefCallback<T> {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the refs themselves are the dependencies
  return useCallback(composeRefs(...refs), refs);
}
