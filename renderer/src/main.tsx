import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { App } from './App';
import { createQueryClient } from './calls/cache';
import { createHttpBridge } from './http-bridge';
import './styles.css';

// In Electron the preload has installed window.api; in a browser we install the same bridge.
if (!window.api) window.api = createHttpBridge();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <HashRouter>
        <App />
      </HashRouter>
    </QueryClientProvider>
  </StrictMode>,
);
