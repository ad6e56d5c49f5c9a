import './ui/styles.css';

// Where storage is blocked, some browsers throw on merely reading window.indexedDB; make that read
// safe before any module touches it, so the app can fall back to memory instead of a blank page.
try {
  void window.indexedDB;
} catch {
  Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
}

void import('./app/boot').then(({ boot }) => boot());
