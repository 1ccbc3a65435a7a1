export default definePageConfig({ navigationBarTitleText: '准入事项清单', enablePullDownRefresh: true });
