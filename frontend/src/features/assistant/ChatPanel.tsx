/**
 * The assistant's chat: conversations on the left, the thread on the right. The question shows at once, the
 * answer is revealed progressively, and tool results come as tables whose records link to their pages.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Input, List, Row, Skeleton, Spin, Table, Typography } from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { createResource, listResource, postJson } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { notifyError } from '@/app/notify';
import { humanize } from '@/components/orders/Timeline';
import { formatDateTime } from '@/components/resource/display';

type Session = Schemas['ChatSession'];
type Message = Schemas['ChatMessage'];

const SESSIONS = '/api/v1/ai-assistant/chat/sessions/';

/** Where a row of a tool result lives in the app, by the list it came in. */
const ROUTES: Record<string, string> = {
  purchase_orders: '/purchase-orders',
  orders: '/purchase-orders',
  sales_orders: '/sales-orders',
  loads: '/loads',
  invoices: '/invoices',
  payments: '/payments',
  customers: '/customers',
  suppliers: '/suppliers',
  products: '/products',
  documents: '/assistant/documents',
};

function cell(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(cell).join(', ');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${humanize(k)}: ${cell(v)}`).join(', ');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value);
  return String(value);
}

/** A tool's result: lists of rows as tables (linked by id), scalars and small objects as a line of facts. */
export function ToolResult({ name, result }: { name: string; result: unknown }) {
  if (!result || typeof result !== 'object') return null;
  const record = result as Record<string, unknown>;
  if (typeof record.error === 'string') return <Alert type="warning" showIcon message={record.error} />;
  const tables = Object.entries(record).filter(([, value]) => Array.isArray(value) && value.length && typeof value[0] === 'object');
  const facts = Object.entries(record).filter(([, value]) => !Array.isArray(value) || !value.length || typeof value[0] !== 'object');
  const singleDocument = name === 'document_extraction' && typeof record.id === 'number';
  return (
    <div style={{ marginTop: 8 }} data-testid={`tool-${name}`}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {humanize(name)}
      </Typography.Text>
      {facts.length > 0 && (
        <div style={{ fontSize: 13 }}>
          {facts.map(([key, value]) => (
            <span key={key} style={{ marginRight: 12 }}>
              <strong>{columnTitle(key)}:</strong>{' '}
              {key === 'id' && singleDocument ? <Link to={`/assistant/documents/${String(value)}`}>{String(value)}</Link> : value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>).map(([k, v]) => `${humanize(k)} ${cell(v)}`).join(', ') : cell(value)}
            </span>
          ))}
        </div>
      )}
      {tables.map(([key, rows]) => {
        const list = rows as Record<string, unknown>[];
        const columns = Object.keys(list[0] ?? {}).filter((column) => column !== 'id');
        const base = ROUTES[key];
        return (
          <Table<Record<string, unknown>>
            key={key}
            size="small"
            style={{ marginTop: 4 }}
            rowKey={(row, index) => String(row.id ?? index)}
            pagination={list.length > 10 ? { pageSize: 10, size: 'small' } : false}
            dataSource={list}
            title={() => <strong>{humanize(key)}</strong>}
            scroll={{ x: 'max-content' }}
            columns={columns.map((column, index) => ({
              key: column,
              title: columnTitle(column),
              render: (_: unknown, row: Record<string, unknown>) =>
                index === 0 && base && row.id !== undefined ? <Link to={`${base}/${String(row.id)}`}>{cell(row[column])}</Link> : cell(row[column]),
            }))}
          />
        );
      })}
    </div>
  );
}

const TITLES: Record<string, string> = { qty: 'Quantity', lb: 'lb', po: 'PO', so: 'SO', id: 'ID', uom: 'Unit' };

/** A result column's key as a heading: "balance_due" -> "Balance due", "total_weight_lb" -> "Total weight (lb)". */
function columnTitle(key: string): string {
  if (TITLES[key]) return TITLES[key];
  const unit = /_(lb|kg|cwt)$/.exec(key);
  const base = humanize(unit ? key.slice(0, -unit[0].length) : key).replace(/\bPo\b/g, 'PO').replace(/\bSo\b/g, 'SO');
  return unit ? `${base} (${unit[1]})` : base;
}

/** Reveals `text` a few characters at a time (the answer arrives whole; this keeps the reading rhythm). */
function Progressive({ text, animate }: { text: string; animate: boolean }) {
  const [shown, setShown] = useState(animate ? 0 : text.length);
  useEffect(() => {
    if (!animate) return;
    const timer = window.setInterval(() => setShown((count) => (count >= text.length ? count : count + Math.max(2, Math.ceil(text.length / 60)))), 16);
    return () => window.clearInterval(timer);
  }, [text, animate]);
  return <span>{text.slice(0, shown)}</span>;
}

function Bubble({ message, animate }: { message: Message; animate: boolean }) {
  const mine = message.role === 'user';
  const data = message.data && typeof message.data === 'object' ? Object.entries(message.data as Record<string, unknown>) : [];
  return (
    <Flex justify={mine ? 'flex-end' : 'flex-start'}>
      <div
        data-testid={mine ? 'chat-question' : 'chat-answer'}
        style={{ maxWidth: '92%', background: mine ? '#e6f4ff' : '#fafafa', border: '1px solid #f0f0f0', borderRadius: 10, padding: '8px 12px', whiteSpace: 'pre-wrap' }}
      >
        {mine ? message.content : <Progressive text={message.content} animate={animate} />}
        {!mine && data.map(([name, result]) => <ToolResult key={name} name={name} result={result} />)}
      </div>
    </Flex>
  );
}

export function ChatPanel() {
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const [fresh, setFresh] = useState<number | null>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const sessions = useQuery({ queryKey: ['list', SESSIONS], queryFn: () => listResource<Session>(SESSIONS, { ordering: '-updated_at', page_size: 50 }) });
  const messages = useQuery({
    queryKey: ['chat', current],
    queryFn: async () => (await listResource<Message>(`${SESSIONS}${current}/messages/`, {})).results,
    enabled: current !== null,
  });

  const ask = useMutation({
    mutationFn: async (question: string) => {
      let session = current;
      if (session === null) {
        session = (await createResource<Session>(SESSIONS, {})).id;
        setCurrent(session);
      }
      const reply = await postJson<Schemas['ChatReply']>(`${SESSIONS}${session}/messages/`, { content: question });
      return { session, reply };
    },
    onSuccess: ({ session, reply }) => {
      // A new conversation's messages query may already hold this exchange (it starts fetching when the session
      // is created and can finish after the reply): add each message once.
      const added = new Set([reply.question.id, reply.answer.id]);
      queryClient.setQueryData<Message[]>(['chat', session], (old) => [...(old ?? []).filter((message) => !added.has(message.id)), reply.question, reply.answer]);
      setFresh(reply.answer.id);
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: ['list', SESSIONS] });
    },
    onError: (error) => {
      setPending(null);
      notifyError(error, 'The assistant could not answer');
    },
  });

  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.data, pending]);

  const send = () => {
    const question = text.trim();
    if (!question || ask.isPending) return;
    setPending(question);
    setText('');
    ask.mutate(question);
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={7}>
        <Card
          size="small"
          title="Conversations"
          extra={
            <Button size="small" icon={<PlusOutlined />} onClick={() => setCurrent(null)}>
              New
            </Button>
          }
        >
          {sessions.isPending ? (
            <Skeleton active />
          ) : (
            <List<Session>
              size="small"
              dataSource={sessions.data?.results ?? []}
              locale={{ emptyText: 'No conversations yet.' }}
              renderItem={(session) => (
                <List.Item
                  onClick={() => setCurrent(session.id)}
                  style={{ cursor: 'pointer', background: session.id === current ? '#e6f4ff' : undefined, paddingInline: 8 }}
                >
                  <Typography.Text ellipsis>{session.title || `Conversation ${session.id}`}</Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={17}>
        <Card size="small" title={current ? (sessions.data?.results.find((s) => s.id === current)?.title || 'Conversation') : 'New conversation'}>
          <Flex vertical gap={8} style={{ minHeight: 300, maxHeight: '60vh', overflowY: 'auto' }} aria-live="polite">
            {current === null && !pending && (
              <Empty description="Ask about open orders, loads this week, AR aging, overdue customers, or a document (e.g. “document 3”)." />
            )}
            {messages.isFetching && !messages.data && <Skeleton active />}
            {(messages.data ?? []).map((message) => (
              <Bubble key={message.id} message={message} animate={message.id === fresh} />
            ))}
            {pending && (
              <>
                <Flex justify="flex-end">
                  <div style={{ background: '#e6f4ff', borderRadius: 10, padding: '8px 12px' }}>{pending}</div>
                </Flex>
                <Spin size="small" tip="Thinking…">
                  <div style={{ height: 32 }} />
                </Spin>
              </>
            )}
            <div ref={bottom} />
          </Flex>
          <Flex gap={8} style={{ marginTop: 12 }}>
            <Input.TextArea
              aria-label="Ask the assistant"
              placeholder="Ask about your business…"
              autoSize={{ minRows: 1, maxRows: 4 }}
              value={text}
              onChange={(event) => setText(event.target.value)}
              onPressEnter={(event) => {
                if (!event.shiftKey) {
                  event.preventDefault();
                  send();
                }
              }}
            />
            <Button type="primary" icon={<SendOutlined />} loading={ask.isPending} onClick={send}>
              Ask
            </Button>
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
