/** The tools a staff member's roles open (one table: who sees which entry, where it leads). */
import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role, User } from '@linli/shared';

const ADMINS: readonly Role[] = ['community_admin', 'street_admin'];
const CENTRE_STAFF: readonly Role[] = ['service_staff', ...ADMINS];
const SITE_STAFF: readonly Role[] = ['redemption_staff', ...ADMINS];

interface Tool {
  test: string;
  label: string;
  /** Page under /packages/ (`x` means `x/index`). */
  page: string;
  /** Who sees it: any of these roles (or a team captain, for activities). */
  roles: readonly Role[];
  captains?: boolean;
  /** The first three are the admin's own pages (plain buttons); the rest are entries. */
  plain?: boolean;
}

const TOOLS: readonly Tool[] = [
  { test: 'open-dashboard', label: '接诉即办指标', page: 'dashboard', roles: ADMINS, plain: true },
  { test: 'open-invitations', label: '人员邀请', page: 'invitations', roles: [...ADMINS, 'platform_admin'], plain: true },
  { test: 'open-map-import', label: '街道地图导入', page: 'map-import', roles: ['street_admin'], plain: true },
  { test: 'open-booking-desk', label: '服务中心预约台', page: 'booking-desk', roles: CENTRE_STAFF },
  { test: 'open-hotline-import', label: '12345工单文件导入', page: 'hotline-import', roles: ADMINS },
  { test: 'open-applications', label: '兼职网格员申请', page: 'applications', roles: ADMINS },
  { test: 'open-errand-desk', label: '代办工作台', page: 'errands/desk', roles: [...CENTRE_STAFF, 'grid_worker', 'parttime_grid_worker'] },
  { test: 'open-centre-settings', label: '服务中心设置', page: 'centre-settings', roles: CENTRE_STAFF },
  { test: 'open-booking-report', label: '延时服务周报', page: 'booking-report', roles: CENTRE_STAFF },
  { test: 'open-redemption-desk', label: '核销领取码', page: 'redemption-desk', roles: SITE_STAFF },
  { test: 'open-activity-admin', label: '志愿活动管理', page: 'activity-admin', roles: ADMINS, captains: true },
  { test: 'open-service-review', label: '审核志愿服务', page: 'service-reports/review', roles: ADMINS },
  { test: 'open-service-record', label: '服务记录导出', page: 'service-record', roles: ADMINS },
  { test: 'open-units', label: '共建单位', page: 'units', roles: ADMINS },
  { test: 'open-reward-admin', label: '兑换点管理', page: 'reward-admin', roles: SITE_STAFF },
  { test: 'open-team-queue', label: '团队待办（认领）', page: 'team-queue', roles: ['team_member', 'grid_worker'] },
  { test: 'open-grid-team', label: '网格团队', page: 'grid-team', roles: ['community_admin'] },
  { test: 'open-property-board', label: '物业红黑榜', page: 'property-board', roles: ADMINS },
  { test: 'open-staff-alerts', label: '工作群提醒', page: 'dashboard/alerts', roles: ['community_admin'] },
  { test: 'open-categories', label: '准入事项清单', page: 'dashboard/categories', roles: ADMINS },
  { test: 'open-grid-boards', label: '网格公示牌二维码', page: 'grid/boards', roles: ['grid_worker', ...ADMINS] },
];

const urlOf = (page: string): string => `/packages/${page.includes('/') ? page : `${page}/index`}`;

export function StaffTools({ user, captain }: { user: User; captain: boolean }) {
  const shown = TOOLS.filter((t) => (t.captains && captain) || user.roles.some((r) => t.roles.includes(r)));
  return (
    <>
      {shown.map((t) => (
        <Button key={t.test} className={t.plain ? 'btn' : 'btn btn-entry'} data-testid={t.test} onClick={() => void Taro.navigateTo({ url: urlOf(t.page) })}>
          {t.label}
        </Button>
      ))}
    </>
  );
}
