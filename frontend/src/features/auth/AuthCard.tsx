/** The centred card of the pages one reaches before signing in (sign-in, password reset, invitations). */
import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

export function AuthCard({ subtitle, children }: { subtitle: ReactNode; children: ReactNode }) {
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 440 }}>
        <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 4 }}>
          ProjectMeats
        </Typography.Title>
        <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>
        {children}
      </Card>
    </main>
  );
}

/** The form's messages that belong to no field; a link's `token` error reads as a sentence, not "token: …". */
export function withoutTokenPrefix(messages: string[]): string[] {
  return messages.map((message) => message.replace(/^token: /, ''));
}
