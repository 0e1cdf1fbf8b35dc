/** "Report a problem" on every page: files a bug report with the page URL, browser and screen size. */
import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { BugOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { applyFieldErrors } from '@/api/errors';
import { client, unwrap } from '@/api/client';
import { notifySuccess } from '@/app/notify';

/** "Chrome 131", "Firefox 133", "Safari 18" … from the user agent; the full string when unknown. */
export function browserName(userAgent: string): string {
  const patterns: [string, RegExp][] = [
    ['Edge', /Edg\/(\d+)/],
    ['Opera', /OPR\/(\d+)/],
    ['Firefox', /Firefox\/(\d+)/],
    ['Chrome', /Chrom(?:e|ium)\/(\d+)/],
    ['Safari', /Version\/(\d+).*Safari/],
  ];
  for (const [name, pattern] of patterns) {
    const match = pattern.exec(userAgent);
    if (match) return `${name} ${match[1]}`;
  }
  return userAgent;
}

export function osName(userAgent: string): string {
  if (/Windows/.test(userAgent)) return 'Windows';
  if (/Android/.test(userAgent)) return 'Android';
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'iOS';
  if (/Mac OS X/.test(userAgent)) return 'macOS';
  if (/CrOS/.test(userAgent)) return 'ChromeOS';
  if (/Linux/.test(userAgent)) return 'Linux';
  return '';
}

/** What the report carries about where it happened (lengths as the API allows). */
export function browserContext() {
  const userAgent = window.navigator.userAgent;
  return {
    client: 'web' as const,
    page_url: window.location.href.slice(0, 500),
    browser: browserName(userAgent).slice(0, 100),
    os: osName(userAgent),
    screen_size: `${window.screen.width}x${window.screen.height}`.slice(0, 20),
  };
}

export function ReportProblemButton() {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const [form] = Form.useForm<{ title: string; description: string }>();
  const report = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (values: { title: string; description: string }) =>
      unwrap(client.POST('/api/v1/bug-reports/', { body: { ...values, ...browserContext() } })),
  });

  const submit = async (values: { title: string; description: string }) => {
    setMessages([]);
    try {
      await report.mutateAsync(values);
      notifySuccess('Thank you: the problem was reported.');
      form.resetFields();
      setOpen(false);
    } catch (error) {
      setMessages(applyFieldErrors(error, form, ['title', 'description']));
    }
  };

  return (
    <>
      <Button icon={<BugOutlined />} onClick={() => setOpen(true)}>
        Report a problem
      </Button>
      <Modal
        open={open}
        title="Report a problem"
        okText="Send report"
        confirmLoading={report.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item name="title" label="What went wrong?" rules={[{ required: true, message: 'Say in a few words what went wrong.' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="description"
            label="Details (what you did, what you expected)"
            rules={[{ required: true, message: 'Describe what you did and what happened.' }]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} />
          </Form.Item>
          {messages.length > 0 && <div role="alert" style={{ color: '#cf1322' }}>{messages.join(' ')}</div>}
          <div style={{ color: '#8c8c8c', fontSize: 12 }}>The page address, browser and screen size are sent with the report.</div>
        </Form>
      </Modal>
    </>
  );
}
