export default definePageConfig({ navigationBarTitleText: '我报告的志愿服务', enablePullDownRefresh: true });
