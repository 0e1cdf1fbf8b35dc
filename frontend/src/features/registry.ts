/** Every resource the app lists and edits, by URL key. A new endpoint is one config file and one line here. */
import type { AnyResource } from '@/components/resource/types';
import { accountMappings, journalEntries } from './accounting/resource';
import { bugReports } from './bug-reports/resource';
import { carriers } from './carriers/resource';
import { claims } from './claims/resource';
import { contacts } from './contacts/resource';
import { customers } from './customers/resource';
import { invoices } from './invoices/resource';
import { loads } from './loads/resource';
import { members } from './members/resource';
import { debitMemos, freightBills, paymentsOut, supplierBills } from './payables/resource';
import { payments } from './payments/resource';
import { plants } from './plants/resource';
import { products } from './products/resource';
import { proteins } from './proteins/resource';
import { purchaseOrders } from './purchase-orders/resource';
import { salesOrders } from './sales-orders/resource';
import { shipToLocations } from './ship-to-locations/resource';
import { suppliers } from './suppliers/resource';

export const RESOURCES: AnyResource[] = [
  suppliers,
  plants,
  products,
  customers,
  shipToLocations,
  contacts,
  carriers,
  proteins,
  members,
  bugReports,
  // Orders and money (their detail pages are routed in app/router.tsx).
  purchaseOrders,
  salesOrders,
  loads,
  invoices,
  payments,
  // Payables (their detail pages are routed in app/router.tsx).
  supplierBills,
  freightBills,
  paymentsOut,
  debitMemos,
  claims,
  // Accounting: the journal (read-only) and the account mapping; exports on their own page.
  journalEntries,
  accountMappings,
];

export const REGISTRY: Record<string, AnyResource> = Object.fromEntries(RESOURCES.map((resource) => [resource.key, resource]));
