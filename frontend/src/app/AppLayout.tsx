/** The signed-in frame: side menu, tenant switcher, "Report a problem", user menu with sign-out. */
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Dropdown, Grid, Layout, Menu, Select, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { AppstoreOutlined, DashboardOutlined, DollarOutlined, HomeOutlined, LogoutOutlined, RobotOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@/api/roles';
import { RESOURCES } from '@/features/registry';
import { ReportProblemButton } from '@/features/bug-reports/ReportProblemButton';
import { useSession, useSignOut, useSwitchTenant } from './session';
import { FullPageSpinner } from './RouteError';

function TenantSwitcher() {
  const { me, tenant } = useSession();
  const switchTenant = useSwitchTenant();
  const navigate = useNavigate();
  if (!me || !tenant) return <Tag color="red">No tenant</Tag>;
  if (me.tenants.length < 2) {
    return (
      <Space size={4} data-testid="current-tenant">
        <Typography.Text strong>{tenant.name}</Typography.Text>
        <Tag>{ROLE_LABELS[tenant.role]}</Tag>
      </Space>
    );
  }
  return (
    <Select
      aria-label="Tenant"
      data-testid="current-tenant"
      value={tenant.id}
      style={{ minWidth: 220 }}
      onChange={(id: number) => {
        switchTenant(id);
        navigate('/');
      }}
      options={me.tenants.map((item) => ({ value: item.id, label: `${item.name} · ${ROLE_LABELS[item.role]}` }))}
    />
  );
}

export default function AppLayout() {
  const { me, allows } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo<MenuProps['items']>(() => {
    const groups = new Map<string, { key: string; label: React.ReactNode; order: number }[]>();
    for (const resource of RESOURCES) {
      if (!resource.menu || !allows(resource, 'list')) continue;
      const list = groups.get(resource.menu.group) ?? [];
      list.push({ key: `/${resource.key}`, label: <Link to={`/${resource.key}`}>{resource.title}</Link>, order: resource.menu.order ?? 50 });
      groups.set(resource.menu.group, list);
    }
    const grouped = [...groups.entries()].map(([group, children]) => ({
      key: `group:${group}`,
      type: 'group' as const,
      label: group,
      children: children.sort((a, b) => a.order - b.order).map(({ key, label }) => ({ key, label, icon: <AppstoreOutlined /> })),
    }));
    return [
      { key: '/', icon: <HomeOutlined />, label: <Link to="/">Home</Link> },
      { key: '/dashboard', icon: <DashboardOutlined />, label: <Link to="/dashboard">Dashboard</Link> },
      ...grouped,
      { key: '/receivables', icon: <DollarOutlined />, label: <Link to="/receivables">AR aging</Link> },
      { key: '/assistant', icon: <RobotOutlined />, label: <Link to="/assistant">AI assistant</Link> },
      { key: '/settings', icon: <SettingOutlined />, label: <Link to="/settings">Settings</Link> },
    ];
  }, [allows]);

  const selected = '/' + (location.pathname.split('/')[1] ?? '');
  const displayName = me ? [me.user.first_name, me.user.last_name].filter(Boolean).join(' ') || me.user.username : '';

  const userMenu: MenuProps = {
    items: [
      { key: 'settings', icon: <SettingOutlined />, label: 'Profile and password' },
      { type: 'divider' },
      { key: 'sign-out', icon: <LogoutOutlined />, label: 'Sign out', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'settings') navigate('/settings');
      if (key === 'sign-out') signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) });
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        collapsedWidth={screens.md ? 64 : 0}
        width={220}
        theme="dark"
      >
        <div style={{ color: '#fff', fontWeight: 700, fontSize: 18, padding: '18px 20px', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed ? 'PM' : 'ProjectMeats'}
        </div>
        <nav aria-label="Main">
          <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, borderBottom: '1px solid #f0f0f0' }}>
          <TenantSwitcher />
          <Space>
            <ReportProblemButton />
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" aria-label="User menu" data-testid="user-menu">
                <Space>
                  <Avatar size="small" icon={<UserOutlined />} />
                  {screens.sm && displayName}
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: screens.md ? 24 : 12 }}>
          <Suspense fallback={<FullPageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
