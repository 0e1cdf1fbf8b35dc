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
    // Reached from e-mails, signed in or not.
    {
      path: '/forgot-password',
      errorElement: <RouteError />,
      HydrateFallback: FullPageSpinner,
      lazy: () => import('@/features/auth/ForgotPasswordPage').then((module) => ({ Component: module.default })),
    },
    {
      path: '/reset-password',
      errorElement: <RouteError />,
      HydrateFallback: FullPageSpinner,
      lazy: () => import('@/features/auth/ResetPasswordPage').then((module) => ({ Component: module.default })),
    },
    {
      path: '/accept-invitation',
      errorElement: <RouteError />,
      HydrateFallback: FullPageSpinner,
      lazy: () => import('@/features/auth/AcceptInvitationPage').then((module) => ({ Component: module.default })),
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
            // The dashboard is the home page (/dashboard stays a link to it).
            { index: true, lazy: () => import('@/features/dashboard/DashboardPage').then((m) => ({ Component: m.default })) },
            { path: 'settings', lazy: () => import('@/features/settings/SettingsPage').then((m) => ({ Component: m.default })) },
            // Orders, money and the assistant: their own detail pages (static paths outrank :resource).
            { path: 'dashboard', lazy: () => import('@/features/dashboard/DashboardPage').then((m) => ({ Component: m.default })) },
            { path: 'purchase-orders/*', lazy: () => import('@/features/purchase-orders/routes').then((m) => ({ Component: m.default })) },
            { path: 'sales-orders/*', lazy: () => import('@/features/sales-orders/routes').then((m) => ({ Component: m.default })) },
            { path: 'loads/*', lazy: () => import('@/features/loads/routes').then((m) => ({ Component: m.default })) },
            { path: 'invoices/*', lazy: () => import('@/features/invoices/routes').then((m) => ({ Component: m.default })) },
            { path: 'payments/*', lazy: () => import('@/features/payments/routes').then((m) => ({ Component: m.default })) },
            { path: 'supplier-bills/*', lazy: () => import('@/features/payables/routes').then((m) => ({ Component: m.SupplierBillRoutes })) },
            { path: 'freight-bills/*', lazy: () => import('@/features/payables/routes').then((m) => ({ Component: m.FreightBillRoutes })) },
            { path: 'payments-out/*', lazy: () => import('@/features/payables/routes').then((m) => ({ Component: m.PaymentOutRoutes })) },
            { path: 'debit-memos/*', lazy: () => import('@/features/payables/routes').then((m) => ({ Component: m.DebitMemoRoutes })) },
            { path: 'payables/*', lazy: () => import('@/features/payables/PayablesPage').then((m) => ({ Component: m.default })) },
            { path: 'settlement-reports', lazy: () => import('@/features/settlement/ReportsPage').then((m) => ({ Component: m.default })) },
            { path: 'receivables/*', lazy: () => import('@/features/receivables/ReceivablesPage').then((m) => ({ Component: m.default })) },
            { path: 'journal-exports', lazy: () => import('@/features/accounting/JournalExportsPage').then((m) => ({ Component: m.default })) },
            { path: 'recall', lazy: () => import('@/features/recall/RecallPage').then((m) => ({ Component: m.default })) },
            { path: 'assistant/*', lazy: () => import('@/features/assistant/routes').then((m) => ({ Component: m.default })) },
            { path: ':resource/*', lazy: () => import('@/features/resources/ResourceRoutes').then((m) => ({ Component: m.default })) },
          ],
        },
      ],
    },
  ]);
}
