import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@seedance-kit/react/styles.css';
import './demo.css';
import { App } from './app.js';

const root = document.getElementById('root');
if (!root) throw new Error('The demo page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
