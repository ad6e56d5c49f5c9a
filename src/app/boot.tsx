import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openStore } from '../db/schema';
import { App, preloadOnIntent, preloadPage } from './App';

/** Opens the store (in memory where the browser refuses IndexedDB), then renders the app. */
export async function boot(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  preloadPage(window.location.pathname);
  preloadOnIntent(document);
  const storage = await openStore();
  createRoot(root).render(
    <StrictMode>
      <App storage={storage} />
    </StrictMode>,
  );
}
