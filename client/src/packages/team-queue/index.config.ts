export default definePageConfig({ navigationBarTitleText: '团队待办', enablePullDownRefresh: true });
