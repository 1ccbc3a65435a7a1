/** Who may sign up: any registered resident, or only the community's registered volunteers. */
export const JOINERS = ['anyone', 'volunteers', 'team', 'unit'] as const;
export const JOINER_LABELS: Record<(typeof JOINERS)[number], string> = { anyone: '所有居民', volunteers: '志愿者', team: '本队队员', unit: '共建单位成员' };
