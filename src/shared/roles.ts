/**
 * Roles a user can hold. "Public" is simply being signed out; an organisation's administrator is a
 * flag on the membership, not a role, because it is about the organisation and nothing else.
 */
export const orgRoles = ['enterprise_user', 'solver', 'instrument_manager'] as const;
export const personalRoles = ['expert'] as const;
export const bureauRoles = ['bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'] as const;
export const roles = [...orgRoles, ...personalRoles, ...bureauRoles] as const;

export type OrgRole = (typeof orgRoles)[number];
export type BureauRole = (typeof bureauRoles)[number];
export type Role = (typeof roles)[number];

export const isOrgRole = (r: string): r is OrgRole => (orgRoles as readonly string[]).includes(r);
export const isBureauRole = (r: string): r is BureauRole => (bureauRoles as readonly string[]).includes(r);

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  enterprise_user: { zh: '企业用户', en: 'Enterprise user' },
  solver: { zh: '揭榜方', en: 'Solver' },
  instrument_manager: { zh: '仪器管理员', en: 'Instrument manager' },
  expert: { zh: '评审专家', en: 'Expert' },
  bureau_officer: { zh: '科技局业务人员', en: 'Bureau officer' },
  bureau_admin: { zh: '科技局管理员', en: 'Bureau administrator' },
  finance_officer: { zh: '财务人员', en: 'Finance officer' },
  auditor: { zh: '审计员', en: 'Auditor' },
};

export const organisationTypes = [
  'enterprise',
  'university',
  'research_institute',
  'new_rd_institute',
  'service_provider',
  'government',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const organisationTypeLabels: Record<OrganisationType, { zh: string; en: string }> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  university: { zh: '高校', en: 'University' },
  research_institute: { zh: '科研院所', en: 'Research institute' },
  new_rd_institute: { zh: '新型研发机构', en: 'New-type R&D institute' },
  service_provider: { zh: '服务机构', en: 'Service provider' },
  government: { zh: '政府部门', en: 'Government' },
};

export const organisationStatuses = ['registered', 'verified', 'rejected', 'suspended'] as const;
export type OrganisationStatus = (typeof organisationStatuses)[number];

export const organisationStatusLabels: Record<OrganisationStatus, { zh: string; en: string }> = {
  registered: { zh: '待核验', en: 'Awaiting verification' },
  verified: { zh: '已核验', en: 'Verified' },
  rejected: { zh: '已退回', en: 'Returned' },
  suspended: { zh: '已暂停', en: 'Suspended' },
};
