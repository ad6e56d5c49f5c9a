// Where storage is blocked, some browsers throw on merely reading window.indexedDB; make that read
// safe before any module touches it, so the app can fall back to memory instead of a blank page.
// Imported first by main.tsx: a module's imports are evaluated in order, so this runs before Dexie.
try {
  void window.indexedDB;
} catch {
  Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
}
