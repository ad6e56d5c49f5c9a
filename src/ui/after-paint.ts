/** Runs `fn` in a task of its own once the frame now due has been painted; returns a cancel. */
export function afterPaint(fn: () => void): () => void {
  let timer = 0;
  const frame = requestAnimationFrame(() => { timer = window.setTimeout(fn, 0); });
  return () => { cancelAnimationFrame(frame); window.clearTimeout(timer); };
}
