/**
 * Resolves at the next animation frame, or after `fallbackMs` when frames do not
 * come (a hidden tab pauses them), so a pending update is never stuck.
 */
export function nextFrame(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
