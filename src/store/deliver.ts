/**
 * Calls a bus subscriber. A throwing subscriber must not break the publisher (local bus) or the
 * shared subscriber connection (Redis bus), so its error is logged and dropped.
 */
export function deliver(onMessage: (message: string) => void, message: string): void {
  try {
    onMessage(message);
  } catch (error) {
    console.error('event bus subscriber failed:', error);
  }
}
