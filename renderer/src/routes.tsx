import { Navigate, NavLink, type RouteObject } from 'react-router';
import { App, Loading } from './App';
import { PAGE_CHUNKS, type PagePath } from './page-chunks';

/**
 * The app's routes: the signed-in layout (App) around every page. Each page's code is loaded by
 * the router before it shows the page (route `lazy`), so the first page never flashes a fallback
 * and moving to another page keeps the current one on screen until the next one's code is in.
 */
export const ROUTES: RouteObject[] = [
  {
    path: '/',
    Component: App,
    // Only while the first page's code loads; boot.ts has already started it.
    HydrateFallback: Loading,
    children: [
      { index: true, element: <Navigate to="/facilities" replace /> },
      ...(Object.keys(PAGE_CHUNKS) as PagePath[]).map((path) => ({ path, lazy: async () => ({ Component: await PAGE_CHUNKS[path]() }) })),
      { path: '*', Component: NotFound },
    ],
  },
];

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
