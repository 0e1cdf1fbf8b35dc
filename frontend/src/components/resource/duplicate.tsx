/** The API's 409 for a second order with the same customer PO / supplier confirmation (`duplicate_of`): ask
 * the broker, and book it again only when they say so (`confirm_duplicate: true`). */
import { Modal } from 'antd';
import { ApiError } from '@/api/errors';

export type DuplicateOf = { id: number; number: string };

export function duplicateOf(error: unknown): DuplicateOf | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const body = error.body as { duplicate_of?: DuplicateOf } | null;
  return body?.duplicate_of && typeof body.duplicate_of.id === 'number' ? body.duplicate_of : null;
}

/** Runs `write`; on a duplicate 409 shows the first order (a link under `linkBase`) and, when confirmed,
 * writes again with `confirm_duplicate: true`. Resolves to null when the broker keeps the first order only. */
export async function writeUnlessDuplicate<T>(write: (extra: Record<string, unknown>) => Promise<T>, linkBase: string): Promise<T | null> {
  try {
    return await write({});
  } catch (error) {
    const first = duplicateOf(error);
    if (!first) throw error;
    const again = await new Promise<boolean>((resolve) => {
      Modal.confirm({
        title: 'This looks like an order you already have',
        content: (
          <div data-testid="duplicate-warning">
            <p>{(error as ApiError).detail}</p>
            <a href={`${linkBase}/${first.id}`} target="_blank" rel="noreferrer">
              Open {first.number}
            </a>
          </div>
        ),
        okText: 'Book it again',
        cancelText: 'Keep the first only',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
    return again ? write({ confirm_duplicate: true }) : null;
  }
}
