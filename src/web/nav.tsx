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
  FundProjectionScreenOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserSwitchOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Me } from './api/types';
import { canAudit, canListOrganisations, canManageInstruments, hasMembership, isBureauAdmin } from './auth/roles';
import { canReadTelemetry } from './components/telemetry/access';

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
    key: 'devices',
    path: '/devices',
    label: { zh: '传感设备', en: 'Sensors' },
    icon: <WifiOutlined />,
    visible: canManageInstruments,
    page: lazy(() => import('./pages/devices/Devices')),
    children: [{ path: '/devices/:id', page: lazy(() => import('./pages/devices/DeviceRecord')) }],
  },
  {
    key: 'live-board',
    path: '/telemetry/board',
    label: { zh: '实时看板', en: 'Live board' },
    icon: <FundProjectionScreenOutlined />,
    visible: canReadTelemetry,
    page: lazy(() => import('./pages/telemetry/LiveBoard')),
    // An instrument's power trace and levels are reached from the board, the devices and the hours.
    children: [{ path: '/telemetry/instruments/:id', page: lazy(() => import('./pages/telemetry/PowerTrace')) }],
  },
  {
    key: 'power-hours',
    path: '/telemetry/hours',
    label: { zh: '开机时长统计', en: 'Power-on hours' },
    icon: <FieldTimeOutlined />,
    visible: canReadTelemetry,
    page: lazy(() => import('./pages/telemetry/PowerHours')),
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
