/** "Report a problem" on every page: files a bug report with the page URL, browser and screen size. */
import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { BugOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { applyFieldErrors } from '@/api/errors';
import { postJson } from '@/api/resource';
import { notifySuccess } from '@/app/notify';

export const BUG_REPORTS_PATH = '/api/v1/bug-reports/';

export function browserContext() {
  return {
    page_url: window.location.href,
    browser: window.navigator.userAgent,
    screen_size: `${window.screen.width}x${window.screen.height} (window ${window.innerWidth}x${window.innerHeight})`,
  };
}

export function ReportProblemButton() {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const [form] = Form.useForm<{ title: string; description: string }>();
  const report = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (values: { title: string; description: string }) => postJson(BUG_REPORTS_PATH, { ...values, ...browserContext() }),
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
          <Form.Item name="description" label="Details (what you did, what you expected)">
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} />
          </Form.Item>
          {messages.length > 0 && <div role="alert" style={{ color: '#cf1322' }}>{messages.join(' ')}</div>}
          <div style={{ color: '#8c8c8c', fontSize: 12 }}>The page address, browser and screen size are sent with the report.</div>
        </Form>
      </Modal>
    </>
  );
}
