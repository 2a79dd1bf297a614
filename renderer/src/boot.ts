import { preloadPageFor } from './page-chunks';

// The page's own code starts loading now, beside React and the app, not after they have loaded
// and run: a static import would wait for them.
preloadPageFor(window.location.hash);
void import('./main');
