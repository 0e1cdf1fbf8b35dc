/**
 * A record's activity (#16 item 5): its workflow events, the field changes from the audit history ("Notes: 'a' →
 * 'b'" with the field's label, by whom, when) and the members' comments with their attachments, in one timeline;
 * below it the comment box (@mentions of members, files). Used by the order and load pages and the partner pages.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Mentions, Select, Skeleton, Space, Tag, Timeline as AntTimeline, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { CommentOutlined, PaperClipOutlined } from '@ant-design/icons';
import { enumOptions } from '@/api/enums';
import type { EnumName } from '@/api/enums';
import { ApiError } from '@/api/errors';
import { listResource, postMultipart } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { useSession } from '@/app/session';
import { TimelineEventView, eventColor, humanize } from '@/components/orders/Timeline';
import { fetchBlob } from '@/components/orders/download';
import { formatDateTime } from '@/components/resource/display';
import type { DetailTabDef, Row } from '@/components/resource/types';
import { commentTarget, mergeActivity, splitMentions } from './activity';
import type { ActivityItem, Comment, HistoryEntry, TimelineEvent } from './activity';

const COMMENTS = '/api/v1/comments/';

export function activityKey(target: string) {
  return ['activity', target];
}

/** Saves an attachment with the session's headers (a plain link could not send the tenant). */
export async function downloadAttachment(attachment: Schemas['CommentAttachment']): Promise<void> {
  const path = new URL(attachment.url, window.location.origin).pathname;
  const blob = await fetchBlob(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = attachment.name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function CommentBody({ comment }: { comment: Comment }) {
  const parts = splitMentions(comment.body, comment.mentions.map((mention) => mention.username));
  return (
    <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="comment-body">
      {parts.map((part, index) =>
        part.mention ? (
          <Tag key={index} color="blue" style={{ marginInlineEnd: 2 }}>
            {part.text}
          </Tag>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </div>
  );
}

function Attachments({ comment }: { comment: Comment }) {
  const [error, setError] = useState<string | null>(null);
  if (!comment.attachments.length) return null;
  return (
    <div>
      {comment.attachments.map((attachment) => (
        <div key={attachment.id}>
          <Button
            type="link"
            size="small"
            icon={<PaperClipOutlined />}
            style={{ paddingInline: 0 }}
            data-testid="attachment-link"
            onClick={() => downloadAttachment(attachment).catch((reason: Error) => setError(reason.message))}
          >
            {attachment.name}
          </Button>{' '}
          <Typography.Text type="secondary">
            {attachment.kind_label} · {formatSize(attachment.size)}
          </Typography.Text>
        </div>
      ))}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </div>
  );
}

function ItemView({ item, statusEnum }: { item: ActivityItem; statusEnum?: EnumName }) {
  if (item.kind === 'event') return <TimelineEventView event={item.event} statusEnum={statusEnum} />;
  if (item.kind === 'change') {
    const entry = item.entry;
    const who = entry.user?.display ?? 'system';
    return (
      <div data-testid="activity-change">
        {entry.action !== 'update' && <Typography.Text strong>{humanize(entry.action === 'create' ? 'created' : 'deleted')} </Typography.Text>}
        {item.lines.map((line) => (
          <div key={line}>
            <Typography.Text>{line}</Typography.Text>
          </div>
        ))}
        <Typography.Text type="secondary">
          by {who} at {formatDateTime(entry.at)}
          {entry.reason ? ` · ${entry.reason}` : ''}
        </Typography.Text>
      </div>
    );
  }
  const comment = item.comment;
  return (
    <div data-testid="activity-comment">
      <Typography.Text strong>{comment.author?.display ?? 'Someone'}</Typography.Text>{' '}
      <Typography.Text type="secondary">
        commented {formatDateTime(comment.created_at)}
        {comment.edited_at ? ' (edited)' : ''}
      </Typography.Text>
      {comment.body && <CommentBody comment={comment} />}
      <Attachments comment={comment} />
    </div>
  );
}

function CommentBox({ target, onPosted }: { target: string; onPosted: () => void }) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [kind, setKind] = useState<string>('other');
  const [search, setSearch] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  const members = useQuery({
    queryKey: ['comment-members', search],
    queryFn: async () => (await listResource<Schemas['MemberChoice']>(`${COMMENTS}members/`, { search })).results,
    staleTime: 60_000,
  });

  const submit = async () => {
    setPosting(true);
    setErrors({});
    setMessage(null);
    const form = new FormData();
    form.append('target', target);
    form.append('body', body);
    form.append('attachment_kind', kind);
    for (const file of files) if (file.originFileObj) form.append('attachments', file.originFileObj, file.name);
    try {
      await postMultipart<Comment>(COMMENTS, form);
      setBody('');
      setFiles([]);
      onPosted();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length) setErrors(error.fieldErrors);
      else setMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setPosting(false);
    }
  };

  const fieldError = (name: string) =>
    errors[name]?.map((text) => (
      <Typography.Text key={text} type="danger" style={{ display: 'block' }} role="alert">
        {text}
      </Typography.Text>
    ));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="comment-box">
      <Mentions
        aria-label="Comment"
        placeholder="Write a comment; @ mentions a member"
        autoSize={{ minRows: 2, maxRows: 8 }}
        value={body}
        onChange={setBody}
        onSearch={(text) => setSearch(text)}
        status={errors.body ? 'error' : undefined}
        options={(members.data ?? []).map((member) => ({
          key: String(member.id),
          value: member.username,
          label: (
            <span data-testid="mention-option">
              {member.display} <Typography.Text type="secondary">@{member.username}</Typography.Text>
            </span>
          ),
        }))}
      />
      {fieldError('body')}
      <Space wrap>
        <Upload
          multiple
          fileList={files}
          accept="application/pdf,image/png,image/jpeg,image/tiff,image/heic"
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList)}
        >
          <Button icon={<PaperClipOutlined />}>Attach files</Button>
        </Upload>
        {files.length > 0 && (
          <Select
            aria-label="The files are"
            value={kind}
            onChange={setKind}
            style={{ minWidth: 200 }}
            options={enumOptions('CommentAttachmentKindEnum')}
          />
        )}
        <Button type="primary" icon={<CommentOutlined />} loading={posting} onClick={() => void submit()} disabled={!body.trim() && !files.length}>
          Post comment
        </Button>
      </Space>
      {fieldError('attachments')}
      {fieldError('target')}
      {message && <Alert type="error" showIcon message={message} />}
      <Typography.Text type="secondary">PDF or photos, at most 10 MB each.</Typography.Text>
    </Space>
  );
}

export function RecordActivity({
  target,
  path,
  id,
  timeline = false,
  statusEnum,
}: {
  /** The record as the comments API names it: app_label.model:id. */
  target: string;
  /** The record's API path prefix, e.g. /api/v1/purchase-orders/ (for its history and timeline). */
  path: string;
  id: string;
  /** Whether the record has a workflow timeline (`{id}/timeline/`). */
  timeline?: boolean;
  statusEnum?: EnumName;
}) {
  const queryClient = useQueryClient();
  const { allows } = useSession();
  const activity = useQuery<ActivityItem[], Error>({
    queryKey: activityKey(target),
    queryFn: async () => {
      const [events, history, comments] = await Promise.all([
        timeline ? listResource<TimelineEvent>(`${path}${id}/timeline/`, {}).then((page) => page.results) : Promise.resolve([]),
        listResource<HistoryEntry>(`${path}${id}/history/`, { page_size: 200 }).then((page) => page.results),
        listResource<Comment>(COMMENTS, { target, page_size: 200 }).then((page) => page.results),
      ]);
      return mergeActivity({ events, history, comments });
    },
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: activityKey(target) });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="record-activity">
      {activity.error ? (
        <Alert type="error" showIcon message="Could not load the activity" description={activity.error.message} />
      ) : !activity.data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : !activity.data.length ? (
        <Empty description="Nothing has happened yet." />
      ) : (
        <AntTimeline
          items={activity.data.map((item) => ({
            key: item.key,
            color: item.kind === 'comment' ? 'green' : item.kind === 'change' ? 'gray' : eventColor(item.event),
            children: <ItemView item={item} statusEnum={statusEnum} />,
          }))}
        />
      )}
      {allows({ api: 'comment' }, 'create') && <CommentBox target={target} onPosted={refresh} />}
    </Space>
  );
}

/** The "Activity" tab of a partner page (suppliers, customers, carriers): comments and the audit history. */
export function activityTab(path: string, { timeline = false }: { timeline?: boolean } = {}): DetailTabDef {
  function ActivityTab({ id }: { row: Row; id: string }) {
    const target = commentTarget(path, id);
    return target ? <RecordActivity target={target} path={path} id={id} timeline={timeline} /> : null;
  }
  return { key: 'activity', title: 'Activity', content: ActivityTab };
}
