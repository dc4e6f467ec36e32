import { useEffect, useState } from 'preact/hooks';

/**
 * Form state that survives leaving the screen and coming back (sessionStorage: this tab only,
 * gone when it closes). Never give it contact details: those go to the services and nowhere else.
 */
export function useDraft<T extends object>(
  key: string,
  initial: () => T,
): [T, (next: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => read(key) ?? initial());
  useEffect(() => {
    try {
      sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      // A full or disabled sessionStorage only costs the draft, never the form itself.
    }
  }, [key, value]);
  const clear = () => {
    try {
      sessionStorage.removeItem(key);
    } catch {
      // Same as above: nothing to lose.
    }
  };
  return [value, setValue, clear];
}

function read<T>(key: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}
