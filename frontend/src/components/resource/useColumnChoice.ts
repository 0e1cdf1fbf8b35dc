/** Which columns a user shows for a resource: a display preference, remembered in localStorage. */
import { useCallback, useState } from 'react';
import type { AnyResource } from './types';

function storageKey(resource: AnyResource): string {
  return `pm.columns.${resource.key}`;
}

function defaults(resource: AnyResource): string[] {
  return resource.columns.filter((column) => !column.hidden).map((column) => column.key);
}

export function useColumnChoice(resource: AnyResource) {
  const [visible, setVisible] = useState<string[]>(() => {
    try {
      const saved = JSON.parse(window.localStorage.getItem(storageKey(resource)) ?? 'null') as unknown;
      if (Array.isArray(saved)) {
        const known = new Set(resource.columns.map((column) => column.key));
        const kept = saved.filter((key): key is string => typeof key === 'string' && known.has(key));
        if (kept.length) return kept;
      }
    } catch {
      // A corrupt preference falls back to the defaults.
    }
    return defaults(resource);
  });

  const choose = useCallback(
    (keys: string[]) => {
      setVisible(keys);
      window.localStorage.setItem(storageKey(resource), JSON.stringify(keys));
    },
    [resource],
  );

  const reset = useCallback(() => {
    window.localStorage.removeItem(storageKey(resource));
    setVisible(defaults(resource));
  }, [resource]);

  return { visible, choose, reset };
}
