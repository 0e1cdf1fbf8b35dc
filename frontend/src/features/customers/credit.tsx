/** A customer's credit standing, shown the moment the customer is chosen on an order or invoice. */
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { formatMoneyIn } from '@/components/orders/money';
import type { Row } from '@/components/resource/types';

export function creditNotice(customer: Row): ReactNode {
  const name = String(customer.name ?? 'This customer');
  if (customer.credit_hold) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="credit-hold-notice"
        message={`${name} is on credit hold`}
        description="New orders cannot be confirmed until accounting releases the hold (a manager may override it with a reason)."
      />
    );
  }
  if (customer.credit_limit) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="credit-limit-notice"
        message={`Credit limit ${formatMoneyIn(customer.credit_limit as string, (customer.currency as string) || undefined)}`}
      />
    );
  }
  return null;
}
