// @seedance-kit/react: hooks, parts and the drop-in widget arrive with the React issue.
export { seedanceProFast } from '@seedance-kit/core';
