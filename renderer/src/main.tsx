import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router';
import { createQueryClient } from './calls/cache';
import { createHttpBridge } from './http-bridge';
import { appRoutes } from './routes';
import './styles.css';

// In Electron the preload has installed window.api; in a browser we install the same bridge.
if (!window.api) window.api = createHttpBridge();

const queryClient = createQueryClient();
// Starts loading the first page's code at once (boot.ts has already asked for it).
const router = createHashRouter(appRoutes(queryClient));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
