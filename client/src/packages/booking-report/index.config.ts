export default definePageConfig({ navigationBarTitleText: '延时服务周报', enablePullDownRefresh: true });
