/** Routes; every page is a lazy chunk, so the sign-in page loads only what it needs. */
import { createBrowserRouter } from 'react-router';
import { AuthGuard } from './AuthGuard';
import { FullPageSpinner, RouteError } from './RouteError';

export function createAppRouter() {
  return createBrowserRouter([
    {
      path: '/sign-in',
      errorElement: <RouteError />,
      HydrateFallback: FullPageSpinner,
      lazy: () => import('@/features/auth/SignInPage').then((module) => ({ Component: module.default })),
    },
    {
      path: '/',
      element: <AuthGuard />,
      errorElement: <RouteError />,
      HydrateFallback: FullPageSpinner,
      children: [
        {
          lazy: () => import('./AppLayout').then((module) => ({ Component: module.default })),
          errorElement: <RouteError />,
          children: [
            { index: true, lazy: () => import('@/features/home/HomePage').then((m) => ({ Component: m.default })) },
            { path: 'settings', lazy: () => import('@/features/settings/SettingsPage').then((m) => ({ Component: m.default })) },
            { path: ':resource/*', lazy: () => import('@/features/resources/ResourceRoutes').then((m) => ({ Component: m.default })) },
          ],
        },
      ],
    },
  ]);
}
