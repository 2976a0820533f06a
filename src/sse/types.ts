/** One dispatched server-sent event, as a conformant `EventSource` would report it. */
export interface SseEvent {
  /** The event type; `"message"` when the block set none (or set it empty). */
  event: string;
  /** The `data:` lines of the block joined with LF. */
  data: string;
  /**
   * The stream's last event ID at dispatch time (like `MessageEvent.lastEventId`):
   * it persists across events until an `id` field changes it, `""` if never set.
   */
  id: string;
}
