/**
 * The demo community's duty lists (名山社区): what it performs (履职事项), what it assists departments
 * with (协助事项), and what residents bring to it that it does not handle, with where to go instead.
 */
import type { DutyItem, NotHandledItem } from '@linli/shared';

const duty = (name: string, note: string | null = null): DutyItem => ({ name, note });

export const demoDutyLists: { performs: DutyItem[]; assists: DutyItem[]; notHandled: NotHandledItem[] } = {
  performs: [
    duty('居民诉求受理与回访', '网格员接诉即办，社区跟踪督办'),
    duty('邻里纠纷调解', '人民调解委员会'),
    duty('社区环境卫生巡查'),
    duty('独居、高龄老人关爱走访'),
    duty('居民信息登记与核实'),
    duty('社区安全隐患排查上报'),
  ],
  assists: [
    duty('城乡居民医保、养老保险参保登记', '协助市医保局、人社局'),
    duty('老年人优待证、高龄津贴申领', '协助市民政局'),
    duty('退役军人服务', '协助市退役军人事务局'),
    duty('残疾人证件申领', '协助市残联'),
  ],
  notHandled: [
    {
      name: '欠薪讨薪',
      office: '峨眉山市人力资源和社会保障局劳动保障监察大队',
      phone: '12333',
      address: '峨眉山市名山南路 36 号',
      note: '带上劳动合同、工资条或考勤记录',
      categoryIds: ['dispute-wage'],
    },
    {
      name: '户籍证明、身份证办理',
      office: '绥山派出所户籍窗口',
      phone: '0833-5522110',
      address: '峨眉山市绥山镇佛光西路 8 号',
      note: '工作日 9:00–17:00',
      categoryIds: ['ask-household'],
    },
    {
      name: '燃气开户、缴费与入户维修',
      office: '峨眉山市燃气公司客服中心',
      phone: '0833-5533119',
      address: '峨眉山市名山中路 102 号',
      note: '闻到燃气味请先开窗、不要开关电器，并拨打 119',
      categoryIds: ['life-heating'],
    },
    {
      name: '不动产登记、房产证办理',
      office: '峨眉山市政务服务中心不动产登记窗口',
      phone: '12345',
      address: '峨眉山市天景路 2 号政务服务中心一楼',
      note: null,
      categoryIds: [],
    },
  ],
};
