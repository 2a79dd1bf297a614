import type { QueryClient } from '@tanstack/react-query';
import { Navigate, NavLink, type RouteObject } from 'react-router';
import { App, Loading } from './App';
import { PAGE_CHUNKS, type PagePath } from './page-chunks';
import { firstRowsQuery, wholeMatrixCached } from './pages/matrix/every-row';

/**
 * The app's routes: the signed-in layout (App) around every page. Each page's code is loaded by
 * the router before it shows the page (route `lazy`), so the first page never flashes a fallback
 * and moving to another page keeps the current one on screen until the next one's code is in.
 */
export function appRoutes(queryClient: QueryClient): RouteObject[] {
  // The matrix's first rows are read with the navigation, beside the page's code, instead of once
  // that code has loaded and mounted; the page shows its own "Loading…" until they are in.
  const firstReads: Partial<Record<PagePath, () => void>> = {
    // Not when the whole matrix is in the cache: the page shows that at once.
    '/matrix': () => {
      if (!wholeMatrixCached(queryClient)) void queryClient.prefetchQuery(firstRowsQuery);
    },
  };
  return [
    {
      path: '/',
      Component: App,
      // Only while the first page's code loads; boot.ts has already started it.
      HydrateFallback: Loading,
      children: [
        { index: true, element: <Navigate to="/facilities" replace /> },
        ...(Object.keys(PAGE_CHUNKS) as PagePath[]).map((path) => {
          const read = firstReads[path];
          return {
            path,
            lazy: async () => ({ Component: await PAGE_CHUNKS[path]() }),
            // Not awaited: the navigation waits for the page's code only.
            loader: read
              ? () => {
                  read();
                  return null;
                }
              : undefined,
          };
        }),
        { path: '*', Component: NotFound },
      ],
    },
  ];
}

function NotFound() {
  return (
    <>
      <header className="page-header">
        <h1>Page not found</h1>
      </header>
      <p>
        That page does not exist. <NavLink to="/facilities">Go to the facility list</NavLink>.
      </p>
    </>
  );
}
