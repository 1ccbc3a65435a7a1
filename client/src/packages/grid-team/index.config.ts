export default definePageConfig({ navigationBarTitleText: '网格团队', enablePullDownRefresh: true });
