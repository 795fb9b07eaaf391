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
  ExperimentOutlined,
  FieldTimeOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Me } from './api/types';
import { canAudit, canListOrganisations, canManageInstruments, hasMembership, isBureauAdmin } from './auth/roles';

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

const BookingRecord = lazy(() => import('./pages/bookings/BookingRecord'));

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
    // The record decides what each may do; managers open it under the queue or the calendar.
    children: [
      { path: '/bookings/:id', page: BookingRecord },
      { path: '/bookings/qualifications', page: lazy(() => import('./pages/bookings/MyQualifications')) },
    ],
  },
  {
    key: 'booking-queue',
    path: '/bookings/queue',
    label: { zh: '预约审批', en: 'Booking queue' },
    icon: <ScheduleOutlined />,
    visible: canManageInstruments,
    page: lazy(() => import('./pages/bookings/BookingQueue')),
    children: [{ path: '/bookings/queue/:id', page: BookingRecord }],
  },
  {
    key: 'booking-calendar',
    path: '/bookings/calendar',
    label: { zh: '预约日历', en: 'Booking calendar' },
    icon: <FieldTimeOutlined />,
    visible: canManageInstruments,
    page: lazy(() => import('./pages/bookings/ManagerCalendar')),
    children: [{ path: '/bookings/calendar/:id', page: BookingRecord }],
  },
  {
    key: 'training-records',
    path: '/bookings/training',
    label: { zh: '培训记录', en: 'Training records' },
    icon: <SafetyCertificateOutlined />,
    visible: (me) => canManageInstruments(me) && hasMembership(me),
    page: lazy(() => import('./pages/bookings/TrainingRecords')),
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
