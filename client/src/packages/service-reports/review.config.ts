export default definePageConfig({ navigationBarTitleText: '审核志愿服务', enablePullDownRefresh: true });
