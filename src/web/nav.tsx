/**
 * The signed-in workspace's modules, in one list: the left navigation, the routes and who may see
 * them all come from here. Adding a module (challenges, instruments, vouchers…) is one entry.
 */
import {
  AccountBookOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BulbOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DiffOutlined,
  ExperimentOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FilterOutlined,
  FlagOutlined,
  FormOutlined,
  FundProjectionScreenOutlined,
  MoneyCollectOutlined,
  OrderedListOutlined,
  PieChartOutlined,
  ProfileOutlined,
  ProjectOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserSwitchOutlined,
  WalletOutlined,
  WifiOutlined,
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
  managedOrganisations,
} from './auth/roles';
import { canReadTelemetry } from './components/telemetry/access';
import { canSeeMetrics } from './pages/metrics/metricsView';
import { hasWallet, isProviderSide, isVoucherReader } from './pages/vouchers/common';

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
const NeedEditor = lazy(() => import('./pages/challenges/needs/NeedEditor'));
const NeedRecord = lazy(() => import('./pages/challenges/needs/NeedRecord'));
const ListEditor = lazy(() => import('./pages/challenges/lists/ListEditor'));
/** Bureau staff who read 揭榜挂帅 (the server's challenge.read): officers, admins, finance, auditors. */
const isBureauStaff = (me: Me) => hasRole(me, 'bureau_officer', 'bureau_admin', 'finance_officer', 'auditor');
const QuotaRecord = lazy(() => import('./pages/vouchers/wallet/QuotaRecord'));
const QuotaApplicationRecord = lazy(() => import('./pages/vouchers/wallet/ApplicationRecord'));
const ProviderRecord = lazy(() => import('./pages/vouchers/providers/ProviderRecord'));
const ClaimRecord = lazy(() => import('./pages/vouchers/claims/ClaimRecord'));

/**
 * Innovation vouchers (创新券): the enterprise's wallet, the provider's admission and claims, and the
 * bureau's programmes, queues, settlement and figures. Records opened from two sides share a page
 * and tell the side by their path.
 */
const voucherEntries: NavEntry[] = [
  {
    key: 'vch-wallet',
    path: '/vouchers/wallet',
    label: { zh: '创新券钱包', en: 'Voucher wallet' },
    icon: <WalletOutlined />,
    visible: hasWallet,
    page: lazy(() => import('./pages/vouchers/wallet/Wallet')),
    children: [
      { path: '/vouchers/wallet/quotas/:id', page: QuotaRecord },
      { path: '/vouchers/wallet/applications/:id', page: QuotaApplicationRecord },
    ],
  },
  {
    key: 'vch-provider',
    path: '/vouchers/provider',
    label: { zh: '服务机构入库', en: 'Provider admission' },
    icon: <ShopOutlined />,
    visible: isProviderSide,
    page: lazy(() => import('./pages/vouchers/providers/MyAdmissions')),
    children: [
      { path: '/vouchers/provider/apply', page: lazy(() => import('./pages/vouchers/providers/ProviderApply')) },
      { path: '/vouchers/provider/:id', page: ProviderRecord },
    ],
  },
  {
    key: 'vch-claims',
    path: '/vouchers/claims',
    label: { zh: '创新券兑付申请', en: 'Voucher claims' },
    icon: <MoneyCollectOutlined />,
    visible: isProviderSide,
    page: lazy(() => import('./pages/vouchers/claims/ProviderClaims')),
    children: [{ path: '/vouchers/claims/:id', page: ClaimRecord }],
  },
  {
    key: 'vch-programmes',
    path: '/vouchers/programmes',
    label: { zh: '创新券政策', en: 'Voucher programmes' },
    icon: <ProfileOutlined />,
    visible: isVoucherReader,
    page: lazy(() => import('./pages/vouchers/programmes/Programmes')),
    children: [
      { path: '/vouchers/programmes/new', page: lazy(() => import('./pages/vouchers/programmes/ProgrammeNew')) },
      { path: '/vouchers/programmes/:id', page: lazy(() => import('./pages/vouchers/programmes/ProgrammeRecord')) },
    ],
  },
  {
    key: 'vch-providers',
    path: '/vouchers/providers',
    label: { zh: '服务机构审核', en: 'Provider review' },
    icon: <SolutionOutlined />,
    visible: isVoucherReader,
    page: lazy(() => import('./pages/vouchers/providers/ProviderQueue')),
    children: [{ path: '/vouchers/providers/:id', page: ProviderRecord }],
  },
  {
    key: 'vch-quotas',
    path: '/vouchers/quotas',
    label: { zh: '创新券申领审核', en: 'Voucher applications' },
    icon: <CarryOutOutlined />,
    visible: isVoucherReader,
    page: lazy(() => import('./pages/vouchers/quotas/QuotaQueue')),
    children: [
      { path: '/vouchers/quotas/applications/:id', page: QuotaApplicationRecord },
      { path: '/vouchers/quotas/:id', page: QuotaRecord },
    ],
  },
  {
    key: 'vch-review',
    path: '/vouchers/review',
    label: { zh: '兑付审核', en: 'Claim review' },
    icon: <FileSearchOutlined />,
    visible: isVoucherReader,
    page: lazy(() => import('./pages/vouchers/claims/ReviewQueue')),
    children: [{ path: '/vouchers/review/:id', page: ClaimRecord }],
  },
  {
    key: 'vch-settlements',
    path: '/vouchers/settlements',
    label: { zh: '兑付结算', en: 'Voucher settlement' },
    icon: <AccountBookOutlined />,
    visible: isVoucherReader,
    page: lazy(() => import('./pages/vouchers/settlements/Settlements')),
    children: [
      { path: '/vouchers/settlements/:id', page: lazy(() => import('./pages/vouchers/settlements/SettlementRecord')) },
    ],
  },
  {
    key: 'vch-figures',
    path: '/vouchers/figures',
    label: { zh: '创新券统计', en: 'Voucher figures' },
    icon: <PieChartOutlined />,
    visible: isVoucherReader,
    page: lazy(() => import('./pages/vouchers/figures/Figures')),
  },
];

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
    key: 'metrics',
    // Not /metrics: that is the Prometheus scrape endpoint (http/metrics.plugin.ts).
    path: '/sharing-metrics',
    label: { zh: '共享指标', en: 'Sharing metrics' },
    icon: <BarChartOutlined />,
    visible: canSeeMetrics,
    page: lazy(() => import('./pages/metrics/MetricsDashboard')),
  },
  {
    key: 'asset-imports',
    path: '/assets/imports',
    label: { zh: '资产卡片导入', en: 'Asset register import' },
    icon: <CloudUploadOutlined />,
    visible: (me) => managedOrganisations(me).length > 0,
    page: lazy(() => import('./pages/assets/AssetImports')),
    children: [
      { path: '/assets/imports/new', page: lazy(() => import('./pages/assets/ImportWizard')) },
      { path: '/assets/imports/:orgId/:importId', page: lazy(() => import('./pages/assets/ImportReportPage')) },
    ],
  },
  {
    key: 'reconciliation',
    path: '/assets/reconciliation',
    label: { zh: '账实核对待办', en: 'Reconciliation to-do' },
    icon: <ReconciliationOutlined />,
    // Organisations see their own; the bureau's readers see their region.
    visible: (me) =>
      managedOrganisations(me).length > 0 ||
      hasRole(me, 'bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'),
    page: lazy(() => import('./pages/assets/Reconciliation')),
  },
  {
    key: 'my-needs',
    path: '/my-needs',
    label: { zh: '我的需求', en: 'My needs' },
    icon: <BulbOutlined />,
    // Enterprises report needs; bureau staff belong to the bureau, which reports none.
    visible: (me) => hasMembership(me) && !isBureauStaff(me),
    page: lazy(() => import('./pages/challenges/needs/MyNeeds')),
    children: [
      { path: '/my-needs/new', page: NeedEditor },
      { path: '/my-needs/:id', page: NeedRecord },
      { path: '/my-needs/:id/edit', page: NeedEditor },
    ],
  },
  {
    key: 'challenge-batches',
    path: '/challenge-admin/batches',
    label: { zh: '揭榜批次', en: 'Challenge batches' },
    icon: <ProjectOutlined />,
    visible: isBureauStaff,
    page: lazy(() => import('./pages/challenges/batches/Batches')),
    children: [
      { path: '/challenge-admin/batches/:id', page: lazy(() => import('./pages/challenges/batches/BatchRecord')) },
    ],
  },
  {
    key: 'challenge-needs',
    path: '/challenge-admin/needs',
    label: { zh: '需求甄别', en: 'Need screening' },
    icon: <FilterOutlined />,
    visible: isBureauStaff,
    page: lazy(() => import('./pages/challenges/needs/NeedQueue')),
    children: [{ path: '/challenge-admin/needs/:id', page: NeedRecord }],
  },
  {
    key: 'challenge-lists',
    path: '/challenge-admin/lists',
    label: { zh: '榜单管理', en: 'Challenge lists' },
    icon: <OrderedListOutlined />,
    visible: isBureauStaff,
    page: lazy(() => import('./pages/challenges/lists/ManagedLists')),
    children: [
      { path: '/challenge-admin/lists/new', page: ListEditor },
      { path: '/challenge-admin/lists/:id', page: lazy(() => import('./pages/challenges/lists/ListRecord')) },
      { path: '/challenge-admin/lists/:id/edit', page: ListEditor },
    ],
  },
  {
    key: 'list-reviews',
    path: '/challenge-review',
    label: { zh: '榜单论证', en: 'List reviews' },
    icon: <SolutionOutlined />,
    visible: (me) => hasRole(me, 'expert'),
    page: lazy(() => import('./pages/challenges/lists/ReviewQueue')),
    children: [{ path: '/challenge-review/:id', page: lazy(() => import('./pages/challenges/lists/ListReview')) }],
  },
  {
    key: 'challenge-apply-mine',
    path: '/challenges/apply/mine',
    label: { zh: '我的揭榜', en: 'My challenge applications' },
    icon: <FlagOutlined />,
    // The bureau runs the lists; it does not apply to them.
    visible: (me) => hasMembership(me) && !isBureauStaff(me),
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
    visible: (me) => hasMembership(me) && !isBureauStaff(me),
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
  ...voucherEntries,
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
