/** The signed-in frame: side menu, tenant switcher, "Report a problem", user menu with sign-out. */
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Dropdown, Grid, Layout, Menu, Select, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AccountBookOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  CalculatorOutlined,
  CloudDownloadOutlined,
  BugOutlined,
  ContactsOutlined,
  ControlOutlined,
  CreditCardOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  DollarOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  KeyOutlined,
  LogoutOutlined,
  ProjectOutlined,
  RiseOutlined,
  RobotOutlined,
  SearchOutlined,
  SettingOutlined,
  ShoppingOutlined,
  TagsOutlined,
  TeamOutlined,
  TruckOutlined,
  UsergroupAddOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS } from '@/api/roles';
import { RESOURCES } from '@/features/registry';
import { ReportProblemButton } from '@/features/bug-reports/ReportProblemButton';
import { NotificationBell } from '@/features/notifications/NotificationBell';
import { useSession, useSignOut, useSwitchTenant } from './session';
import { FullPageSpinner } from './RouteError';
import { KeyboardShortcuts, openShortcutHelp } from './shortcuts';

/** One distinct icon per list: the collapsed (tablet) menu is icons only. */
const ICONS: Record<string, React.ReactNode> = {
  suppliers: <BankOutlined />,
  plants: <ApartmentOutlined />,
  products: <TagsOutlined />,
  customers: <TeamOutlined />,
  'ship-to-locations': <EnvironmentOutlined />,
  contacts: <ContactsOutlined />,
  carriers: <TruckOutlined />,
  proteins: <ExperimentOutlined />,
  members: <UsergroupAddOutlined />,
  'bug-reports': <BugOutlined />,
  payments: <WalletOutlined />,
};

// Where each menu group goes: the daily work first, administration last.
const GROUP_ORDER = ['Orders', 'Receivables', 'Payables', 'Accounting', 'Master data', 'Settings'];

/** Each group is a submenu (its icon is what the collapsed tablet menu shows): with every list of the app in
 * the menu, the groups open one at a time is what fits a 1440x900 laptop or a 1024-high tablet. */
const GROUP_ICONS: Record<string, React.ReactNode> = {
  Orders: <ShoppingOutlined />,
  Receivables: <AccountBookOutlined />,
  Payables: <CreditCardOutlined />,
  Accounting: <CalculatorOutlined />,
  'Master data': <DatabaseOutlined />,
  Settings: <ControlOutlined />,
};

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

  const { items, groupOf } = useMemo(() => {
    type Entry = { key: string; label: React.ReactNode; icon: React.ReactNode; order: number };
    const groups = new Map<string, Entry[]>();
    const add = (group: string, entry: Entry) => groups.set(group, [...(groups.get(group) ?? []), entry]);
    for (const resource of RESOURCES) {
      if (!resource.menu || !allows(resource, 'list')) continue;
      add(resource.menu.group, {
        key: `/${resource.key}`,
        label: <Link to={`/${resource.key}`}>{resource.title}</Link>,
        icon: resource.menu.icon ?? ICONS[resource.key] ?? <AppstoreOutlined />,
        order: resource.menu.order ?? 50,
      });
    }
    const loadList = RESOURCES.find((resource) => resource.key === 'loads');
    if (loadList?.menu && allows(loadList, 'list')) {
      add(loadList.menu.group, {
        key: '/loads/board',
        label: <Link to="/loads/board">Load board</Link>,
        icon: <ProjectOutlined />,
        order: (loadList.menu.order ?? 50) + 0.5,
      });
    }
    add('Receivables', { key: '/receivables', label: <Link to="/receivables">AR aging</Link>, icon: <DollarOutlined />, order: 90 });
    if (allows({ api: 'accounts-payable' }, 'aging')) {
      add('Payables', { key: '/payables', label: <Link to="/payables">AP aging</Link>, icon: <AuditOutlined />, order: 90 });
    }
    if (allows({ api: 'journal-export' }, 'list')) {
      add('Accounting', { key: '/journal-exports', label: <Link to="/journal-exports">Exports</Link>, icon: <CloudDownloadOutlined />, order: 20 });
    }
    if (allows({ api: 'recall' }, 'list')) add('Orders', { key: '/recall', label: <Link to="/recall">Recall</Link>, icon: <SearchOutlined />, order: 95 });
    add('Receivables', { key: '/settlement-reports', label: <Link to="/settlement-reports">Settled margin</Link>, icon: <RiseOutlined />, order: 95 });
    add('Settings', { key: '/settings', label: <Link to="/settings">Settings</Link>, icon: <SettingOutlined />, order: 1 });
    const names = [...groups.keys()].sort((a, b) => (GROUP_ORDER.indexOf(a) + 100) % 100 - (GROUP_ORDER.indexOf(b) + 100) % 100);
    type Item = NonNullable<MenuProps['items']>[number];
    const grouped = names.map((group): Item => ({
      key: `group:${group}`,
      label: group,
      icon: GROUP_ICONS[group] ?? <AppstoreOutlined />,
      children: (groups.get(group) ?? []).sort((a, b) => a.order - b.order).map(({ key, label, icon }) => ({ key, label, icon })),
    }));
    const groupOf = new Map(names.flatMap((group) => (groups.get(group) ?? []).map((entry) => [entry.key, `group:${group}`] as const)));
    const menuItems: MenuProps['items'] = [
      { key: '/', icon: <DashboardOutlined />, label: <Link to="/">Dashboard</Link> },
      { key: '/assistant', icon: <RobotOutlined />, label: <Link to="/assistant">AI assistant</Link> },
      ...grouped,
    ];
    return { items: menuItems, groupOf };
  }, [allows]);

  const first = location.pathname.split('/')[1] ?? '';
  const selected = first === 'dashboard' ? '/' : location.pathname.startsWith('/loads/board') ? '/loads/board' : '/' + first;
  // The group of the page on screen opens (the others keep what the user chose); collapsed, the groups are
  // pop-ups that Menu opens on hover.
  const currentGroup = groupOf.get(selected);
  const [openKeys, setOpenKeys] = useState<string[]>(currentGroup ? [currentGroup] : []);
  const [shownGroup, setShownGroup] = useState(currentGroup);
  if (shownGroup !== currentGroup) {
    setShownGroup(currentGroup);
    if (currentGroup && !openKeys.includes(currentGroup)) setOpenKeys([...openKeys, currentGroup]);
  }
  const displayName = me ? [me.user.first_name, me.user.last_name].filter(Boolean).join(' ') || me.user.username : '';

  const userMenu: MenuProps = {
    items: [
      { key: 'settings', icon: <SettingOutlined />, label: 'Profile and password' },
      { key: 'shortcuts', icon: <KeyOutlined />, label: 'Keyboard shortcuts (?)' },
      { type: 'divider' },
      { key: 'sign-out', icon: <LogoutOutlined />, label: 'Sign out', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'settings') navigate('/settings');
      if (key === 'shortcuts') openShortcutHelp();
      if (key === 'sign-out') signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) });
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <KeyboardShortcuts />
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        collapsedWidth={screens.md ? 64 : 0}
        width={220}
        theme="dark"
        // The menu stays in view while the page scrolls, and scrolls itself if a small screen needs it.
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div style={{ color: '#fff', fontWeight: 700, fontSize: 18, padding: '14px 20px', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed ? 'PM' : 'ProjectMeats'}
        </div>
        <nav aria-label="Main">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            items={items}
            className="main-menu"
            forceSubMenuRender
            {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, borderBottom: '1px solid #f0f0f0' }}>
          <TenantSwitcher />
          <Space>
            <NotificationBell />
            <ReportProblemButton />
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" aria-label={displayName ? `${displayName} · user menu` : 'User menu'} data-testid="user-menu">
                <Space>
                  <Avatar size="small" icon={<UserOutlined />} />
                  {screens.sm && displayName}
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} style={{ padding: screens.md ? 24 : 12, minWidth: 0, outline: 'none' }}>
          <Suspense fallback={<FullPageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
