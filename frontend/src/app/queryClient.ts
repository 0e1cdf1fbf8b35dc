/** Server state lives in TanStack Query only. Failed mutations are reported once, here, unless the
 * caller shows the error itself (forms put field errors on their fields): `meta: {handlesErrors: true}`. */
import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/api/errors';
import { notifyError } from './notify';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { handlesErrors?: boolean };
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!mutation.meta?.handlesErrors) notifyError(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // Client errors (403, 404 …) will not change on retry; network and 5xx errors may.
        retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
      },
    },
  });
}
