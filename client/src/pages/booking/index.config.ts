export default definePageConfig({ navigationBarTitleText: '延时服务', enablePullDownRefresh: true });
