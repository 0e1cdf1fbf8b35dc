/** Problems reported from the app ("Report a problem") and their triage. */
import { Tag } from 'antd';
import { enumLabel, enumOptions } from '@/api/enums';
import { defineResource } from '@/components/resource/types';

const SEVERITY_COLORS: Record<string, string> = { critical: 'red', high: 'orange', medium: 'gold', low: 'default' };

export const bugReports = defineResource({
  key: 'bug-reports',
  path: '/api/v1/bug-reports/',
  api: 'bug-report',
  title: 'Bug reports',
  singular: 'Bug report',
  description: 'Problems reported from the app, with the page and browser they happened on.',
  rowLabel: (row) => row.title,
  columns: [
    { key: 'title', title: 'Title', sorter: 'title' },
    { key: 'severity', title: 'Severity', sorter: 'severity', render: (row) => <Tag color={SEVERITY_COLORS[String(row.severity)]}>{enumLabel('BugReportSeverityEnum', row.severity)}</Tag> },
    { key: 'status', title: 'Status', sorter: 'status', render: (row) => enumLabel('BugReportStatusEnum', row.status) },
    { key: 'category', title: 'Category', sorter: 'category', render: (row) => enumLabel('BugReportCategoryEnum', row.category) },
    { key: 'reporter', title: 'Reporter', render: (row) => row.reporter?.username ?? '—' },
    { key: 'page_url', title: 'Page', hidden: true },
    { key: 'browser', title: 'Browser', hidden: true },
    { key: 'screen_size', title: 'Screen', hidden: true },
    { key: 'description', title: 'Description', hidden: true },
    { key: 'created_at', title: 'Reported', sorter: 'created_at' },
  ],
  fields: [
    { name: 'title', label: 'Title', required: true, span: 24 },
    { name: 'description', label: 'Description', type: 'textarea', required: true },
    { name: 'category', label: 'Category', type: 'select', options: enumOptions('BugReportCategoryEnum') },
    { name: 'severity', label: 'Severity', type: 'select', options: enumOptions('BugReportSeverityEnum') },
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('BugReportStatusEnum'), only: 'edit' },
    { name: 'steps_to_reproduce', label: 'Steps to reproduce', type: 'textarea' },
    { name: 'expected_behavior', label: 'Expected', type: 'textarea' },
    { name: 'actual_behavior', label: 'Actual', type: 'textarea' },
  ],
  filters: [
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('BugReportStatusEnum') },
    { name: 'severity', label: 'Severity', type: 'select', options: enumOptions('BugReportSeverityEnum') },
    { name: 'is_open', label: 'Open', type: 'boolean' },
  ],
  defaultOrdering: '-created_at',
  // Anyone may file a report; only admins triage or delete them.
  csv: true,
  menu: { group: 'Settings', order: 95 },
});
