/** The landing page after sign-in: where you are, and the lists you can reach. */
import { Link } from 'react-router';
import { Card, Col, Row, Typography } from 'antd';
import { ROLE_LABELS } from '@/api/roles';
import { useSession } from '@/app/session';
import { RESOURCES } from '@/features/registry';

export default function HomePage() {
  const { me, tenant, allows } = useSession();
  const name = me?.user.first_name || me?.user.username;
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        Welcome, {name}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {tenant ? (
          <>
            You are working in <strong data-testid="home-tenant">{tenant.name}</strong> as {ROLE_LABELS[tenant.role]}.
          </>
        ) : (
          'You are not a member of any brokerage yet; ask an administrator to add you.'
        )}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {RESOURCES.filter((resource) => resource.menu && allows(resource, 'list')).map((resource) => (
          <Col key={resource.key} xs={24} sm={12} lg={8} xl={6}>
            <Link to={`/${resource.key}`}>
              <Card hoverable title={resource.title} size="small">
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  {resource.description ?? `Open the ${resource.title.toLowerCase()} list.`}
                </Typography.Paragraph>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
