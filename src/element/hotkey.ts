import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A parsed hotkey: `mod+k` (⌘K on Apple devices, Ctrl+K elsewhere), `ctrl+shift+/`, `/`… */
interface Hotkey {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function parseHotkey(text: string | null | undefined): Hotkey | undefined {
  const parts = (text ?? '')
    .toLowerCase()
    .split('+')
    .map((p) => p.trim());
  const key = parts.pop();
  if (!key) return undefined;
  const has = (name: string) => parts.includes(name);
  const mod = has('mod');
  return {
    key,
    ctrl: has('ctrl') || (mod && !isApple()),
    meta: has('meta') || has('cmd') || (mod && isApple()),
    alt: has('alt'),
    shift: has('shift'),
  };
}

/** Typing in a field: a hotkey without modifiers (`/`) must not steal the key there. */
function typing(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/**
 * Listens for the host's hotkey on the whole document while the host is
 * connected, and calls `action` when it is pressed.
 */
export class HotkeyController implements ReactiveController {
  readonly #hotkey: () => string | null;
  readonly #action: () => void;

  constructor(host: ReactiveControllerHost, hotkey: () => string | null, action: () => void) {
    this.#hotkey = hotkey;
    this.#action = action;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('keydown', this.#onKeydown);
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.#onKeydown);
  }

  #onKeydown = (event: KeyboardEvent): void => {
    const hotkey = parseHotkey(this.#hotkey());
    if (!hotkey || event.defaultPrevented || event.isComposing) return;
    const plain = !hotkey.ctrl && !hotkey.meta && !hotkey.alt;
    if (
      event.key.toLowerCase() !== hotkey.key ||
      event.ctrlKey !== hotkey.ctrl ||
      event.metaKey !== hotkey.meta ||
      event.altKey !== hotkey.alt ||
      // A printable key like `/` or `?` may need Shift to type: only check Shift when asked for it.
      (hotkey.shift && !event.shiftKey) ||
      (plain && typing(event))
    ) {
      return;
    }
    event.preventDefault();
    this.#action();
  };
}
