/**
 * The signed-in workspace's modules, in one list: the left navigation, the routes and who may see
 * them all come from here. Adding a module (challenges, instruments, vouchers…) is one entry.
 */
import {
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  DiffOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  FlagOutlined,
  FormOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Me } from './api/types';
import {
  canAudit,
  canListOrganisations,
  canManageInstruments,
  hasMembership,
  hasRole,
  isBureau,
  isBureauAdmin,
} from './auth/roles';

export interface NavRoute {
  /** Route path under the workspace, e.g. `/admin/organisations/:id`. */
  path: string;
  page: LazyExoticComponent<ComponentType>;
}

export interface NavEntry {
  key: string;
  path: string;
  label: { zh: string; en: string };
  icon: ReactNode;
  /** Shown in the menu and reachable only when this holds; others get a "no permission" page. */
  visible: (me: Me) => boolean;
  page: LazyExoticComponent<ComponentType>;
  /** Sub-pages (records) that belong to this entry: the menu highlights the entry on them. */
  children?: NavRoute[];
}

export const navEntries: NavEntry[] = [
  {
    key: 'workspace',
    path: '/workspace',
    label: { zh: '工作台', en: 'Workspace' },
    icon: <DashboardOutlined />,
    visible: () => true,
    page: lazy(() => import('./pages/Workspace')),
  },
  {
    key: 'my-organisation',
    path: '/my-organisation',
    label: { zh: '我的单位', en: 'My organisation' },
    icon: <TeamOutlined />,
    visible: hasMembership,
    page: lazy(() => import('./pages/MyOrganisation')),
  },
  {
    key: 'my-bookings',
    path: '/bookings',
    label: { zh: '我的预约', en: 'My bookings' },
    icon: <CalendarOutlined />,
    visible: hasMembership,
    page: lazy(() => import('./pages/bookings/MyBookings')),
    // Managers open bookings from the queue too; the record decides what each may do.
    children: [{ path: '/bookings/:id', page: lazy(() => import('./pages/bookings/BookingRecord')) }],
  },
  {
    key: 'booking-queue',
    path: '/bookings/queue',
    label: { zh: '预约审批', en: 'Booking queue' },
    icon: <ScheduleOutlined />,
    visible: canManageInstruments,
    page: lazy(() => import('./pages/bookings/BookingQueue')),
  },
  {
    key: 'my-instruments',
    path: '/my-instruments',
    label: { zh: '我的仪器', en: 'My instruments' },
    icon: <ExperimentOutlined />,
    visible: (me) => canManageInstruments(me) && hasMembership(me),
    page: lazy(() => import('./pages/instruments/MyInstruments')),
  },
  {
    key: 'challenge-apply-mine',
    path: '/challenges/apply/mine',
    label: { zh: '我的揭榜', en: 'My challenge applications' },
    icon: <FlagOutlined />,
    visible: hasMembership,
    page: lazy(() => import('./pages/challenges/apply/MyApplications')),
    children: [
      {
        path: '/challenges/apply/applications/:id',
        page: lazy(() => import('./pages/challenges/apply/ApplicationRecord')),
      },
    ],
  },
  {
    key: 'challenge-apply-screening',
    path: '/challenges/apply/screening',
    label: { zh: '揭榜审查与遴选', en: 'Challenge screening & selection' },
    icon: <AuditOutlined />,
    visible: isBureau,
    page: lazy(() => import('./pages/challenges/apply/Screening')),
  },
  {
    key: 'challenge-apply-reviews',
    path: '/challenges/apply/reviews',
    label: { zh: '揭榜评审', en: 'Challenge reviews' },
    icon: <FormOutlined />,
    visible: (me) => hasRole(me, 'expert'),
    page: lazy(() => import('./pages/challenges/apply/Reviews')),
  },
  {
    key: 'challenge-apply-compare',
    path: '/challenges/apply/compare',
    label: { zh: '方案比选', en: 'Compare proposals' },
    icon: <DiffOutlined />,
    visible: hasMembership,
    page: lazy(() => import('./pages/challenges/apply/Compare')),
  },
  {
    key: 'challenge-apply-contracts',
    path: '/challenges/apply/contracts',
    label: { zh: '揭榜合同与补助', en: 'Challenge contracts & subsidy' },
    icon: <FileDoneOutlined />,
    visible: (me) => hasMembership(me) || hasRole(me, 'bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'),
    page: lazy(() => import('./pages/challenges/apply/Contracts')),
    children: [
      { path: '/challenges/apply/contracts/:id', page: lazy(() => import('./pages/challenges/apply/ContractRecord')) },
    ],
  },
  {
    key: 'organisations',
    path: '/admin/organisations',
    label: { zh: '单位管理', en: 'Organisations' },
    icon: <BankOutlined />,
    visible: canListOrganisations,
    page: lazy(() => import('./pages/admin/Organisations')),
    children: [{ path: '/admin/organisations/:id', page: lazy(() => import('./pages/admin/OrganisationRecord')) }],
  },
  {
    key: 'users',
    path: '/admin/users',
    label: { zh: '用户管理', en: 'Users' },
    icon: <UserSwitchOutlined />,
    visible: isBureauAdmin,
    page: lazy(() => import('./pages/admin/Users')),
  },
  {
    key: 'audit',
    path: '/audit',
    label: { zh: '审计日志', en: 'Audit log' },
    icon: <AuditOutlined />,
    visible: canAudit,
    page: lazy(() => import('./pages/Audit')),
  },
  {
    key: 'inbox',
    path: '/inbox',
    label: { zh: '消息中心', en: 'Inbox' },
    icon: <BellOutlined />,
    visible: () => true,
    page: lazy(() => import('./pages/Inbox')),
  },
];

/** The entry a location belongs to (longest matching path prefix). */
export function entryFor(pathname: string): NavEntry | undefined {
  return [...navEntries]
    .sort((a, b) => b.path.length - a.path.length)
    .find((e) => pathname === e.path || pathname.startsWith(`${e.path}/`));
}
