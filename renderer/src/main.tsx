import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router';
import { createQueryClient } from './calls/cache';
import { createHttpBridge } from './http-bridge';
import { ROUTES } from './routes';
import './styles.css';

// In Electron the preload has installed window.api; in a browser we install the same bridge.
if (!window.api) window.api = createHttpBridge();

// Starts loading the first page's code at once (it was already asked for by boot.ts).
const router = createHashRouter(ROUTES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
