/**
 * Keyboard shortcuts of the signed-in app (listed in the `?` overlay and in frontend/README.md):
 *   n            new record (the list's or related list's "New …" button: the first link to …/new in the page)
 *   /            focus the list's search box
 *   Ctrl/Cmd+S   save the form, or the order's lines (works while typing)
 *   j / k, Alt+↓ / Alt+↑   next / previous record on a detail page, in the list's current filter and order
 *   ?            this overlay
 * The one-key shortcuts never fire while typing in a field, with a modifier held, or while a dialog is open.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { useQueryClient } from '@tanstack/react-query';
import { Modal, Table, Typography } from 'antd';
import { listResource } from '@/api/resource';
import type { Query } from '@/api/resource';
import type { Page } from '@/api/types';
import type { AnyResource, Row } from '@/components/resource/types';
import { REGISTRY } from '@/features/registry';

export const SHORTCUTS: { keys: string; does: string }[] = [
  { keys: 'n', does: 'New record (on a list, or a record page with a related list)' },
  { keys: '/', does: 'Search the list' },
  { keys: 'Ctrl+S / ⌘S', does: 'Save the form, or the order’s lines' },
  { keys: 'j  or  Alt+↓', does: 'Next record (in the list’s filter and order)' },
  { keys: 'k  or  Alt+↑', does: 'Previous record' },
  { keys: '?', does: 'Show these shortcuts' },
];

/** True when a key press belongs to what the user is typing (fields, editors, open pickers). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return !!target.closest('[role="combobox"], [role="textbox"], [contenteditable="true"]');
}

const main = () => document.getElementById('main-content') ?? document.body;

function visible(element: Element): element is HTMLElement {
  return element instanceof HTMLElement && element.getClientRects().length > 0 && !element.closest('[aria-hidden="true"]');
}

function firstVisible(selector: string): HTMLElement | null {
  return [...main().querySelectorAll(selector)].find(visible) ?? null;
}

function dialogOpen(): boolean {
  return [...document.querySelectorAll('.ant-modal-wrap, [role="dialog"]')].some(visible);
}

/** The detail page the URL shows, if any: `/<resource>/<id>`. */
export function detailOf(pathname: string): { resource: AnyResource; id: string } | null {
  const match = /^\/([a-z-]+)\/(\d+)\/?$/.exec(pathname);
  const resource = match ? REGISTRY[match[1]!] : undefined;
  return resource && match ? { resource, id: match[2]! } : null;
}

type ListKey = [string, string, Query];

/**
 * The record after (step 1) or before (step -1) `id` in the list the user last looked at for this resource (the
 * cached page with its filters and order; the next or previous page at its edges), else in the default list.
 */
export async function neighbour(queryClient: QueryClient, resource: AnyResource, id: string, step: 1 | -1): Promise<string | null> {
  const cached = queryClient
    .getQueryCache()
    .findAll({ queryKey: ['list', resource.path] })
    .filter((query) => {
      const key = query.queryKey as unknown[];
      const data = query.state.data as Page<Row> | undefined;
      return key.length === 3 && typeof key[2] === 'object' && !!data?.results?.some((row) => String(row.id) === id);
    })
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)[0];
  let query: Query;
  let rows: Row[];
  if (cached) {
    query = (cached.queryKey as ListKey)[2];
    rows = (cached.state.data as Page<Row>).results;
  } else {
    query = { ordering: resource.defaultOrdering, page: 1, page_size: 200 };
    rows = (await listResource<Row>(resource.path, query)).results;
  }
  const index = rows.findIndex((row) => String(row.id) === id);
  if (index < 0) return null;
  const next = rows[index + step];
  if (next) return String(next.id);
  const page = Number(query.page ?? 1) + step;
  if (page < 1) return null;
  try {
    const other = (await listResource<Row>(resource.path, { ...query, page })).results;
    const row = step === 1 ? other[0] : other[other.length - 1];
    return row ? String(row.id) : null;
  } catch {
    return null; // past the last page
  }
}

/** Opens the overlay from elsewhere (the user menu's "Keyboard shortcuts"). */
export function openShortcutHelp(): void {
  window.dispatchEvent(new Event('pm:shortcut-help'));
}

/** Listens on the document; renders the help overlay. Mounted once, in the signed-in layout. */
export function KeyboardShortcuts() {
  const [help, setHelp] = useState(false);
  const helpOpen = useRef(false);
  useEffect(() => {
    helpOpen.current = help;
  }, [help]);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // The address bar's path, not the last render's: a second key pressed right after a move must start from the
  // record the URL already shows, even before this component has rendered for it.
  const go = useCallback(
    async (step: 1 | -1) => {
      const detail = detailOf(window.location.pathname);
      if (!detail) return;
      const id = await neighbour(queryClient, detail.resource, detail.id, step);
      if (id) navigate(`/${detail.resource.key}/${id}`);
    },
    [navigate, queryClient],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        const save = firstVisible('[data-shortcut="save"]:not([disabled])') ?? firstVisible('form button[type="submit"]:not([disabled])');
        event.preventDefault(); // never the browser's "Save page as"
        save?.click();
        return;
      }
      if (event.key === 'Escape' && helpOpen.current) {
        setHelp(false); // wherever the focus is (the dialog closes itself only when it holds the focus)
        return;
      }
      if (isTyping(event.target) || dialogOpen()) return;
      if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        if (!detailOf(window.location.pathname)) return;
        event.preventDefault();
        void go(event.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '?') {
        event.preventDefault();
        setHelp(true);
      } else if (event.key === '/') {
        const search = firstVisible('[role="search"] input');
        if (search) {
          event.preventDefault();
          search.focus();
        }
      } else if (event.key === 'n') {
        const create = firstVisible('a[href$="/new"], a[href*="/new?"]');
        if (create) {
          event.preventDefault();
          create.click();
        }
      } else if ((event.key === 'j' || event.key === 'k') && detailOf(window.location.pathname)) {
        event.preventDefault();
        void go(event.key === 'j' ? 1 : -1);
      }
    };
    const onHelp = () => setHelp(true);
    document.addEventListener('keydown', onKey);
    window.addEventListener('pm:shortcut-help', onHelp);
    return () => {
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('pm:shortcut-help', onHelp);
    };
  }, [go]);

  return (
    <Modal open={help} title="Keyboard shortcuts" footer={null} onCancel={() => setHelp(false)} destroyOnHidden>
      <Table
        size="small"
        pagination={false}
        rowKey="keys"
        dataSource={SHORTCUTS}
        columns={[
          { key: 'keys', title: 'Keys', dataIndex: 'keys', width: 140, render: (keys: string) => <Typography.Text keyboard>{keys}</Typography.Text> },
          { key: 'does', title: 'Does', dataIndex: 'does' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        One-key shortcuts do nothing while you type in a field or while a dialog is open.
      </Typography.Paragraph>
    </Modal>
  );
}
