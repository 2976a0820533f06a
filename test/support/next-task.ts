/**
 * Resolves in a new task (a message, not a timer): by then every promise job
 * queued before it has run, stream reads and writes included. For asserting
 * that something did NOT happen as a consequence of what came before, such as
 * a read ahead of the consumer, without waiting any length of time.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
